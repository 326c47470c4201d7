// Runs in the demo media server. Stands for a city media server (ZLMediaKit conventions): /{app}/{stream}.live.flv
// as HTTP-FLV, or WS-FLV on upgrade, where stream = <cameraId>_<main|sub>; every request needs a play-ticket token.
// Built on the relay's hub, file-loop source and viewers: one looped clip feeds every camera mapped to it.
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { SourceSpec } from "../../contract/relay-control.js";
import type { RelayLog } from "../../relay/relay-log.js";
import { FileLoopSource } from "../../relay/sources/file-loop-source.js";
import { resolveMediaPath } from "../../relay/sources/media-path.js";
import { StreamHub, type SourceFactory } from "../../relay/stream/stream-hub.js";
import { FlvViewer } from "../../relay/viewer/flv-viewer.js";
import { HttpTransport } from "../../relay/viewer/http-transport.js";
import { WsTransport } from "../../relay/viewer/ws-transport.js";
import { demoClipIndex } from "../demo/demo-catalog.js";
import { verifyMediaTicket, type MediaTicketClaims } from "./media-ticket.js";

export interface MediaServerOptions {
  mediaRoot: string;
  clips: readonly string[];
  key: Buffer;
  log: RelayLog;
  now?: () => number;
}

export interface MediaServer {
  server: Server;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  viewerCount(): number;
}

const STREAM_PATH = /^\/([A-Za-z0-9_-]{1,32})\/(\d{20})_(main|sub)\.live\.flv$/;
/** Without an end from the access decision, a session lasts until the viewer leaves. */
const NO_END_MS = 10 * 365 * 24 * 3600_000;

type Admission = { ok: true; channel: string; claims: MediaTicketClaims } | { ok: false; status: number; reason: string };

function fileSources(mediaRoot: string): SourceFactory {
  return {
    check(spec: SourceSpec): void {
      if (spec.kind !== "file") throw new Error("the demo media server plays files only");
      resolveMediaPath(mediaRoot, spec.path);
    },
    create(spec: SourceSpec): FileLoopSource {
      if (spec.kind !== "file") throw new Error("the demo media server plays files only");
      return new FileLoopSource({ path: resolveMediaPath(mediaRoot, spec.path), mediaRoot });
    },
  };
}

export function createMediaServer(options: MediaServerOptions): MediaServer {
  const now = options.now ?? Date.now;
  if (options.clips.length === 0) throw new Error(`no demo clips (*.flv) in ${options.mediaRoot}`);
  const hub = new StreamHub({ sources: fileSources(options.mediaRoot), log: options.log, lingerMs: 20_000 });
  const channels = options.clips.map((clip, i) => {
    const channel = `clip${i}`;
    hub.ensureSource(channel, { kind: "file", path: clip });
    return channel;
  });
  const viewers = new Set<FlvViewer>();
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
    const channel = channels[demoClipIndex(check.claims.c, channels.length)] ?? "clip0";
    return { ok: true, channel, claims: check.claims };
  }

  function attach(admission: Extract<Admission, { ok: true }>, transport: HttpTransport | WsTransport): void {
    const viewer = new FlvViewer({
      channel: admission.channel,
      session: admission.claims.s,
      deadline: admission.claims.d || now() + NO_END_MS,
      transport,
      now,
    });
    viewers.add(viewer);
    viewer.onClose(() => viewers.delete(viewer));
    if (!hub.attach(viewer)) viewer.fail("stream unavailable");
  }

  function send(res: ServerResponse, status: number, body: string, type = "text/plain; charset=utf-8"): void {
    res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" });
    res.end(body);
  }

  const server = createServer((req, res) => {
    if (req.url === "/health" && req.method === "GET") {
      send(res, 200, JSON.stringify({ ok: true, clips: options.clips.length, viewers: viewers.size }), "application/json");
      return;
    }
    const admission = admit(req);
    if (!admission) return send(res, 404, "not found");
    if (!admission.ok) return send(res, admission.status, admission.reason);
    attach(admission, new HttpTransport(res));
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
    wss.handleUpgrade(req, socket, head, (ws) => attach(admission, new WsTransport(ws)));
  });
  server.on("clientError", (_err, socket) => socket.destroy());

  return {
    server,
    viewerCount: () => viewers.size,
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
      hub.close();
      for (const ws of wss.clients) ws.terminate();
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}
