// Test helper: a tiny media server standing in for a city platform's HTTP-FLV / WS-FLV endpoints.
// Routes serve real clips paced in real time (optionally altered), crafted bytes, or error pages.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname } from "node:path";
import { WebSocketServer, type WebSocket } from "ws";
import type { FlvTag } from "../flv/flv-parser.js";
import { flvHeaderBytes, flvTagBytes } from "../flv/flv-writer.js";
import { FileLoopSource } from "../sources/file-loop-source.js";

export interface PlayOptions {
  /** Alters or drops (null) each tag; `n` counts tags from 0. */
  mapTag?: (tag: FlvTag, n: number) => FlvTag | null;
  /** Ends the response (or WS) after this long, like a camera that drops the connection. */
  endAfterMs?: number;
}

/** Plays an FLV file as a live stream into `write`; returns stop(). */
export function playFlv(path: string, write: (chunk: Buffer) => void, end: () => void, opts: PlayOptions = {}): () => void {
  const source = new FileLoopSource({ path, mediaRoot: dirname(path) });
  let n = 0;
  source.on("header", (h) => write(flvHeaderBytes(h)));
  source.on("tag", (tag) => {
    const out = opts.mapTag ? opts.mapTag(tag, n) : tag;
    n++;
    if (out) write(flvTagBytes(out.type, out.timestamp, out.data));
  });
  source.on("error", () => end());
  source.start();
  const timer = opts.endAfterMs ? setTimeout(() => (source.stop(), end()), opts.endAfterMs) : null;
  return () => {
    if (timer) clearTimeout(timer);
    source.stop();
  };
}

export type HttpRoute = (req: IncomingMessage, res: ServerResponse) => void;
export type WsRoute = (ws: WebSocket) => void;

export interface Upstream {
  port: number;
  http(path: string): string;
  ws(path: string): string;
  /** Requests seen per path (HTTP and WS). */
  hits: Map<string, number>;
  close(): Promise<void>;
}

export function flvRoute(path: string, opts: PlayOptions = {}): HttpRoute {
  return (_req, res) => {
    res.writeHead(200, { "Content-Type": "video/x-flv" });
    const stop = playFlv(path, (b) => res.write(b), () => res.destroy(), opts);
    res.on("close", stop);
  };
}

export function flvWsRoute(path: string, opts: PlayOptions = {}): WsRoute {
  return (ws) => {
    const stop = playFlv(path, (b) => ws.send(b, { binary: true }), () => ws.terminate(), opts);
    ws.on("close", stop);
  };
}

/** Answers with a fixed status, content type and body (error pages, JSON errors, garbage). */
export function fixedRoute(status: number, type: string, body: string | Buffer, keepOpen = false): HttpRoute {
  return (_req, res) => {
    res.writeHead(status, { "Content-Type": type });
    if (keepOpen) res.write(body);
    else res.end(body);
  };
}

export async function startUpstream(routes: Record<string, HttpRoute>, wsRoutes: Record<string, WsRoute> = {}): Promise<Upstream> {
  const hits = new Map<string, number>();
  const count = (url: string | undefined) => {
    const path = new URL(url ?? "/", "http://x").pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    return path;
  };
  const server = createServer((req, res) => {
    const route = routes[count(req.url)];
    if (route) route(req, res);
    else fixedRoute(404, "text/plain", "no such stream")(req, res);
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const route = wsRoutes[count(req.url)];
    if (!route) {
      socket.end("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => route(ws));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    http: (path) => `http://127.0.0.1:${port}${path}`,
    ws: (path) => `ws://127.0.0.1:${port}${path}`,
    hits,
    close: () => {
      for (const ws of wss.clients) ws.terminate();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
