// Runs in the relay. Loopback HTTP server: /live/<channel>.flv as HTTP-FLV or (on upgrade) WS-FLV,
// every request checked against a stream token minted by main; /health for main and tests.
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { ChannelNameSchema } from "../contract/relay-control.js";
import { verifyStreamToken, type StreamTokenClaims } from "../contract/stream-token.js";
import type { RelayLog } from "./relay-log.js";
import type { StreamHub } from "./stream/stream-hub.js";
import { FlvViewer, type ViewerLimits } from "./viewer/flv-viewer.js";
import { HttpTransport } from "./viewer/http-transport.js";
import { WsTransport } from "./viewer/ws-transport.js";

export interface RelayServerOptions {
  hub: StreamHub;
  /** HMAC key for stream tokens. null only together with noAuth (standalone diagnostics). */
  tokenKey: Buffer | null;
  /** Standalone mode: no tokens at all (loopback only) and GET /stats for tools. */
  noAuth?: boolean;
  /** Viewers beyond this many (relay-wide) are answered 503. */
  maxViewers?: number;
  log: RelayLog;
  viewerLimits?: Partial<ViewerLimits>;
  /** Wall clock for token deadlines; injectable for tests. */
  now?: () => number;
}

export interface RelayServer {
  server: Server;
  /** Listens on 127.0.0.1 only; resolves with the bound port (useful with port 0). */
  listen(port: number): Promise<number>;
  close(): Promise<void>;
}

const LIVE_PATH = /^\/live\/([^/]+)\.flv$/;
export const DEFAULT_MAX_VIEWERS = 256;
/** Viewers of a no-auth relay never expire. */
const NO_AUTH_CLAIMS = { session: "standalone", deadline: Number.MAX_SAFE_INTEGER };

type Admission =
  | { ok: true; channel: string; claims: StreamTokenClaims }
  | { ok: false; status: 401 | 404 | 405 | 503; reason: string };

export function createRelayServer(options: RelayServerOptions): RelayServer {
  const now = options.now ?? Date.now;
  const tokenKey = options.tokenKey;
  if (!tokenKey && !options.noAuth) throw new Error("relay server needs a token key (or noAuth for standalone use)");
  const maxViewers = options.maxViewers ?? DEFAULT_MAX_VIEWERS;
  // Viewers never send media; a small payload cap keeps a hostile client from costing memory.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096, perMessageDeflate: false });

  /** Decides whether a request may become a viewer. Token first, so an unauthenticated client learns nothing about channels. */
  function admit(req: IncomingMessage): Admission | null {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const match = LIVE_PATH.exec(url.pathname);
    if (!match) return null;
    if (req.method !== "GET") return { ok: false, status: 405, reason: `method ${req.method ?? "?"} not allowed` };
    let rawChannel: string;
    try {
      rawChannel = decodeURIComponent(match[1] ?? "");
    } catch {
      return { ok: false, status: 404, reason: "bad channel name" };
    }
    const channel = ChannelNameSchema.safeParse(rawChannel);
    if (!channel.success) return { ok: false, status: 404, reason: "bad channel name" };
    let claims: StreamTokenClaims = { channel: channel.data, ...NO_AUTH_CLAIMS };
    if (tokenKey) {
      const token = url.searchParams.get("token");
      if (!token) return refuse(channel.data, "token missing");
      const check = verifyStreamToken(tokenKey, token, channel.data, now());
      if (!check.ok) return refuse(channel.data, `token ${check.reason}`);
      if (options.hub.isSessionRevoked(check.claims.session)) return refuse(channel.data, "token revoked");
      claims = check.claims;
    }
    if (!options.hub.has(channel.data)) {
      options.log("warn", "viewer refused: unknown channel", channel.data);
      return { ok: false, status: 404, reason: "unknown channel" };
    }
    if (options.hub.viewerCount >= maxViewers) {
      options.log("warn", `viewer refused: the relay already serves its cap of ${maxViewers} viewers`, channel.data);
      return { ok: false, status: 503, reason: `viewer cap reached (${maxViewers})` };
    }
    return { ok: true, channel: channel.data, claims };
  }

  function refuse(channel: string, reason: string): Admission {
    options.log("warn", `viewer refused: ${reason}`, channel);
    return { ok: false, status: 401, reason };
  }

  function makeViewer(channel: string, claims: StreamTokenClaims, transport: HttpTransport | WsTransport): FlvViewer {
    return new FlvViewer({
      channel,
      session: claims.session,
      grant: claims.grant ?? null,
      deadline: claims.deadline,
      transport,
      now,
      ...(options.viewerLimits ? { limits: options.viewerLimits } : {}),
    });
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/health" && req.method === "GET") {
      sendText(res, 200, JSON.stringify({ ok: true, streams: options.hub.size }), "application/json");
      return;
    }
    // Stats for tools; with tokens on, they travel to main over IPC only.
    if (options.noAuth && url.pathname === "/stats" && req.method === "GET") {
      sendText(res, 200, JSON.stringify({ streams: options.hub.stats() }), "application/json");
      return;
    }
    const admission = admit(req);
    if (!admission) {
      sendText(res, 404, "not found");
      return;
    }
    if (!admission.ok) {
      sendText(res, admission.status, admission.reason);
      return;
    }
    const viewer = makeViewer(admission.channel, admission.claims, new HttpTransport(res));
    options.hub.attach(viewer);
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => socket.destroy());
    const admission = admit(req);
    if (!admission || !admission.ok) {
      const status = admission ? admission.status : 404;
      const body = admission ? admission.reason : "not found";
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const viewer = makeViewer(admission.channel, admission.claims, new WsTransport(ws));
      // The channel may have been released during the handshake.
      if (!options.hub.attach(viewer)) viewer.fail("unknown channel");
    });
  }

  const server = createServer(onRequest);
  server.on("upgrade", onUpgrade);
  server.on("clientError", (_err, socket) => socket.destroy());

  return {
    server,
    listen(port: number): Promise<number> {
      return new Promise((resolvePort, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
          server.off("error", reject);
          resolvePort((server.address() as AddressInfo).port);
        });
      });
    },
    close(): Promise<void> {
      for (const ws of wss.clients) ws.terminate();
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}

function sendText(res: ServerResponse, status: number, body: string, type = "text/plain; charset=utf-8"): void {
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "Access-Control-Allow-Origin": "*",
  });
  res.end(body);
}
