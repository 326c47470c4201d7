// Runs in main. Finds an installed Chromium/Chrome and opens the console in app mode (a window without browser UI),
// handing it the session cookie over the DevTools pipe rather than a secret on its command line.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import type { Readable, Writable } from "node:stream";

const CANDIDATES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge"];

export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.VIGIL_BROWSER && existsSync(env.VIGIL_BROWSER)) return env.VIGIL_BROWSER;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    for (const name of CANDIDATES) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/**
 * The browser's command line. It carries no secret and no launch code (another user's `ps` shows it): the page
 * starts blank and the session cookie arrives over the DevTools pipe (fds 3 and 4, private to this process).
 * Closing the pipe closes the browser, so the window never outlives the console.
 */
export function appModeArgs(profileDir: string, opts: { asRoot: boolean; extraArgs?: readonly string[] }): string[] {
  const args = [
    "--app=about:blank",
    `--user-data-dir=${profileDir}`,
    "--remote-debugging-pipe",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1600,900",
    "--autoplay-policy=no-user-gesture-required",
    ...(opts.extraArgs ?? []),
  ];
  // Chromium refuses to run as root with its sandbox on.
  if (opts.asRoot) args.push("--no-sandbox");
  return args;
}

export type ConsolePage = { url: string; cookie: { name: string; value: string } };

/**
 * Starts the browser in app mode, sets the session cookie for the console's origin and navigates the window there.
 * `ready` settles once the page is on its way (or the handover failed: the caller says to open the printed link).
 */
export function openInAppMode(
  browser: string,
  page: ConsolePage,
  profileDir: string,
  opts: { extraArgs?: readonly string[]; timeoutMs?: number } = {},
): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(browser, appModeArgs(profileDir, { asRoot: process.getuid?.() === 0, extraArgs: opts.extraArgs }), {
    stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"],
  });
  const ready = handOver(child, page, opts.timeoutMs ?? 20_000);
  // The caller watches the child's exit; a failed handover is reported through `ready` only.
  ready.catch(() => {});
  return { child, ready };
}

type CdpMessage = { id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown>; error?: { message: string } };

async function handOver(child: ChildProcess, page: ConsolePage, timeoutMs: number): Promise<void> {
  const toBrowser = child.stdio[3] as Writable | null;
  const fromBrowser = child.stdio[4] as Readable | null;
  if (!toBrowser || !fromBrowser) throw new Error("the browser has no DevTools pipe");
  let nextId = 1;
  let buffered = "";
  const pending = new Map<number, { resolve(m: CdpMessage): void; reject(e: Error): void }>();
  const pageTargets: string[] = [];
  let pageSeen: (() => void) | null = null;
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  // Read for as long as the browser runs (an unread pipe would fill up); messages end with NUL.
  fromBrowser.setEncoding("utf8");
  fromBrowser.on("data", (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf("\0"); end >= 0; end = buffered.indexOf("\0")) {
      const text = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      let message: CdpMessage;
      try {
        message = JSON.parse(text) as CdpMessage;
      } catch {
        continue;
      }
      if (message.id !== undefined) {
        const p = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) p?.reject(new Error(message.error.message));
        else p?.resolve(message);
      } else if (message.method === "Target.targetCreated") {
        const info = message.params?.targetInfo as { type?: string; targetId?: string } | undefined;
        if (info?.type === "page" && info.targetId) {
          pageTargets.push(info.targetId);
          pageSeen?.();
        }
      }
    }
  });
  fromBrowser.on("error", () => {});
  toBrowser.on("error", () => {});
  child.once("exit", () => failAll(new Error("the browser exited")));
  // A browser that cannot start (ENOENT, EACCES) fails the handover; the caller may listen for the error too.
  child.on("error", (err) => failAll(err));
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
    new Promise<CdpMessage>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the browser in ${timeoutMs} ms`)), timeoutMs);
  });
  const steps = async () => {
    await send("Storage.setCookies", {
      cookies: [{ name: page.cookie.name, value: page.cookie.value, url: new URL("/", page.url).href, path: "/", httpOnly: true, sameSite: "Strict" }],
    });
    const seen = new Promise<void>((resolve) => (pageSeen = resolve));
    await send("Target.setDiscoverTargets", { discover: true });
    if (pageTargets.length === 0) await seen;
    await send("Target.setDiscoverTargets", { discover: false });
    const attached = await send("Target.attachToTarget", { targetId: pageTargets[0], flatten: true });
    const sessionId = String(attached.result?.sessionId ?? "");
    await send("Page.navigate", { url: page.url }, sessionId);
    await send("Target.detachFromTarget", { sessionId });
  };
  try {
    await Promise.race([steps(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
