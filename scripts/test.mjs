// `npm test`: every check a change must pass, in order — build, type check, lint, unit + integration (Vitest),
// end-to-end in Chromium (Playwright). Stops at the first failure and says which step failed.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { checkPrerequisites } from "./prerequisites.mjs";

const root = resolve(import.meta.dirname, "..");
const problems = checkPrerequisites({ needBrowser: true, needFfmpeg: true });
if (problems.length) {
  for (const p of problems) console.error(`vigil test: ${p}`);
  process.exit(1);
}

const steps = [
  ["build", ["node", "scripts/build.mjs"]],
  ["typecheck (node)", ["npx", "tsc", "-p", "tsconfig.json", "--noEmit"]],
  ["typecheck (renderer)", ["npx", "tsc", "-p", "renderer/tsconfig.json", "--noEmit"]],
  ["typecheck (e2e)", ["npx", "tsc", "-p", "tests/e2e/tsconfig.json", "--noEmit"]],
  ["typecheck (bench)", ["npx", "tsc", "-p", "bench/tsconfig.json", "--noEmit"]],
  ["lint", ["npx", "eslint", "."]],
  ["unit + integration", ["npx", "vitest", "run"]],
  ["end-to-end (Chromium)", ["npx", "playwright", "test"]],
];

for (const [name, [cmd, ...args]] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, npm_config_loglevel: "error" } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${secs} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${name} (${secs} s)`);
}
console.log("\nall checks passed");
