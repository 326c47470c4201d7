// Builds the process bundles integration tests start (relay, platform API, demo media server) exactly as
// `npm run build` does, into a temp folder, so a test never runs stale code.
import { build } from "esbuild";
import { mkdirSync, mkdtempSync } from "node:fs";
import { join, resolve } from "node:path";
import { composeConsole, type ConsoleApp } from "../../main/app/compose.js";
import { createLogger } from "../../main/log/logger.js";
import { nodeRelayLauncher } from "../../main/media/relay-process.js";
import { forkedPlatformLauncher } from "../../main/shell/web/forked-platform-launcher.js";

export const repoRoot = resolve(import.meta.dirname, "..", "..");

const ENTRIES = {
  relay: { "relay-main": "relay/relay-main.ts" },
  platform: { "platform-main": "platform/platform-main.ts", "media-main": "platform/media/media-main.ts" },
} as const;

async function bundle(entries: Record<string, string>): Promise<string> {
  // Inside the repository (.tmp/ is git-ignored) so the bundles resolve sqlite3 from node_modules.
  mkdirSync(join(repoRoot, ".tmp"), { recursive: true });
  const outdir = mkdtempSync(join(repoRoot, ".tmp", "bundle-"));
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(repoRoot, file)])),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outdir,
    outExtension: { ".js": ".cjs" },
    external: ["sqlite3", "electron"],
    logLevel: "warning",
  });
  return outdir;
}

/** Path of the bundled relay entry. */
export async function buildRelayBundle(): Promise<string> {
  return join(await bundle(ENTRIES.relay), "relay-main.cjs");
}

/** Folder holding platform-main.cjs and media-main.cjs. */
export async function buildPlatformBundles(): Promise<string> {
  return bundle(ENTRIES.platform);
}

/** Composes the console as the web shell does, on the freshly built bundles (relay child, embedded platform). */
export async function composeTestConsole(
  dataDir: string,
  bundles: { relayEntry: string; platformBundleDir: string },
  extra: { testClock?: boolean } = {},
): Promise<ConsoleApp> {
  return composeConsole({
    ...extra,
    shell: "web",
    version: "test",
    dataDir,
    resourcesDir: join(repoRoot, "resources"),
    relayLauncher: nodeRelayLauncher(bundles.relayEntry),
    platformLauncher: forkedPlatformLauncher(bundles.platformBundleDir),
    platformRetryBaseMs: 200,
    log: createLogger("test", "warn"),
  });
}
