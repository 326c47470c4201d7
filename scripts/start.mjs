// `npm start`: builds what is missing, then runs the Electron shell when its binary is installed, otherwise the
// web shell (opened in Chromium/Chrome app mode). `npm start -- --web --no-open` runs the web shell only.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildAll, isStale } from "./build.mjs";
import { checkPrerequisites } from "./prerequisites.mjs";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);

/** The Electron binary, or null. Reads electron's path.txt directly: requiring 'electron' would try to download it. */
function electronBinary() {
  const dir = join(root, "node_modules", "electron");
  const pathFile = join(dir, "path.txt");
  if (!existsSync(pathFile)) return null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = join(override ?? join(dir, "dist"), readFileSync(pathFile, "utf8").trim());
  return existsSync(binary) ? binary : null;
}

// --print-url asks a running web shell for a new link: it needs no browser and must not rebuild under it.
const printUrl = args.includes("--print-url");
const problems = checkPrerequisites({ needBrowser: !args.includes("--no-open") && !printUrl, needFfmpeg: false });
if (problems.length) {
  for (const p of problems) console.error(`vigil: ${p}`);
  if (problems.some((p) => p.startsWith("required"))) process.exit(1);
}

if (!printUrl && isStale()) {
  console.error("vigil: building (first run or sources changed)…");
  await buildAll({ quiet: true });
}

const electron = args.includes("--web") || printUrl ? null : electronBinary();
let child;
if (electron) {
  child = spawn(electron, [root, ...args], { stdio: "inherit" });
} else {
  if (!args.includes("--web")) console.error("vigil: Electron binary not installed; starting the web shell instead");
  child = spawn(process.execPath, [join(root, "dist", "main", "web-main.cjs"), ...args.filter((a) => a !== "--web")], {
    stdio: "inherit",
  });
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
