// The browser the web shell starts gets into the console without a secret on its command line (which every local
// user can read with `ps`): a real Chromium, headless, is handed the session cookie over its DevTools pipe, opens the
// clean console URL and reaches the API; its argv holds neither the cookie, the mint key nor a launch code.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RpcEvent, RpcOutcome } from "../../../contract/console-api.js";
import { createLogger } from "../../log/logger.js";
import { appModeArgs, findBrowser, openInAppMode } from "./browser-launcher.js";
import { startWebShellServer } from "./web-server.js";

const browser = findBrowser();
const dirs: string[] = [];
// Chromium's helper processes may still be leaving the profile when its main process has exited: retry the removal.
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })));

describe("app mode arguments", () => {
  it("name no page secret: the window starts blank", () => {
    const args = appModeArgs("/tmp/profile", { asRoot: false });
    expect(args).toContain("--app=about:blank");
    expect(args).toContain("--remote-debugging-pipe");
    expect(args.some((a) => /[?&](k|code)=/.test(a))).toBe(false);
  });
});

describe.skipIf(browser === null || process.platform !== "linux")("opening the console in Chromium", () => {
  it("hands the session over the DevTools pipe: clean URL, HttpOnly cookie, API reached, nothing secret in argv", async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), "vigil-launch-"));
    const profileDir = mkdtempSync(join(tmpdir(), "vigil-profile-"));
    dirs.push(rendererDir, profileDir);
    mkdirSync(join(rendererDir, "assets"));
    writeFileSync(join(rendererDir, "index.html"), `<!doctype html><script src="/assets/probe.js"></script>`);
    // The page reports where it is and what script can see of its cookies, over the API socket.
    writeFileSync(
      join(rendererDir, "assets", "probe.js"),
      `const ws = new WebSocket("ws://" + location.host + "/api");
       ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: "probe", params: { href: location.href, cookie: document.cookie } }));`,
    );
    let report: (params: unknown) => void = () => {};
    const reported = new Promise<unknown>((resolve) => (report = resolve));
    const core = {
      call: async (method: string, params: unknown): Promise<RpcOutcome> => {
        if (method === "probe") report(params);
        return { ok: true, result: null };
      },
      onEvent: (_listener: (event: RpcEvent) => void) => () => {},
    };
    const server = await startWebShellServer({ core, rendererDir, log: createLogger("test", "error") });
    const { child, ready } = openInAppMode(browser!, { url: `${server.origin}/`, cookie: server.sessionCookie }, profileDir, {
      extraArgs: ["--headless=new", "--disable-gpu"],
    });
    try {
      await ready;
      expect(await reported).toEqual({ href: `${server.origin}/`, cookie: "" });
      const argv = readFileSync(`/proc/${child.pid}/cmdline`, "utf8").split("\0");
      const joined = argv.join(" ");
      expect(joined).not.toContain(server.sessionCookie.value);
      expect(joined).not.toContain(server.mintKey);
      expect(joined).not.toMatch(/[?&](k|code)=/);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await exited;
      await server.close();
    }
  });
});
