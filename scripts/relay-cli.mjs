// `npm run relay -- …`: bundles the standalone relay (relay/relay-cli.ts → dist/relay/relay-cli.cjs, well under
// a second) and runs it in this process, so the pid tools measure is the relay's own.
import { build } from "esbuild";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const outfile = join(root, "dist", "relay", "relay-cli.cjs");
await build({
  entryPoints: [join(root, "relay", "relay-cli.ts")],
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: true,
  logLevel: "warning",
  outfile,
});
createRequire(import.meta.url)(outfile);
