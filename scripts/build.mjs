// One build for every part: main (both shells), preload, relay (esbuild → CommonJS bundles) and the renderer (Vite).
// Usage: node scripts/build.mjs [--if-stale]   (--if-stale: skip when dist/ is newer than every source file)
import { build } from "esbuild";
import { build as viteBuild } from "vite";
import { readdirSync, statSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const stamp = join(root, "dist", ".build-stamp");
const sourceDirs = ["contract", "main", "preload", "relay", "renderer", "platform"];

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function isStale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  const files = [...sourceDirs.map((d) => newestMtime(join(root, d))), statSync(join(root, "package.json")).mtimeMs];
  return files.some((t) => t > built);
}

/** Build-time flags (main/build-flags.d.ts). Every bundle that ships is built without test hooks. */
export const PRODUCT_DEFINE = { __VIGIL_TEST_HOOKS__: "false" };
/** The test build of the web shell (dist/test/): test hooks compiled in, still gated by VIGIL_TEST_CLOCK=1. */
export const TEST_BUILD_DEFINE = { __VIGIL_TEST_HOOKS__: "true" };

/** esbuild options every Node bundle shares. */
export const nodeBundleOptions = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: true,
  logLevel: "warning",
  absWorkingDir: root,
  // Native addon and Electron stay outside the bundles.
  external: ["electron", "sqlite3"],
  define: PRODUCT_DEFINE,
};

export async function buildAll({ quiet = false } = {}) {
  const started = Date.now();
  const common = nodeBundleOptions;
  await Promise.all([
    build({ ...common, entryPoints: { "web-main": "main/shell/web/web-main.ts" }, outdir: "dist/main", outExtension: { ".js": ".cjs" } }),
    // Never packaged (electron.config.ts ships dist/main, not dist/test): what the end-to-end tests drive the clock in.
    build({ ...common, define: TEST_BUILD_DEFINE, entryPoints: { "web-main": "main/shell/web/web-main.ts" }, outdir: "dist/test", outExtension: { ".js": ".cjs" } }),
    build({ ...common, entryPoints: { "electron-main": "main/shell/electron/electron-main.ts" }, outdir: "dist/main", outExtension: { ".js": ".cjs" } }),
    build({ ...common, entryPoints: { "audit-verify": "main/audit/audit-verify-cli.ts" }, outdir: "dist/main", outExtension: { ".js": ".cjs" } }),
    build({ ...common, entryPoints: { preload: "preload/preload.ts" }, outdir: "dist/preload", outExtension: { ".js": ".cjs" } }),
    build({ ...common, entryPoints: { "relay-main": "relay/relay-main.ts" }, outdir: "dist/relay", outExtension: { ".js": ".cjs" } }),
    build({ ...common, entryPoints: { "platform-main": "platform/platform-main.ts" }, outdir: "dist/platform", outExtension: { ".js": ".cjs" } }),
    build({ ...common, entryPoints: { "media-main": "platform/media/media-main.ts" }, outdir: "dist/platform", outExtension: { ".js": ".cjs" } }),
    build({ ...common, entryPoints: { "platform-run": "platform/platform-run.ts" }, outdir: "dist/platform", outExtension: { ".js": ".cjs" } }),
    build({ ...common, entryPoints: { "build-openapi": "platform/openapi/build-openapi.ts" }, outdir: "dist/platform", outExtension: { ".js": ".cjs" } }),
    build({ ...common, entryPoints: { "relay-cli": "relay/relay-cli.ts" }, outdir: "dist/relay", outExtension: { ".js": ".cjs" } }),
  ]);
  await viteBuild({ configFile: join(root, "vite.config.ts"), logLevel: quiet ? "warn" : "info" });
  mkdirSync(join(root, "dist"), { recursive: true });
  writeFileSync(stamp, new Date().toISOString());
  if (!quiet) console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  if (process.argv.includes("--if-stale") && !isStale()) {
    console.log("build: up to date");
  } else {
    await buildAll();
  }
}
