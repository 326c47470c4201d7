// Runs in main (and the audit:verify CLI). The console's data folder is private to the user who runs Vigil: the
// folder 0700, every file in it 0600 — the database with its WAL and SHM, the key files (issue 10: they were 0755 and
// 0644, readable by any local user). What an older Vigil left readable is tightened on start. On Windows the modes
// mean little; the per-user profile folder is the guard there.
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const isErrno = (err: unknown, code: string): boolean => (err as NodeJS.ErrnoException | null)?.code === code;

/** Creates `dir` (with its parents) and makes it 0700, whatever mode it had before. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Makes an existing file 0600; a missing one is fine. */
export function tightenFile(file: string): void {
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch (err) {
    if (!isErrno(err, "ENOENT")) throw err;
  }
}

/**
 * Readies a SQLite database file: created empty (a valid empty database) with 0600 when missing, so SQLite never
 * creates it with its own 0644 — it gives the -wal and -shm files the mode of the database file. Existing ones (an
 * older Vigil's) are tightened.
 */
export function preparePrivateDatabase(file: string): void {
  closeSync(openSync(file, "a", PRIVATE_FILE_MODE));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) tightenFile(f);
}

/**
 * Reads a small private file (a key file), or creates it with `create()` when it is missing: written 0600 with
 * O_EXCL, so of two processes starting at once both end up with the one that won. An existing file is tightened.
 */
export function readOrCreatePrivateFile(file: string, create: () => string): string {
  try {
    const text = readFileSync(file, "utf8");
    tightenFile(file);
    return text;
  } catch (err) {
    if (!isErrno(err, "ENOENT")) throw err;
  }
  try {
    writeFileSync(file, create(), { mode: PRIVATE_FILE_MODE, flag: "wx" });
  } catch (err) {
    if (!isErrno(err, "EEXIST")) throw err;
  }
  return readFileSync(file, "utf8");
}

/** Replaces a private file's content (0600). */
export function writePrivateFile(file: string, text: string): void {
  writeFileSync(file, text, { mode: PRIVATE_FILE_MODE });
  tightenFile(file);
}
