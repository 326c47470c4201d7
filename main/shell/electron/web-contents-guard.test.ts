// Runs in Vitest (Node). The web-contents guard against Electron-shaped fakes: navigation stays in the app, no window
// opens, only allowlisted https links reach the system browser, webviews and permissions are refused.
import { describe, expect, it } from "vitest";
import type { Logger } from "../../log/logger.js";
import { guardAllWebContents, windowOpenHandler, type GuardDeps, type GuardedContents, type Preventable, type WindowOpenDecision } from "./web-contents-guard.js";

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

class FakeShell {
  opened: string[] = [];
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
}

class FakeContents implements GuardedContents {
  readonly listeners = new Map<string, ((event: Preventable, url: string) => void)[]>();
  openHandler: ((details: { url: string }) => WindowOpenDecision) | null = null;
  on(event: string, listener: (event: Preventable, url: string) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenDecision): void {
    this.openHandler = handler;
  }
  /** Emits `event`; true when a listener prevented it. */
  emit(event: string, url = ""): boolean {
    let prevented = false;
    for (const l of this.listeners.get(event) ?? []) l({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

function guardedApp(externalOrigins: string[] = []) {
  const shell = new FakeShell();
  const registered: {
    created?: (event: unknown, contents: GuardedContents) => void;
    request?: Parameters<GuardDeps["session"]["setPermissionRequestHandler"]>[0];
    check?: () => boolean;
  } = {};
  guardAllWebContents({
    app: { on: (_event, listener) => (registered.created = listener) },
    session: { setPermissionRequestHandler: (h) => (registered.request = h), setPermissionCheckHandler: (h) => (registered.check = h) },
    shell,
    externalOrigins,
    log: quiet,
  });
  const { created, request, check } = registered;
  if (!created || !request || !check) throw new Error("the guard did not register its handlers");
  const contents = new FakeContents();
  created({}, contents);
  return { shell, contents, requestHandler: request, checkHandler: check };
}

describe("every web contents", () => {
  it("may navigate and redirect only within app://vigil", () => {
    const { contents } = guardedApp();
    expect(contents.emit("will-navigate", "app://vigil/index.html?view=program&tile=1")).toBe(false);
    for (const url of ["https://evil.example/", "http://127.0.0.1:4100/", "file:///etc/passwd", "app://other/index.html", "app://vigil@evil/index.html", "garbage"]) {
      expect(contents.emit("will-navigate", url), url).toBe(true);
      expect(contents.emit("will-redirect", url), url).toBe(true);
    }
  });

  it("never attaches a webview", () => {
    expect(guardedApp().contents.emit("will-attach-webview")).toBe(true);
  });

  it("denies every permission request and check", () => {
    const { requestHandler, checkHandler } = guardedApp();
    const answers: boolean[] = [];
    for (const permission of ["media", "geolocation", "notifications", "openExternal", "fullscreen"]) requestHandler({}, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false, false]);
    expect(checkHandler()).toBe(false);
  });
});

describe("window.open", () => {
  it("opens no window, and by default nothing externally — not even https (the old rule opened any https URL)", async () => {
    const { shell, contents } = guardedApp();
    expect(contents.openHandler?.({ url: "https://evil.example/phish" })).toEqual({ action: "deny" });
    expect(contents.openHandler?.({ url: "app://vigil/index.html" })).toEqual({ action: "deny" });
    await Promise.resolve();
    expect(shell.opened).toEqual([]);
  });

  it("hands an allowlisted https link to the system browser, and still opens no window", async () => {
    const { shell, contents } = guardedApp(["https://docs.example.gov.cn"]);
    expect(contents.openHandler?.({ url: "https://docs.example.gov.cn/manual" })).toEqual({ action: "deny" });
    expect(contents.openHandler?.({ url: "http://docs.example.gov.cn/manual" })).toEqual({ action: "deny" });
    expect(contents.openHandler?.({ url: "https://docs.example.gov.cn.evil.example/" })).toEqual({ action: "deny" });
    await Promise.resolve();
    expect(shell.opened).toEqual(["https://docs.example.gov.cn/manual"]);
  });

  it("logs, and does not throw, when the system browser cannot be started", async () => {
    const warnings: string[] = [];
    const log: Logger = { ...quiet, warn: (m) => void warnings.push(m) };
    const failing = { openExternal: () => Promise.reject(new Error("no browser")) };
    const handler = windowOpenHandler({ shell: failing, externalOrigins: ["https://docs.example.gov.cn"], log });
    expect(handler({ url: "https://docs.example.gov.cn/" })).toEqual({ action: "deny" });
    await expect.poll(() => warnings).toContain("could not open a link in the system browser");
  });
});
