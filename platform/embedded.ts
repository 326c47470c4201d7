// Runs in main (and `npm run platform`). Starts the reference platform as two child processes, API and demo media
// server, so the API can be stopped and restarted (on the same port) while streams keep flowing.
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { isChildReady, PLATFORM_ENV } from "./platform-env.js";

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

function defaultBundleDir(): string {
  // Bundled into dist/main/*.cjs or dist/platform/*.cjs; both find dist/platform.
  const here = typeof __dirname === "string" ? __dirname : process.cwd();
  return basename(here) === "platform" && existsSync(join(here, "platform-main.cjs")) ? here : join(here, "..", "platform");
}

/** The play-ticket key both children share; kept in the data dir so tickets survive restarts. */
function mediaKey(dataDir: string): string {
  const file = join(dataDir, "media.key");
  if (existsSync(file)) {
    const key = readFileSync(file, "utf8").trim();
    if (/^[0-9a-f]{64}$/.test(key)) return key;
  }
  const key = randomBytes(32).toString("hex");
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

function startChild(script: string, env: NodeJS.ProcessEnv, name: string, timeoutMs: number, onLog: (line: string) => void): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    if (!existsSync(script)) return reject(new Error(`${name}: bundle not found at ${script}; run npm run build`));
    const child = fork(script, [], { env, stdio: ["ignore", "pipe", "pipe", "ipc"], serialization: "json" });
    const relay = (chunk: Buffer): void => {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) onLog(line);
    };
    // A failed spawn or kill is an 'error' event; unhandled, it would take the console down with the child.
    child.on("error", (err) => onLog(`${name}: ${err.message}`));
    child.stdout?.on("data", relay);
    child.stderr?.on("data", relay);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${name} did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("message", (m) => {
      if (!isChildReady(m)) return;
      clearTimeout(timer);
      resolve({ child, port: m.port });
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before it was ready (code ${code ?? "none"}, signal ${signal ?? "none"})`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export async function startEmbeddedPlatform(options: EmbeddedPlatformOptions): Promise<EmbeddedPlatform> {
  mkdirSync(options.dataDir, { recursive: true });
  const bundleDir = options.bundleDir ?? defaultBundleDir();
  const onLog = options.onLog ?? ((line: string) => process.stderr.write(`${line}\n`));
  const timeout = options.startTimeoutMs ?? 30_000;
  const base: NodeJS.ProcessEnv = { ...process.env, ...options.env, [PLATFORM_ENV.mediaKey]: mediaKey(options.dataDir) };
  const media = await startChild(
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
  const proc: { api: ChildProcess | null } = { api: null };

  const startApi = async (): Promise<void> => {
    const running = proc.api;
    if (running && running.exitCode === null && running.signalCode === null) return;
    const started = await startChild(
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
    proc.api = started.child;
    // Restarts reuse the port, so the console's configured URL stays right.
    apiPort = started.port;
  };

  try {
    await startApi();
  } catch (err) {
    await stopChild(media.child);
    throw err;
  }
  const handle: EmbeddedPlatform = {
    apiUrl: `http://127.0.0.1:${apiPort}`,
    mediaUrl,
    apiPid: proc.api?.pid ?? 0,
    mediaPid: media.child.pid ?? 0,
    stopApi: async () => {
      if (proc.api) await stopChild(proc.api);
    },
    startApi: async () => {
      await startApi();
      handle.apiPid = proc.api?.pid ?? 0;
    },
    stop: async () => {
      await Promise.all([proc.api ? stopChild(proc.api) : Promise.resolve(), stopChild(media.child)]);
    },
  };
  return handle;
}
