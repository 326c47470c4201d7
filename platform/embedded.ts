// Runs in whoever starts the reference platform: the shells' platform launchers, `npm run platform`, tests and
// benchmarks (never the console core, which sees only main/platform/platform-launcher.ts). Starts it as two
// processes, API and demo media server, so the API can be stopped and restarted (on the same port) while streams
// keep flowing. How a process is started is the caller's: a Node fork by default, an Electron utilityProcess in the
// Electron shell (a packaged app has the RunAsNode fuse off, so it cannot fork its own binary as Node).
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { createInterface } from "node:readline";
import { isChildReady, PLATFORM_ENV } from "./platform-env.js";
import { ensurePrivateDir, loadOrCreateSecretFile } from "./store/private-files.js";

/** One started platform process, however it was started. */
export interface PlatformChild {
  readonly pid: number | undefined;
  /** Messages the child sends (its ready message among them). */
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** Asks the child to stop (SIGTERM); `force` ends it at once (SIGKILL). */
  kill(force: boolean): void;
}

/** Starts `script` with `env`; the child's output lines and start failures go to `onLog`. */
export type PlatformChildStarter = (script: string, env: NodeJS.ProcessEnv, name: string, onLog: (line: string) => void) => PlatformChild;

export interface EmbeddedPlatformOptions {
  dataDir: string;
  /** Demo catalog size (default: the base ~200 cameras). */
  scale?: number;
  /** 0 (default): any free port. */
  port?: number;
  mediaPort?: number;
  /** Folder with platform-main.cjs and media-main.cjs (default: dist/platform beside this bundle). */
  bundleDir?: string;
  /** Demo clips folder (default: resources/demo of the repository). */
  mediaRoot?: string;
  /** ms between simulated camera status flips; 0 turns them off. */
  statusIntervalMs?: number;
  /** Extra environment for both children. */
  env?: NodeJS.ProcessEnv;
  /** Child stdout/stderr lines (default: stderr of this process). */
  onLog?: (line: string) => void;
  startTimeoutMs?: number;
  /** How a child is started (default: a Node fork with an IPC channel). */
  startChild?: PlatformChildStarter;
}

export interface EmbeddedPlatform {
  /** http://127.0.0.1:PORT (the API lives under /api/v1). */
  apiUrl: string;
  mediaUrl: string;
  apiPid: number;
  mediaPid: number;
  stopApi(): Promise<void>;
  startApi(): Promise<void>;
  stop(): Promise<void>;
}

/** Sends each line a child writes to `onLog`. */
export function forwardLines(stream: NodeJS.ReadableStream | null, onLog: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
    if (line.trim()) onLog(line);
  });
}

/** The default starter: a Node child of this process with a JSON IPC channel (the web shell, tests, `npm run platform`). */
export const forkPlatformChild: PlatformChildStarter = (script, env, name, onLog) => {
  const child = fork(script, [], { env, stdio: ["ignore", "pipe", "pipe", "ipc"], serialization: "json" });
  // A failed spawn or kill is an 'error' event; unhandled, it would take the parent down with the child.
  child.on("error", (err) => onLog(`${name}: ${err.message}`));
  forwardLines(child.stdout, onLog);
  forwardLines(child.stderr, onLog);
  return {
    get pid() {
      return child.pid;
    },
    onMessage: (listener) => void child.on("message", listener),
    onExit: (listener) => void child.once("exit", (code, signal) => listener(code, signal)),
    kill: (force) => void child.kill(force ? "SIGKILL" : "SIGTERM"),
  };
};

function defaultBundleDir(): string {
  // Bundled into dist/main/*.cjs or dist/platform/*.cjs; both find dist/platform.
  const here = typeof __dirname === "string" ? __dirname : process.cwd();
  return basename(here) === "platform" && existsSync(join(here, "platform-main.cjs")) ? here : join(here, "..", "platform");
}

/** The play-ticket key both children share; kept in the data dir (0600) so tickets survive restarts. */
function mediaKey(dataDir: string): string {
  return loadOrCreateSecretFile(
    join(dataDir, "media.key"),
    (text) => /^[0-9a-f]{64}$/.test(text),
    () => randomBytes(32).toString("hex"),
  );
}

/** A started child and whether it has exited (a utilityProcess has no exitCode to ask). */
type Running = { child: PlatformChild; exited: Promise<void>; done: boolean };

function startChild(
  startWith: PlatformChildStarter,
  script: string,
  env: NodeJS.ProcessEnv,
  name: string,
  timeoutMs: number,
  onLog: (line: string) => void,
): Promise<{ running: Running; port: number }> {
  return new Promise((resolve, reject) => {
    if (!existsSync(script)) return reject(new Error(`${name}: bundle not found at ${script}; run npm run build`));
    const child = startWith(script, env, name, onLog);
    const timer = setTimeout(() => {
      child.kill(true);
      reject(new Error(`${name} did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    const running: Running = { child, done: false, exited: Promise.resolve() };
    running.exited = new Promise<void>((settle) =>
      child.onExit((code, signal) => {
        running.done = true;
        settle();
        clearTimeout(timer);
        // After ready this is a no-op: the promise is settled.
        reject(new Error(`${name} exited before it was ready (code ${code ?? "none"}, signal ${signal ?? "none"})`));
      }),
    );
    child.onMessage((m) => {
      if (!isChildReady(m)) return;
      clearTimeout(timer);
      resolve({ running, port: m.port });
    });
  });
}

function stopChild(running: Running): Promise<void> {
  if (running.done) return Promise.resolve();
  const kill = setTimeout(() => running.child.kill(true), 3000);
  running.child.kill(false);
  return running.exited.finally(() => clearTimeout(kill));
}

export async function startEmbeddedPlatform(options: EmbeddedPlatformOptions): Promise<EmbeddedPlatform> {
  ensurePrivateDir(options.dataDir);
  const bundleDir = options.bundleDir ?? defaultBundleDir();
  const startWith = options.startChild ?? forkPlatformChild;
  const onLog = options.onLog ?? ((line: string) => process.stderr.write(`${line}\n`));
  const timeout = options.startTimeoutMs ?? 30_000;
  const base: NodeJS.ProcessEnv = { ...process.env, ...options.env, [PLATFORM_ENV.mediaKey]: mediaKey(options.dataDir) };
  const media = await startChild(
    startWith,
    join(bundleDir, "media-main.cjs"),
    {
      ...base,
      [PLATFORM_ENV.mediaPort]: String(options.mediaPort ?? 0),
      ...(options.mediaRoot ? { [PLATFORM_ENV.mediaRoot]: options.mediaRoot } : {}),
    },
    "demo media server",
    timeout,
    onLog,
  );
  const mediaUrl = `http://127.0.0.1:${media.port}`;
  let apiPort = options.port ?? 0;
  const proc: { api: Running | null } = { api: null };

  const startApi = async (): Promise<void> => {
    if (proc.api && !proc.api.done) return;
    const started = await startChild(
      startWith,
      join(bundleDir, "platform-main.cjs"),
      {
        ...base,
        [PLATFORM_ENV.port]: String(apiPort),
        [PLATFORM_ENV.dataDir]: options.dataDir,
        [PLATFORM_ENV.mediaUrl]: mediaUrl,
        [PLATFORM_ENV.scale]: String(options.scale ?? 0),
        ...(options.statusIntervalMs !== undefined ? { [PLATFORM_ENV.statusIntervalMs]: String(options.statusIntervalMs) } : {}),
      },
      "platform API",
      timeout,
      onLog,
    );
    proc.api = started.running;
    // Restarts reuse the port, so the console's configured URL stays right.
    apiPort = started.port;
  };

  try {
    await startApi();
  } catch (err) {
    await stopChild(media.running);
    throw err;
  }
  const handle: EmbeddedPlatform = {
    apiUrl: `http://127.0.0.1:${apiPort}`,
    mediaUrl,
    apiPid: proc.api?.child.pid ?? 0,
    mediaPid: media.running.child.pid ?? 0,
    stopApi: async () => {
      if (proc.api) await stopChild(proc.api);
    },
    startApi: async () => {
      await startApi();
      handle.apiPid = proc.api?.child.pid ?? 0;
    },
    stop: async () => {
      await Promise.all([proc.api ? stopChild(proc.api) : Promise.resolve(), stopChild(media.running)]);
    },
  };
  return handle;
}
