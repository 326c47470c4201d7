// Runs in main (web shell, and tests that compose the console as it does). Demo mode's reference platform as two
// Node children of this process. The shell edge is the one place in main/ that reaches into platform/.
import { startEmbeddedPlatform } from "../../../platform/embedded.js";
import type { PlatformLauncher } from "../../platform/platform-launcher.js";

/** `bundleDir`: the folder with platform-main.cjs and media-main.cjs (dist/platform). */
export function forkedPlatformLauncher(bundleDir: string): PlatformLauncher {
  return { start: (options) => startEmbeddedPlatform({ ...options, bundleDir }) };
}
