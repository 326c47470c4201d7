// Runs in main. What seals the console's secrets at rest (the platform refresh token, the terminal's private key):
// the OS keystore where there is one (Electron's safeStorage), else an AES-256-GCM box keyed by a 0600 key file in
// the data folder — so a copy of vigil.db alone opens nothing.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { renameSync } from "node:fs";
import { readOrCreatePrivateFile } from "./private-files.js";

/** Electron's safeStorage has this shape; so has the key-file box. */
export type SecretBox = { isEncryptionAvailable(): boolean; encryptString(s: string): Buffer; decryptString(b: Buffer): string };

/** The box in use and how to name it in the operations log. */
export type ChosenBox = { box: SecretBox; protection: string; warning?: string };

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_PATTERN = /^[0-9a-f]{64}$/;

/** AES-256-GCM with `key`: [version][iv][tag][ciphertext]. */
export function aesGcmBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error("secret box: the key must be 32 bytes");
  return {
    isEncryptionAvailable: () => true,
    encryptString(s: string): Buffer {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(s, "utf8"), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decryptString(b: Buffer): string {
      if (b.length < 1 + IV_BYTES + TAG_BYTES || b[0] !== VERSION) throw new Error("secret box: not a sealed value of this format");
      const iv = b.subarray(1, 1 + IV_BYTES);
      const tag = b.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv("aes-256-gcm", key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(b.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
    },
  };
}

/**
 * The box keyed by `file` (64 hex digits, 0600), created on first use. A damaged key file is set aside and replaced:
 * what it sealed is lost (the user logs in again), which is better than a console that cannot start.
 */
export function keyFileBox(file: string): ChosenBox {
  const create = () => `${randomBytes(32).toString("hex")}\n`;
  let text = readOrCreatePrivateFile(file, create).trim();
  let warning: string | undefined;
  if (!KEY_PATTERN.test(text)) {
    const aside = `${file}.damaged-${Date.now()}`;
    renameSync(file, aside);
    text = readOrCreatePrivateFile(file, create).trim();
    warning = `the key file ${file} was damaged (moved to ${aside}); a new one was made: log in again`;
  }
  return { box: aesGcmBox(Buffer.from(text, "hex")), protection: `a key file (${file}, 0600)`, ...(warning ? { warning } : {}) };
}

/** The OS keystore when it works, else the key-file box in the data folder. */
export function chooseSecretBox(osBox: SecretBox | null | undefined, keyFile: string): ChosenBox {
  if (osBox?.isEncryptionAvailable()) return { box: osBox, protection: "the OS keystore (safeStorage)" };
  return keyFileBox(keyFile);
}
