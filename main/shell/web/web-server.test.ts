// The web shell's door, over real HTTP and WebSockets on loopback: a one-time launch code buys the HttpOnly session
// cookie once and leaves the URL; the page and the API need the cookie; another origin, another host name and a
// used or expired code get nothing; `--print-url`'s mint key makes new codes.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { RpcEvent, RpcOutcome } from "../../../contract/console-api.js";
import { createLogger } from "../../log/logger.js";
import { launchFilePath, removeLaunchFile, requestLaunchUrl, writeLaunchFile } from "./launch-file.js";
import { startWebShellServer, type WebShellServer } from "./web-server.js";

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A raw request (fetch would follow redirects and hide Set-Cookie). */
function get(url: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** How a WebSocket handshake ends: "open", or the HTTP status it was refused with. */
function connect(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once("open", () => {
      ws.close();
      resolve("open");
    });
    ws.once("unexpected-response", (_req, res) => resolve(String(res.statusCode)));
    ws.once("error", () => resolve("error"));
  });
}

let server: WebShellServer;
let rendererDir: string;
const core = {
  call: async (): Promise<RpcOutcome> => ({ ok: true, result: null }),
  onEvent: (_listener: (event: RpcEvent) => void) => () => {},
};

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), "vigil-web-"));
  mkdirSync(join(rendererDir, "assets"));
  writeFileSync(join(rendererDir, "index.html"), "<!doctype html><title>console</title>");
  writeFileSync(join(rendererDir, "assets", "app.js"), "console.log(1)");
  server = await startWebShellServer({ core, rendererDir, log: createLogger("test", "error") });
});
afterAll(async () => {
  await server?.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

/** Exchanges a fresh launch link for the session cookie, as a browser does; returns the Cookie header to send. */
async function signIn(): Promise<string> {
  const answer = await get(server.launchUrl());
  const setCookie = answer.headers["set-cookie"]?.[0] ?? "";
  return setCookie.split(";")[0]!;
}

describe("the launch code exchange", () => {
  it("answers a live code with the session cookie and the same page without the code", async () => {
    const url = new URL(server.launchUrl());
    url.searchParams.set("view", "program");
    url.searchParams.set("tile", "2");
    const answer = await get(url.href);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe("/?view=program&tile=2");
    const cookie = answer.headers["set-cookie"]?.[0] ?? "";
    expect(cookie).toMatch(new RegExp(`^vigil_${server.port}=[A-Za-z0-9_-]{20,}; Path=/; HttpOnly; SameSite=Strict$`));
    // The secret is nowhere but in that cookie.
    expect(answer.headers.location).not.toContain(server.sessionCookie.value);
    expect(server.launchUrl()).not.toContain(server.sessionCookie.value);
  });

  it("takes a code once: a second use (another browser) is refused and gets no cookie", async () => {
    const link = server.launchUrl();
    expect((await get(link)).status).toBe(303);
    const again = await get(link);
    expect(again.status).toBe(401);
    expect(again.headers["set-cookie"]).toBeUndefined();
    expect(again.body).toContain("--print-url");
  });

  it("refuses a made-up code", async () => {
    const answer = await get(`${server.origin}/?code=not-a-code`);
    expect(answer.status).toBe(401);
    expect(answer.headers["set-cookie"]).toBeUndefined();
  });

  it("lets a signed-in browser reload an old link: back to the clean page, no new cookie", async () => {
    const link = server.launchUrl();
    const first = await get(link);
    const cookie = (first.headers["set-cookie"]?.[0] ?? "").split(";")[0]!;
    const reload = await get(link, { Cookie: cookie });
    expect(reload.status).toBe(303);
    expect(reload.headers.location).toBe("/");
    expect(reload.headers["set-cookie"]).toBeUndefined();
  });
});

describe("the page and the API", () => {
  it("serve the page only with the session; scripts and styles hold no secret and need none", async () => {
    expect((await get(`${server.origin}/`)).status).toBe(401);
    expect((await get(`${server.origin}/`, { Cookie: `vigil_${server.port}=wrong` })).status).toBe(401);
    const cookie = await signIn();
    const page = await get(`${server.origin}/`, { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain("<title>console</title>");
    expect((await get(`${server.origin}/assets/app.js`)).status).toBe(200);
  });

  it("opens the API socket with the cookie from the console's origin only", async () => {
    const cookie = await signIn();
    const api = `ws://127.0.0.1:${server.port}/api`;
    expect(await connect(api, { Origin: server.origin, Cookie: cookie })).toBe("open");
    expect(await connect(api, { Origin: server.origin })).toBe("401");
    expect(await connect(api, { Origin: server.origin, Cookie: `vigil_${server.port}=${server.sessionCookie.value}x` })).toBe("401");
    // Another port of 127.0.0.1 shares our cookie (cookies ignore ports): its pages are refused by their Origin.
    expect(await connect(api, { Origin: "http://127.0.0.1:9", Cookie: cookie })).toBe("403");
    expect(await connect(api, { Origin: "http://evil.example", Cookie: cookie })).toBe("403");
  });

  it("no longer takes the old ?k= secret in the URL", async () => {
    const k = encodeURIComponent(server.sessionCookie.value);
    expect(await connect(`ws://127.0.0.1:${server.port}/api?k=${k}`, { Origin: server.origin })).toBe("401");
    expect((await get(`${server.origin}/?k=${k}`)).status).toBe(401);
  });

  it("answers nothing under another host name (DNS rebinding)", async () => {
    const cookie = await signIn();
    expect((await get(`${server.origin}/`, { Host: `evil.example:${server.port}`, Cookie: cookie })).status).toBe(421);
    expect(await connect(`ws://127.0.0.1:${server.port}/api`, { Host: `evil.example:${server.port}`, Origin: `http://evil.example:${server.port}`, Cookie: cookie })).toBe("421");
  });
});

describe("minting links for --print-url", () => {
  it("needs the mint key", async () => {
    expect((await get(`${server.origin}/launch-link`, {}, "POST")).status).toBe(401);
    expect((await get(`${server.origin}/launch-link`, { Authorization: `Bearer ${server.sessionCookie.value}` }, "POST")).status).toBe(401);
    const minted = await get(`${server.origin}/launch-link`, { Authorization: `Bearer ${server.mintKey}` }, "POST");
    expect(minted.status).toBe(200);
    const { url } = JSON.parse(minted.body) as { url: string };
    expect(url).toMatch(new RegExp(`^${server.origin}/\\?code=`));
    expect((await get(url)).status).toBe(303);
  });
});

describe("--print-url through the data folder", () => {
  it("reads the owner-only handle and gets a fresh, working link; says so when no shell runs", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "vigil-data-"));
    try {
      await expect(requestLaunchUrl(dataDir)).rejects.toThrow(/no web shell is running/);
      writeLaunchFile(dataDir, { pid: process.pid, origin: server.origin, mintKey: server.mintKey });
      if (process.platform !== "win32") expect(statSync(launchFilePath(dataDir)).mode & 0o777).toBe(0o600);
      const url = await requestLaunchUrl(dataDir);
      expect((await get(url)).status).toBe(303);
      expect((await get(url)).status).toBe(401);
      writeLaunchFile(dataDir, { pid: process.pid, origin: server.origin, mintKey: "not-the-mint-key-at-all" });
      await expect(requestLaunchUrl(dataDir)).rejects.toThrow(/refused/);
      removeLaunchFile(dataDir, "not-the-mint-key-at-all");
      await expect(requestLaunchUrl(dataDir)).rejects.toThrow(/no web shell is running/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
