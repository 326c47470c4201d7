// Runs in main (and, for the public keys only, the audit:verify CLI). The terminal's Ed25519 key pair, in
// <data folder>/terminal.key (0600): the public key in the clear, the private key sealed by the SecretBox (OS keystore
// or key-file box). The public key is registered with the platform at login; the private key never leaves the
// terminal. It proves the terminal at every refresh (so a refresh token copied off the disk is useless alone) and
// signs the audit log's checkpoints.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { readFileSync, renameSync } from "node:fs";
import { z } from "zod";
import { TerminalKeySchema } from "../../contract/platform-api.js";
import { readOrCreatePrivateFile, writePrivateFile } from "../store/private-files.js";
import type { SecretBox } from "../store/secret-box.js";

export const TERMINAL_KEY_FILE = "terminal.key";

export type TerminalKey = {
  /** base64url of the raw 32-byte public key. */
  publicKey: string;
  /** Keys this terminal signed with before (replaced when the keystore changed): older checkpoints verify with them. */
  retired: readonly string[];
  /** Ed25519 signature of `message`, base64url. */
  sign(message: Buffer): string;
};

const KeyFileSchema = z.object({
  v: z.literal(1),
  publicKey: TerminalKeySchema,
  /** base64 of the SecretBox's sealing of the PKCS#8 PEM private key. */
  sealed: z.string().min(1),
  retired: z.array(TerminalKeySchema).default([]),
});
type KeyFile = z.infer<typeof KeyFileSchema>;

function rawPublicKey(key: KeyObject): string {
  const x = createPublicKey(key).export({ format: "jwk" }).x;
  if (typeof x !== "string") throw new Error("terminal key: cannot export the public key");
  return x;
}

function newKeyFile(box: SecretBox, retired: readonly string[]): { file: KeyFile; privateKey: KeyObject } {
  const { privateKey } = generateKeyPairSync("ed25519");
  const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  return { file: { v: 1, publicKey: rawPublicKey(privateKey), sealed: box.encryptString(pem).toString("base64"), retired: [...retired] }, privateKey };
}

function parse(text: string): KeyFile | null {
  try {
    const parsed = KeyFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function unseal(file: KeyFile, box: SecretBox): KeyObject | null {
  try {
    const key = createPrivateKey(box.decryptString(Buffer.from(file.sealed, "base64")));
    return rawPublicKey(key) === file.publicKey ? key : null;
  } catch {
    return null;
  }
}

const toKey = (file: KeyFile, privateKey: KeyObject): TerminalKey => ({
  publicKey: file.publicKey,
  retired: file.retired,
  sign: (message) => sign(null, message, privateKey).toString("base64url"),
});

/**
 * Loads the terminal key from `path`, creating it on first start. A key that can no longer be unsealed (the OS
 * keystore changed, the box's key file was replaced) is replaced by a new one, its public key kept as retired; the
 * platform then sees a new terminal key at the next login. `warning` says when that happened.
 */
export function loadTerminalKey(path: string, box: SecretBox): { key: TerminalKey; warning?: string } {
  const made: { pair?: { file: KeyFile; privateKey: KeyObject } } = {};
  const text = readOrCreatePrivateFile(path, () => {
    made.pair = newKeyFile(box, []);
    return `${JSON.stringify(made.pair.file)}\n`;
  });
  const file = parse(text);
  // Just made (and no other process won the race to the file): no need to unseal what is at hand.
  if (made.pair && file?.publicKey === made.pair.file.publicKey) return { key: toKey(made.pair.file, made.pair.privateKey) };
  const privateKey = file ? unseal(file, box) : null;
  if (file && privateKey) return { key: toKey(file, privateKey) };
  // Damaged or sealed by another keystore: a new pair, remembering the old public key.
  if (!file) renameSync(path, `${path}.damaged-${Date.now()}`);
  const replacement = newKeyFile(box, file ? [...file.retired, file.publicKey] : []);
  writePrivateFile(path, `${JSON.stringify(replacement.file)}\n`);
  const why = file ? "its private key can no longer be unsealed (the keystore changed)" : "the file was damaged (set aside)";
  return { key: toKey(replacement.file, replacement.privateKey), warning: `the terminal key in ${path} was replaced: ${why}; log in again` };
}

/**
 * The public keys a terminal has signed with (current first, then retired), read without unsealing anything: what
 * the audit:verify CLI checks checkpoints against. Null when there is no readable key file.
 */
export function readTerminalPublicKeys(path: string): string[] | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  const file = parse(text);
  return file ? [file.publicKey, ...file.retired] : null;
}
