// Runs in the platform processes and the launcher that starts them. The platform's data folder holds password
// hashes, refresh-token hashes and the token and media keys: the folder is the owner's only (0700), every file 0600.
// Modes are set after creating, so the umask cannot widen them, and on every start, so data written by an older
// build (0755/0644) is tightened too. On Windows chmod only toggles read-only; the folder inherits its parent's ACL.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and parents) if missing; the folder itself is made private either way. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Creates `file` empty if missing; makes it private either way. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, "a", PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** A secret kept in its own file: read it if it is well-formed, else write a fresh one. Either way the file is private. */
export function loadOrCreateSecretFile(file: string, isValid: (text: string) => boolean, create: () => string): string {
  if (existsSync(file)) {
    chmodSync(file, PRIVATE_FILE_MODE);
    const text = readFileSync(file, "utf8").trim();
    if (isValid(text)) return text;
  }
  const fresh = create();
  writeFileSync(file, fresh, { mode: PRIVATE_FILE_MODE });
  chmodSync(file, PRIVATE_FILE_MODE);
  return fresh;
}
