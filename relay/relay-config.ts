// Runs in the relay. Reads the environment main sets when it spawns the relay (names in contract/relay-control.ts).
import { RELAY_ENV } from "../contract/relay-control.js";

export interface RelayConfig {
  port: number;
  tokenKey: Buffer;
  mediaRoot: string | null;
  tuning: RelayTuning;
}

/** Optional knobs shared by the IPC relay (env) and the standalone CLI (flags). */
export interface RelayTuning {
  lingerMs: number;
  /** Relay-wide viewer cap (503 beyond it). */
  maxViewers: number;
  /**
   * Viewers one stream token's console session may hold at once (429 beyond it). A session is one tile's stream;
   * it needs one viewer, two while a stalled player is recreated: 4 leaves room without letting one token fill the relay.
   */
  maxViewersPerSession: number;
  /** Viewers of one channel (camera × profile) at once (503 beyond it): the same camera on a few walls' tiles and program outputs. */
  maxViewersPerChannel: number;
  keyframeTimeoutMs: number;
  ffmpegPath: string | null;
}

export const DEFAULT_TUNING: RelayTuning = {
  lingerMs: 10_000,
  maxViewers: 256,
  maxViewersPerSession: 4,
  maxViewersPerChannel: 32,
  keyframeTimeoutMs: 15_000,
  ffmpegPath: null,
};

export class RelayConfigError extends Error {
  override readonly name = "RelayConfigError";
}

/** A whole number in [min, max] from an env var or flag, or the fallback when unset. */
export function readInt(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new RelayConfigError(`${name} must be a whole number ${min}-${max}, got "${text}"`);
  }
  return value;
}

export function readTuning(env: NodeJS.ProcessEnv): RelayTuning {
  return {
    lingerMs: readInt(RELAY_ENV.lingerMs, env[RELAY_ENV.lingerMs], DEFAULT_TUNING.lingerMs, 0, 3_600_000),
    maxViewers: readInt(RELAY_ENV.maxViewers, env[RELAY_ENV.maxViewers], DEFAULT_TUNING.maxViewers, 1, 100_000),
    maxViewersPerSession: readInt(RELAY_ENV.maxViewersPerSession, env[RELAY_ENV.maxViewersPerSession], DEFAULT_TUNING.maxViewersPerSession, 1, 100_000),
    maxViewersPerChannel: readInt(RELAY_ENV.maxViewersPerChannel, env[RELAY_ENV.maxViewersPerChannel], DEFAULT_TUNING.maxViewersPerChannel, 1, 100_000),
    keyframeTimeoutMs: readInt(RELAY_ENV.keyframeTimeoutMs, env[RELAY_ENV.keyframeTimeoutMs], DEFAULT_TUNING.keyframeTimeoutMs, 500, 600_000),
    ffmpegPath: env[RELAY_ENV.ffmpeg] || null,
  };
}

export function readRelayConfig(env: NodeJS.ProcessEnv): RelayConfig {
  const portText = env[RELAY_ENV.port] ?? "0";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || !Number.isInteger(port) || port > 65535) {
    throw new RelayConfigError(`${RELAY_ENV.port} must be a port number 0-65535, got "${portText}"`);
  }
  const keyHex = env[RELAY_ENV.tokenKey];
  if (!keyHex) throw new RelayConfigError(`${RELAY_ENV.tokenKey} is required (hex HMAC key shared with main)`);
  // At least 128 bits: the key is all that stands between a local process and every camera.
  if (!/^[0-9a-fA-F]+$/.test(keyHex) || keyHex.length % 2 !== 0 || keyHex.length < 32) {
    throw new RelayConfigError(`${RELAY_ENV.tokenKey} must be hex, at least 16 bytes`);
  }
  const mediaRoot = env[RELAY_ENV.mediaRoot] || null;
  return { port, tokenKey: Buffer.from(keyHex, "hex"), mediaRoot, tuning: readTuning(env) };
}
