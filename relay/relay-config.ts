// Runs in the relay. Reads the environment main sets when it spawns the relay (names in contract/relay-control.ts).
import { RELAY_ENV } from "../contract/relay-control.js";

export interface RelayConfig {
  port: number;
  tokenKey: Buffer;
  mediaRoot: string | null;
}

export class RelayConfigError extends Error {
  override readonly name = "RelayConfigError";
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
  return { port, tokenKey: Buffer.from(keyHex, "hex"), mediaRoot };
}
