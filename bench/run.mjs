// `npm run bench:<name> -- [--quick] …`: bundles the benchmark's TypeScript (orchestrator, child-process entries and
// browser pages) with esbuild into .tmp/bench-build/ and runs the orchestrator with the remaining arguments.
// Bundles stay inside the repo so bare imports (node-media-server, playwright-core, …) resolve from node_modules.
import { build } from "esbuild";
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const outdir = join(root, ".tmp", "bench-build");
const [name, ...args] = process.argv.slice(2);
const benches = ["relay", "latency", "wall", "catalog"];
if (!benches.includes(name)) {
  console.error(`usage: node bench/run.mjs <${benches.join("|")}> [--quick] …`);
  process.exit(2);
}

// Packages stay external (resolved from node_modules at run time), except those whose CommonJS build hides its
// named exports from Node's ESM loader (chinese-days ships a minified UMD as "main"): esbuild bundles those.
const bundled = new Set(["chinese-days"]);
const externalPackages = {
  name: "external-packages",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith("@") ? args.path.split("/").slice(0, 2).join("/") : args.path.split("/")[0];
      return bundled.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

const nodeEntries = {
  [`${name}-bench`]: `bench/${name}/${name}-bench.ts`,
  "viewer-fleet": "bench/relay/viewer-fleet.ts",
  "nms-server": "bench/common/nms-server.ts",
};
const pagesDir = join(root, "bench", "pages");
const pageEntries = Object.fromEntries(
  (existsSync(pagesDir) ? readdirSync(pagesDir) : [])
    .filter((f) => f.endsWith("-page.ts"))
    .map((f) => [f.replace(/\.ts$/, ""), `bench/pages/${f}`]),
);
await Promise.all([
  build({
    absWorkingDir: root,
    entryPoints: nodeEntries,
    outdir,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    outExtension: { ".js": ".mjs" },
    plugins: [externalPackages],
    sourcemap: true,
    logLevel: "warning",
  }),
  Object.keys(pageEntries).length === 0 ? null : build({
    absWorkingDir: root,
    entryPoints: pageEntries,
    outdir: join(outdir, "pages"),
    bundle: true,
    platform: "browser",
    target: "chrome120",
    format: "esm",
    sourcemap: true,
    logLevel: "warning",
  }),
]);

const child = spawn(process.execPath, ["--enable-source-maps", join(outdir, `${name}-bench.mjs`), ...args], { cwd: root, stdio: "inherit" });
// Forward Ctrl-C / termination so the orchestrator can stop its own children before exiting.
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
