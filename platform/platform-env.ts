// Runs in the platform processes and whoever starts them. Environment variables of the API and media processes,
// and the one message each child sends its parent once it listens.
export const PLATFORM_ENV = {
  port: "VIGIL_PLATFORM_PORT",
  host: "VIGIL_PLATFORM_HOST",
  dataDir: "VIGIL_PLATFORM_DATA_DIR",
  /** Demo catalog size (default: the base ~200 cameras). */
  scale: "VIGIL_PLATFORM_SCALE",
  /** Base URL play tickets point at, e.g. http://127.0.0.1:8081. */
  mediaUrl: "VIGIL_PLATFORM_MEDIA_URL",
  /** Hex HMAC key shared by API and media server for play-ticket tokens. */
  mediaKey: "VIGIL_PLATFORM_MEDIA_KEY",
  /** ms between demo camera status flips; 0 turns them off (default 20000). */
  statusIntervalMs: "VIGIL_PLATFORM_STATUS_INTERVAL_MS",
  /** JSON object camera id → rtmp:// or rtsp:// URL: cameras served by an external stream (stream proxies). */
  streamProxies: "VIGIL_PLATFORM_STREAM_PROXIES",
  /** Access token lifetime in ms (default 600000). */
  accessTtlMs: "VIGIL_PLATFORM_ACCESS_TTL_MS",
  /** Longest a play ticket's sessions last before the console must renew it, in ms (default 300000). */
  ticketLeaseMs: "VIGIL_PLATFORM_TICKET_LEASE_MS",
  mediaPort: "VIGIL_MEDIA_PORT",
  mediaHost: "VIGIL_MEDIA_HOST",
  /** Directory of the demo clips (default resources/demo next to dist/). */
  mediaRoot: "VIGIL_MEDIA_ROOT",
} as const;

export type ChildReady = { type: "ready"; port: number };

export function isChildReady(message: unknown): message is ChildReady {
  return typeof message === "object" && message !== null && (message as ChildReady).type === "ready" && typeof (message as ChildReady).port === "number";
}

/** The parts of Electron's `process.parentPort` used here (the platform bundles do not import electron). */
interface ParentPortLike {
  on(event: "close", listener: () => void): unknown;
  postMessage(message: unknown): void;
}

export interface ParentLink {
  readonly kind: "electron-utility" | "node-fork" | "none";
  /** Tells the parent the child listens on `port`. */
  ready(port: number): void;
  /** The parent went away: a child must not outlive the console that started it. */
  onGone(listener: () => void): void;
}

/**
 * The link to whoever started this child: an Electron utilityProcess (`process.parentPort`; a packaged app has the
 * RunAsNode fuse off, so it cannot fork), a Node fork (`process.send`), or nobody (started by hand from a shell).
 */
export function openParentLink(proc: NodeJS.Process = process): ParentLink {
  const port: unknown = (proc as unknown as { parentPort?: unknown }).parentPort;
  if (typeof port === "object" && port !== null && typeof (port as Partial<ParentPortLike>).postMessage === "function" && typeof (port as Partial<ParentPortLike>).on === "function") {
    const parent = port as ParentPortLike;
    return {
      kind: "electron-utility",
      ready: (p) => parent.postMessage({ type: "ready", port: p } satisfies ChildReady),
      // Electron ends utility processes with the app; "close" covers a port closed earlier.
      onGone: (listener) => void parent.on("close", listener),
    };
  }
  if (typeof proc.send === "function") {
    return {
      kind: "node-fork",
      ready: (p) => {
        if (proc.connected) proc.send?.({ type: "ready", port: p } satisfies ChildReady);
      },
      onGone: (listener) => void proc.on("disconnect", listener),
    };
  }
  return { kind: "none", ready: () => undefined, onGone: () => undefined };
}

export function envInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

export function envKey(env: NodeJS.ProcessEnv, name: string): Buffer {
  const raw = env[name] ?? "";
  if (!/^[0-9a-f]{64}$/i.test(raw)) throw new Error(`${name} must be 64 hex digits (a 32-byte key)`);
  return Buffer.from(raw, "hex");
}

/** Parses VIGIL_PLATFORM_STREAM_PROXIES: {"<20-digit id>": "rtmp://…" | "rtsp://…"}. */
export function envStreamProxies(env: NodeJS.ProcessEnv): Record<string, string> {
  const raw = env[PLATFORM_ENV.streamProxies];
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`${PLATFORM_ENV.streamProxies}: not JSON`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`${PLATFORM_ENV.streamProxies}: expected an object of camera id → URL`);
  const out: Record<string, string> = {};
  for (const [id, url] of Object.entries(parsed)) {
    if (!/^\d{20}$/.test(id)) throw new Error(`${PLATFORM_ENV.streamProxies}: ${id} is not a 20-digit GB id`);
    if (typeof url !== "string" || !/^(rtmps?|rtsps?):\/\/\S+$/.test(url)) throw new Error(`${PLATFORM_ENV.streamProxies}: ${id} needs an rtmp:// or rtsp:// URL`);
    out[id] = url;
  }
  return out;
}
