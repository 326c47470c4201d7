// Runs in bench orchestrators. Starts the servers under test as separate processes (so pidusage sees each alone):
// node-media-server instances and Vigil's standalone relay (`npm run relay`'s script, run directly so the pid is
// the relay's own and not npm's).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startChild, waitForLine, type Child } from "./children.js";
import { freePort } from "./ports.js";
import { repoRoot } from "./report.js";

const buildDir = join(repoRoot, ".tmp", "bench-build");

export interface RunningServer {
  label: string;
  pid: number;
  /** http://127.0.0.1:<port> serving /live/<name>.flv (HTTP-FLV and WS-FLV). */
  httpBase: string;
  child: Child;
  stop(): Promise<void>;
}

export interface RunningNms extends RunningServer {
  rtmpBase: string;
}

export async function startNms(label: string, pulls: Array<{ name: string; rtmpUrl: string }> = []): Promise<RunningNms> {
  const [rtmpPort, httpPort] = [await freePort(), await freePort()];
  // A fresh store per run: NMS persists relay tasks and would restore stale ones.
  const data = mkdtempSync(join(tmpdir(), "vigil-bench-nms-"));
  const args = [join(buildDir, "nms-server.mjs"), "--rtmp-port", String(rtmpPort), "--http-port", String(httpPort), "--data", data];
  for (const p of pulls) args.push("--pull", `/live/${p.name}=${p.rtmpUrl}`);
  const child = startChild(label, process.execPath, args, { cwd: data });
  await waitForLine(child, /^nms: ready/, 15_000);
  return {
    label,
    pid: child.pid,
    httpBase: `http://127.0.0.1:${httpPort}`,
    rtmpBase: `rtmp://127.0.0.1:${rtmpPort}`,
    child,
    async stop() {
      await child.stop();
      rmSync(data, { recursive: true, force: true });
    },
  };
}

export interface RelayOptions {
  sources: Array<{ name: string; url: string }>;
  lingerMs?: number;
}

export async function startVigilRelay(label: string, opts: RelayOptions): Promise<RunningServer> {
  const args = [join(repoRoot, "scripts", "relay-cli.mjs"), "--no-auth", "--port", "0", "--max-viewers", "5000"];
  if (opts.lingerMs !== undefined) args.push("--linger-ms", String(opts.lingerMs));
  for (const s of opts.sources) args.push("--source", `${s.name}=${s.url}`);
  const child = startChild(label, process.execPath, args, { cwd: repoRoot });
  const m = await waitForLine(child, /^relay: (http:\/\/\S+)/, 30_000);
  return { label, pid: child.pid, httpBase: m[1]!, child, stop: () => child.stop() };
}

export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, "ws");
}
