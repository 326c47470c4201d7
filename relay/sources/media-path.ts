// Runs in the relay. Confines file sources to the media root main configured: a control message
// (or anything behind it) must not be able to make the relay stream arbitrary files.
import { realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";

export class MediaPathError extends Error {
  override readonly name = "MediaPathError";
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}

/** Lexical check: resolves `requested` (absolute, or relative to the root) and rejects anything outside the root. */
export function resolveMediaPath(mediaRoot: string | null, requested: string): string {
  if (!mediaRoot) throw new MediaPathError(`file source "${requested}" refused: no media root configured for the relay`);
  if (requested.includes("\0")) throw new MediaPathError("file source path contains a NUL byte");
  const root = resolve(mediaRoot);
  const target = resolve(root, requested);
  if (!isInside(root, target)) {
    throw new MediaPathError(`file source "${requested}" refused: it resolves outside the media root ${root}`);
  }
  return target;
}

/** Filesystem check after symlinks: the real file must still be inside the real root. Rejects with ENOENT as a clear message. */
export async function realMediaPath(mediaRoot: string, target: string): Promise<string> {
  let realRoot: string;
  let realTarget: string;
  try {
    realRoot = await realpath(mediaRoot);
  } catch {
    throw new MediaPathError(`media root not found: ${mediaRoot}`);
  }
  try {
    realTarget = await realpath(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new MediaPathError(code === "ENOENT" ? `source file not found: ${target}` : `source file unreadable: ${target} (${code ?? String(err)})`);
  }
  if (!isInside(realRoot, realTarget)) {
    throw new MediaPathError(`file source "${target}" refused: it links outside the media root ${realRoot}`);
  }
  return realTarget;
}
