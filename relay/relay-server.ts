// Runs in the relay. Loopback HTTP server: /live/<channel>.flv as HTTP-FLV or (on upgrade) WS-FLV,
// every request checked against a stream token minted by main; /health for main and tests.
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { ChannelNameSchema } from "../contract/relay-control.js";
import { verifyStreamToken, type StreamTokenClaims } from "../contract/stream-token.js";
import { DEFAULT_TUNING } from "./relay-config.js";
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
  /** Viewers beyond this many with one token's session are answered 429 (not applied with noAuth: no sessions). */
  maxViewersPerSession?: number;
  /** Viewers beyond this many on one channel are answered 503. */
  maxViewersPerChannel?: number;
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
/** Viewers of a no-auth relay never expire. */
const NO_AUTH_CLAIMS = { session: "standalone", deadline: Number.MAX_SAFE_INTEGER };

type Admission =
  | { ok: true; channel: string; claims: StreamTokenClaims }
  | { ok: false; status: 401 | 404 | 405 | 429 | 503; reason: string };

export function createRelayServer(options: RelayServerOptions): RelayServer {
  const now = options.now ?? Date.now;
  const tokenKey = options.tokenKey;
  if (!tokenKey && !options.noAuth) throw new Error("relay server needs a token key (or noAuth for standalone use)");
  const maxViewers = options.maxViewers ?? DEFAULT_TUNING.maxViewers;
  const perSession = options.maxViewersPerSession ?? DEFAULT_TUNING.maxViewersPerSession;
  const perChannel = options.maxViewersPerChannel ?? DEFAULT_TUNING.maxViewersPerChannel;
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
    // One token must not fill the relay: a session is one tile's stream (issue 10).
    if (tokenKey && options.hub.sessionViewerCount(claims.session) >= perSession) {
      options.log("warn", `viewer refused: session ${claims.session} already holds its cap of ${perSession} viewers`, channel.data);
      return { ok: false, status: 429, reason: `viewer cap per session reached (${perSession})` };
    }
    if (options.hub.channelViewerCount(channel.data) >= perChannel) {
      options.log("warn", `viewer refused: the channel already serves its cap of ${perChannel} viewers`, channel.data);
      return { ok: false, status: 503, reason: `viewer cap per channel reached (${perChannel})` };
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
    // Without verifyClient, ws completes the handshake synchronously: the viewer is in the hub before the next
    // upgrade is admitted, so simultaneous upgrades can't slip past the caps.
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
