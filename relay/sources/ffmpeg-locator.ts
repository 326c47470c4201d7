// Runs in the relay. Where ffmpeg is: an explicit path (CLI --ffmpeg or VIGIL_FFMPEG), the app's own
// resources/ffmpeg/, or PATH. Looked up only when a source needs it, so a missing ffmpeg breaks only those.
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

export class FfmpegMissingError extends Error {
  override readonly name = "FfmpegMissingError";
}

export interface FfmpegLookup {
  /** Configured path; when set it must work, there is no fallback (a typo should be loud). */
  explicit: string | null;
  /** Folders that may hold a bundled ffmpeg/ffmpeg(.exe), in order. */
  resourcesDirs: string[];
  pathEnv: string | undefined;
  platform?: NodeJS.Platform;
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findFfmpeg(lookup: FfmpegLookup): string {
  const exe = (lookup.platform ?? process.platform) === "win32" ? "ffmpeg.exe" : "ffmpeg";
  if (lookup.explicit) {
    if (isExecutable(lookup.explicit)) return lookup.explicit;
    throw new FfmpegMissingError(`ffmpeg not found at the configured path ${lookup.explicit}`);
  }
  for (const dir of lookup.resourcesDirs) {
    const candidate = join(dir, "ffmpeg", exe);
    if (isExecutable(candidate)) return candidate;
  }
  for (const dir of (lookup.pathEnv ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, exe);
    if (isExecutable(candidate)) return candidate;
  }
  throw new FfmpegMissingError(
    "ffmpeg not found (needed for RTSP/RTMP sources and H.265 transcoding): set VIGIL_FFMPEG or --ffmpeg, put it in resources/ffmpeg/, or install it on PATH",
  );
}
