// `npm run platform [-- --port N --media-port M --scale 100000 --data-dir D --status-interval-ms MS]`: the reference
// platform, API and demo media, as two processes. Prints one line `platform: <api url>`.
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { startEmbeddedPlatform } from "./embedded.js";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function intOption(name: string): number | undefined {
  const raw = option(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`platform: --${name} needs a non-negative integer, got "${raw}"\n`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const scale = intOption("scale");
  const port = intOption("port");
  const mediaPort = intOption("media-port");
  const statusIntervalMs = intOption("status-interval-ms");
  const platform = await startEmbeddedPlatform({
    dataDir: resolve(option("data-dir") ?? join(homedir(), ".vigil-platform")),
    ...(scale !== undefined ? { scale } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(mediaPort !== undefined ? { mediaPort } : {}),
    ...(statusIntervalMs !== undefined ? { statusIntervalMs } : {}),
    mediaRoot: resolve(__dirname, "..", "..", "resources", "demo"),
    onLog: (line) => process.stderr.write(`${line}\n`),
    startTimeoutMs: 120_000,
  });
  process.stdout.write(`platform: ${platform.apiUrl}\n`);
  const stop = (): void => void platform.stop().finally(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`platform: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
