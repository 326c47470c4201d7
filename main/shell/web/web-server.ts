// Runs in main. The web shell: a loopback HTTP server that serves the built renderer and carries the ConsoleApi
// over a WebSocket at /api. Any local process (another user's too) can reach a loopback port, so the page and the
// API need the per-launch session cookie (web-session.ts): a browser gets it for a one-time launch code
// (`/?code=…`, then redirected to the clean URL) or over the DevTools pipe of the browser this shell starts. A
// running shell mints new codes for `--print-url` (POST /launch-link with its private mint key).
import { createReadStream } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { RpcRequestSchema, type RpcResponse } from "../../../contract/console-api.js";
import type { ConsoleCore } from "../../core/console-core.js";
import { capabilityRefusal, mayReceive, parseWindowKind, type WindowKind } from "../../core/window-capabilities.js";
import type { Logger } from "../../log/logger.js";
import { RENDERER_CSP, resolveRendererFile } from "../renderer-files.js";
import { LaunchCodes, readCookie, secretMatches, sessionCookieName, sessionSetCookie, withoutCode } from "./web-session.js";

export type WebShellServer = {
  /** http://127.0.0.1:<port> — the console page itself, without anything secret. */
  origin: string;
  port: number;
  /** A fresh one-time link to the console (`/?code=…`): opens it once, within LAUNCH_CODE_TTL_MS. */
  launchUrl(): string;
  /** The session cookie, for the browser this shell starts (handed over the DevTools pipe, never on a command line). */
  sessionCookie: { name: string; value: string };
  /** What `--print-url` presents (Authorization: Bearer) to have the running shell mint a launch link. */
  mintKey: string;
  close(): Promise<void>;
};

const MAX_MESSAGE_BYTES = 1024 * 1024;
const randomToken = () => randomBytes(24).toString("base64url");

/** What a browser shows for the page without a session: a launch link that was used, expired, or none at all. */
const NEEDS_LINK_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Vigil</title></head>
<body style="font:16px/1.6 sans-serif;background:#111;color:#ddd;margin:3em">
<p>此链接已使用或已过期（一次性链接只能打开一次）。请在运行控制台的电脑上执行 <code>npm start -- --web --print-url</code> 获取新的链接。</p>
<p lang="en">This link was already used or has expired (a launch link opens the console once). Run <code>npm start -- --web --print-url</code> on the computer that runs the console for a new one.</p>
</body></html>
`;

export async function startWebShellServer(opts: {
  core: Pick<ConsoleCore, "call" | "onEvent">;
  rendererDir: string;
  port?: number;
  log: Logger;
}): Promise<WebShellServer> {
  const secret = randomToken();
  const mintKey = randomToken();
  const codes = new LaunchCodes(randomToken);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let origin = "";
  let host = "";
  let cookieName = "";
  const signedIn = (req: IncomingMessage) => secretMatches(secret, readCookie(req.headers.cookie, cookieName));

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    // Only the address the shell printed: a page on another host name resolving to 127.0.0.1 (DNS rebinding) gets nothing.
    if (req.headers.host !== host) {
      res.writeHead(421, { "Content-Type": "text/plain; charset=utf-8" }).end("misdirected request");
      return;
    }
    if (req.method === "POST" && url.pathname === "/launch-link") {
      const given = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!secretMatches(mintKey, given)) {
        opts.log.warn("web shell refused a launch link request without the mint key");
        res.writeHead(401, { "Content-Type": "text/plain; charset=utf-8" }).end("unauthorized");
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" }).end(JSON.stringify({ url: launchUrl() }));
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    const code = url.searchParams.get("code");
    if (code !== null) {
      // The exchange: a live code buys the cookie; either way the code leaves the address bar (and the history).
      const fresh = codes.redeem(code);
      if (fresh || signedIn(req)) {
        res.writeHead(303, {
          Location: withoutCode(url),
          ...(fresh ? { "Set-Cookie": sessionSetCookie(cookieName, secret) } : {}),
          "Cache-Control": "no-store",
          "Referrer-Policy": "no-referrer",
        });
        res.end();
        return;
      }
      opts.log.warn("web shell refused a launch link that was used or expired");
      return needsLink(res);
    }
    const found = resolveRendererFile(opts.rendererDir, url.pathname);
    if (!found) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found");
      return;
    }
    const page = found.file.endsWith("index.html");
    // Scripts and styles hold no secrets; the page itself (and with it the API) needs the session.
    if (page && !signedIn(req)) return needsLink(res);
    res.writeHead(200, {
      "Content-Type": found.contentType,
      "Content-Security-Policy": RENDERER_CSP,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": page ? "no-store" : "max-age=3600",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(found.file).pipe(res);
  });

  function needsLink(res: ServerResponse): void {
    res.writeHead(401, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    });
    res.end(NEEDS_LINK_PAGE);
  }

  function launchUrl(): string {
    return `${origin}/?code=${codes.mint()}`;
  }

  server.on("upgrade", (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const refuse = (status: number, why: string) => {
      opts.log.warn(`web shell refused an API connection: ${why}`);
      socket.end(`HTTP/1.1 ${status} ${why}\r\nConnection: close\r\n\r\n`);
    };
    if (url.pathname !== "/api") return refuse(404, "Not Found");
    if (req.headers.host !== host) return refuse(421, "Misdirected Request");
    if (!signedIn(req)) return refuse(401, "Unauthorized");
    // Browsers always send Origin: a page of another site (or another port of 127.0.0.1, which shares our cookie) is refused.
    if (req.headers.origin && req.headers.origin !== origin) return refuse(403, "Forbidden");
    // A program-output page connects with ?view=program and gets only that window kind's methods and events.
    const kind = parseWindowKind(url.searchParams.get("view"));
    if (!kind) return refuse(400, "Bad Request");
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, kind));
  });

  function attach(ws: WebSocket, kind: WindowKind): void {
    const send = (message: unknown) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = opts.core.onEvent((event) => {
      if (mayReceive(kind, event.event)) send(event);
    });
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
      const refusal = capabilityRefusal(kind, request.method, request.params);
      if (refusal) opts.log.warn(`web shell refused ${request.method} from a ${kind} page`);
      const outcome = refusal ? { ok: false as const, error: refusal } : await opts.core.call(request.method, request.params);
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
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;
  cookieName = sessionCookieName(port);
  return {
    origin,
    port,
    launchUrl,
    sessionCookie: { name: cookieName, value: secret },
    mintKey,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
