// Runs in main. The web shell: a loopback HTTP server that serves the built renderer and carries the ConsoleApi
// over a WebSocket at /api. A per-launch secret (in the page URL as ?k=) guards the API, since any local
// process could otherwise reach a loopback port.
import { createReadStream } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { RpcRequestSchema, type RpcResponse } from "../../../contract/console-api.js";
import type { ConsoleCore } from "../../core/console-core.js";
import type { Logger } from "../../log/logger.js";
import { RENDERER_CSP, resolveRendererFile } from "../renderer-files.js";

export type WebShellServer = { url: string; port: number; close(): Promise<void> };

const MAX_MESSAGE_BYTES = 1024 * 1024;

function secretMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebShellServer(opts: {
  core: ConsoleCore;
  rendererDir: string;
  port?: number;
  log: Logger;
}): Promise<WebShellServer> {
  const secret = randomBytes(24).toString("base64url");
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let origin = "";

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    const found = resolveRendererFile(opts.rendererDir, url.pathname);
    if (!found) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "Content-Type": found.contentType,
      "Content-Security-Policy": RENDERER_CSP,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": found.file.endsWith("index.html") ? "no-store" : "max-age=3600",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(found.file).pipe(res);
  });

  server.on("upgrade", (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const refuse = (status: number, why: string) => {
      opts.log.warn(`web shell refused an API connection: ${why}`);
      socket.end(`HTTP/1.1 ${status} ${why}\r\nConnection: close\r\n\r\n`);
    };
    if (url.pathname !== "/api") return refuse(404, "Not Found");
    if (!secretMatches(secret, url.searchParams.get("k"))) return refuse(401, "Unauthorized");
    if (req.headers.origin && req.headers.origin !== origin) return refuse(403, "Forbidden");
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const send = (message: unknown) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = opts.core.onEvent((event) => send(event));
    ws.on("message", async (data, isBinary) => {
      let request;
      try {
        if (isBinary) throw new Error("binary frame");
        request = RpcRequestSchema.parse(JSON.parse(data.toString()));
      } catch (err) {
        const response: RpcResponse = {
          id: -1,
          ok: false,
          error: { code: "INVALID_REQUEST", message: `malformed message: ${err instanceof Error ? err.message : String(err)}` },
        };
        opts.log.warn("web shell: malformed API message");
        send(response);
        return;
      }
      const outcome = await opts.core.call(request.method, request.params);
      send({ id: request.id, ...outcome } satisfies RpcResponse);
    });
    ws.on("close", unsubscribe);
    ws.on("error", unsubscribe);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?k=${secret}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
