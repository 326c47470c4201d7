// Builds the relay bundle once for integration tests, exactly as `npm run build` does, so a test never runs stale code.
import { build } from "esbuild";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "..", "..");

export async function buildRelayBundle(): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), "vigil-relay-bundle-")), "relay-main.cjs");
  await build({
    entryPoints: [join(repoRoot, "relay", "relay-main.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile,
    logLevel: "warning",
  });
  return outfile;
}
