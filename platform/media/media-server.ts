// Runs in the demo media server. Stands for a city media server (ZLMediaKit conventions): /{app}/{stream}.live.flv
// as HTTP-FLV, or WS-FLV on upgrade, where stream = <cameraId>_<main|sub>; every request needs a play-ticket token.
// It enforces access itself, so a ticket fetched around the console is held to the same rules: a session is cut at
// its ticket's end, and at once when the platform API revokes what the ticket stands on (POST MEDIA_CONTROL_PATH).
// Built on the relay's public FLV fan-out: one looped clip feeds every camera mapped to it.
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { createFlvFanout, type FanoutLog, type FanoutViewer } from "../../relay/public/flv-fanout.js";
import { demoClipIndex } from "../demo/demo-catalog.js";
import { MAX_CONTROL_BYTES, MEDIA_CONTROL_PATH, openMediaControl, type MediaControlAnswer, type MediaControlMessage } from "./media-control.js";
import { verifyMediaTicket, type MediaTicketClaims } from "./media-ticket.js";
import { describeRevocation, RevocationList, type TicketHolder } from "./revocation-list.js";

export interface MediaServerOptions {
  mediaRoot: string;
  clips: readonly string[];
  key: Buffer;
  log: FanoutLog;
  now?: () => number;
}

export interface MediaServer {
  server: Server;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  viewerCount(): number;
}

const STREAM_PATH = /^\/([A-Za-z0-9_-]{1,32})\/(\d{20})_(main|sub)\.live\.flv$/;

type Admission = { ok: true; channel: string; claims: MediaTicketClaims } | { ok: false; status: number; reason: string };
/** A live session: its viewer, its stream, and whose access it stands on (moved on by leases). */
type Live = { viewer: FanoutViewer; stream: string; holder: TicketHolder };

const holderOf = (c: Pick<MediaTicketClaims, "s" | "u" | "r" | "i">): TicketHolder => ({ s: c.s, u: c.u, r: c.r, i: c.i });

export function createMediaServer(options: MediaServerOptions): MediaServer {
  const now = options.now ?? Date.now;
  if (options.clips.length === 0) throw new Error(`no demo clips (*.flv) in ${options.mediaRoot}`);
  const fanout = createFlvFanout({ mediaRoot: options.mediaRoot, log: options.log, lingerMs: 20_000, now });
  const channels = options.clips.map((clip, i) => {
    const channel = `clip${i}`;
    fanout.addClip(channel, clip);
    return channel;
  });
  const live = new Set<Live>();
  const revocations = new RevocationList();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096, perMessageDeflate: false });

  function admit(req: IncomingMessage): Admission | null {
    const url = new URL(req.url ?? "/", "http://media.local");
    const match = STREAM_PATH.exec(url.pathname);
    if (!match?.[2] || !match[3]) return null;
    if (req.method !== "GET") return { ok: false, status: 405, reason: "method not allowed" };
    const token = url.searchParams.get("token");
    if (!token) return { ok: false, status: 401, reason: "play ticket token missing" };
    const check = verifyMediaTicket(options.key, token, `${match[2]}_${match[3]}`, now());
    if (!check.ok) {
      options.log("warn", `viewer refused: ticket ${check.reason}`, match[2]);
      return { ok: false, status: check.reason === "expired" || check.reason === "access-ended" ? 403 : 401, reason: `play ticket ${check.reason}` };
    }
    const revoked = revocations.match(holderOf(check.claims), now());
    if (revoked) {
      options.log("warn", `viewer refused: ticket revoked (${describeRevocation(revoked)})`, match[2]);
      return { ok: false, status: 403, reason: `play ticket revoked: ${describeRevocation(revoked)}` };
    }
    const channel = channels[demoClipIndex(check.claims.c, channels.length)] ?? "clip0";
    return { ok: true, channel, claims: check.claims };
  }

  function attach(admission: Extract<Admission, { ok: true }>, serve: (spec: { channel: string; session: string; deadline: number }) => FanoutViewer): void {
    const { claims } = admission;
    const viewer = serve({ channel: admission.channel, session: claims.s, deadline: claims.d });
    const entry: Live = { viewer, stream: `${claims.c}_${claims.p}`, holder: holderOf(claims) };
    live.add(entry);
    viewer.onClose(() => live.delete(entry));
  }

  /** Revocations first (cut what they match), then leases (never for what is revoked). */
  function control(message: MediaControlMessage): MediaControlAnswer {
    const at = now();
    revocations.add(message.revocations, at);
    let cut = 0;
    for (const entry of live) {
      const revoked = revocations.match(entry.holder, at);
      if (!revoked || entry.viewer.closed) continue;
      entry.viewer.revoke(`revoked: ${describeRevocation(revoked)}`);
      cut++;
    }
    let extended = 0;
    for (const lease of message.leases) {
      const holder = holderOf(lease);
      if (lease.d <= at || revocations.match(holder, at)) continue;
      const stream = `${lease.c}_${lease.p}`;
      for (const entry of live) {
        if (entry.holder.s !== lease.s || entry.stream !== stream || !entry.viewer.extendDeadline(lease.d)) continue;
        entry.holder = holder;
        extended++;
      }
    }
    if (cut > 0) options.log("info", `access control: ${cut} session(s) cut (revoked)`);
    return { ok: true, cut, extended };
  }

  function send(res: ServerResponse, status: number, body: string, type = "text/plain; charset=utf-8"): void {
    res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" });
    res.end(body);
  }

  function receiveControl(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_CONTROL_BYTES && !refused) {
        refused = true;
        send(res, 413, `control message over ${MAX_CONTROL_BYTES} bytes`);
        req.destroy();
      }
      if (!refused) chunks.push(chunk);
    });
    req.on("end", () => {
      if (refused) return;
      const opened = openMediaControl(options.key, Buffer.concat(chunks).toString("utf8"));
      if (!opened.ok) {
        options.log("warn", `control message refused: ${opened.reason}`);
        send(res, opened.reason === "bad-signature" ? 401 : 400, `control message ${opened.reason}`);
        return;
      }
      send(res, 200, JSON.stringify(control(opened.message)), "application/json");
    });
  }

  const server = createServer((req, res) => {
    if (req.url === "/health" && req.method === "GET") {
      send(res, 200, JSON.stringify({ ok: true, clips: options.clips.length, viewers: live.size }), "application/json");
      return;
    }
    if (req.url === MEDIA_CONTROL_PATH) {
      if (req.method !== "POST") return send(res, 405, "method not allowed");
      return receiveControl(req, res);
    }
    const admission = admit(req);
    if (!admission) return send(res, 404, "not found");
    if (!admission.ok) return send(res, admission.status, admission.reason);
    attach(admission, (spec) => fanout.serveHttp(res, spec));
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const admission = admit(req);
    if (!admission || !admission.ok) {
      const status = admission ? admission.status : 404;
      const body = admission ? admission.reason : "not found";
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(admission, (spec) => fanout.serveWs(ws, spec)));
  });
  server.on("clientError", (_err, socket) => socket.destroy());

  return {
    server,
    viewerCount: () => live.size,
    listen(port: number, host = "127.0.0.1"): Promise<number> {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    close(): Promise<void> {
      fanout.close();
      for (const ws of wss.clients) ws.terminate();
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}
