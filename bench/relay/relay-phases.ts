// Runs in the bench:relay orchestrator. The three measurements, each on fresh server processes so one phase's
// leftovers (queues, caches, heap growth) never show up in the next phase's CPU or RSS.
import { connect } from "node:net";
import { publishTestSource, sourceLabel, type TestSource } from "../common/ffmpeg-publisher.js";
import { sleep } from "../common/ports.js";
import { ResourceSampler, rssMb } from "../common/resource-sampler.js";
import { startNms, startVigilRelay, type RunningNms, type RunningServer } from "../common/servers.js";
import { mean, round, summarize, type Summary } from "../common/stats.js";
import type { ViewerFleet } from "./fleet.js";
import { openViewer } from "./flv-viewer-client.js";
import type { RelayBenchConfig } from "./relay-config.js";

export type ServerName = "direct" | "vigil" | "nms";
const FPS = 25;

export interface Ctx {
  cfg: RelayBenchConfig;
  upstream: RunningNms;
  fleet: ViewerFleet;
  log: (line: string) => void;
}

/** Polls until `url` delivers a keyframe: the publisher or a relay pull task is live. */
async function waitForStream(ctx: Ctx, url: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < until) {
    const r = await ctx.fleet.ttff({ url, transport: "ws", count: 1, gapMs: 0, timeoutMs: 4000 });
    if (r.samplesMs.length > 0) return;
    lastError = r.firstError ?? "";
    await sleep(500);
  }
  throw new Error(`stream ${url} not playable within ${timeoutMs} ms: ${lastError}`);
}

function streamUrl(server: RunningServer, name: string): string {
  return `${server.httpBase}/live/${name}.flv`;
}

/** Starts the server under test for `names`, pulling them from the upstream. */
async function startServer(ctx: Ctx, which: "vigil" | "nms", names: string[]): Promise<RunningServer> {
  const up = ctx.upstream;
  const server =
    which === "vigil"
      ? await startVigilRelay("vigil-relay", { sources: names.map((n) => ({ name: n, url: streamUrl(up, n) })) })
      : await startNms("nms-relay", names.map((n) => ({ name: n, rtmpUrl: `${up.rtmpBase}/live/${n}` })));
  // Vigil pulls on demand, NMS pulls at once: either way, wait until every stream plays.
  for (const n of names) await waitForStream(ctx, streamUrl(server, n));
  return server;
}

export interface TtffVariant {
  source: string;
  vigil_cold_ms: number | null;
  direct: Summary;
  vigil: Summary;
  nms: Summary;
  failures: Record<ServerName, number>;
  samples_ms: Record<ServerName, number[]>;
}

export async function measureTtff(ctx: Ctx): Promise<TtffVariant[]> {
  const out: TtffVariant[] = [];
  for (const v of ctx.cfg.variants) {
    ctx.log(`ttff: ${sourceLabel(v)}`);
    const pub = publishTestSource(v, [`${ctx.upstream.rtmpBase}/live/src`]);
    const servers: RunningServer[] = [];
    try {
      await waitForStream(ctx, streamUrl(ctx.upstream, "src"));
      const vigil = await startVigilRelay("vigil-relay", { sources: [{ name: "src", url: streamUrl(ctx.upstream, "src") }] });
      servers.push(vigil);
      // The first viewer opens Vigil's upstream (on demand): reported apart as the cold start.
      const cold = await ctx.fleet.ttff({ url: streamUrl(vigil, "src"), transport: "ws", count: 1, gapMs: 0, timeoutMs: 10_000 });
      const nms = await startServer(ctx, "nms", ["src"]);
      servers.push(nms);
      // Let each server's GOP cache hold a full GOP before the warm connects.
      await sleep((v.gop / FPS) * 1000 + 500);
      const run = (url: string) => ctx.fleet.ttff({ url, transport: "ws", count: ctx.cfg.ttffConnects, gapMs: ctx.cfg.ttffGapMs, timeoutMs: 10_000 });
      const direct = await run(streamUrl(ctx.upstream, "src"));
      const warmVigil = await run(streamUrl(vigil, "src"));
      const viaNms = await run(streamUrl(nms, "src"));
      out.push({
        source: sourceLabel(v),
        vigil_cold_ms: round(cold.samplesMs[0] ?? null),
        direct: summarize(direct.samplesMs),
        vigil: summarize(warmVigil.samplesMs),
        nms: summarize(viaNms.samplesMs),
        failures: { direct: direct.failures, vigil: warmVigil.failures, nms: viaNms.failures },
        samples_ms: { direct: direct.samplesMs.map((x) => round(x)!), vigil: warmVigil.samplesMs.map((x) => round(x)!), nms: viaNms.samplesMs.map((x) => round(x)!) },
      });
      ctx.log(`  p50 direct ${out.at(-1)!.direct.p50} vigil ${out.at(-1)!.vigil.p50} nms ${out.at(-1)!.nms.p50} ms`);
    } finally {
      for (const s of servers) await s.stop();
      await pub.stop();
    }
  }
  return out;
}

export interface FanoutRow {
  scenario: string;
  server: "vigil" | "nms";
  streams: number;
  viewers: number;
  cpu_pct: number | null;
  rss_mb: number | null;
  viewers_ok: number;
  connected: number;
  errors: number;
  first_error: string | null;
  mbps_out: number | null;
}

async function oneFanout(ctx: Ctx, which: "vigil" | "nms", names: string[], viewersPerStream: number): Promise<FanoutRow> {
  const server = await startServer(ctx, which, names);
  try {
    const sampler = new ResourceSampler(server.pid);
    const result = await ctx.fleet.fanout(
      { urls: names.map((n) => streamUrl(server, n)), viewersPerUrl: viewersPerStream, transport: "ws", warmupMs: ctx.cfg.warmupMs, windowMs: ctx.cfg.windowMs },
      () => void sampler.start(),
    );
    const samples = sampler.stop();
    const expected = (FPS * ctx.cfg.windowMs) / 1000;
    const viewers = names.length * viewersPerStream;
    const row: FanoutRow = {
      scenario: `${names.length}x${viewersPerStream}`,
      server: which,
      streams: names.length,
      viewers,
      cpu_pct: round(mean(samples.map((s) => s.cpuPct))),
      rss_mb: round(samples.length ? Math.max(...samples.map((s) => s.rssMb)) : null),
      viewers_ok: result.framesInWindow.filter((f) => f >= 0.9 * expected).length,
      connected: result.connected,
      errors: result.errors,
      first_error: result.firstError,
      mbps_out: round((result.bytesInWindow * 8) / (ctx.cfg.windowMs / 1000) / 1e6),
    };
    ctx.log(`  ${row.scenario} ${which}: cpu ${row.cpu_pct} % rss ${row.rss_mb} MB ok ${row.viewers_ok}/${viewers} (${row.mbps_out} Mbit/s out)`);
    return row;
  } finally {
    await server.stop();
  }
}

export async function measureFanout(ctx: Ctx): Promise<FanoutRow[]> {
  const rows: FanoutRow[] = [];
  ctx.log(`fan-out: one ${sourceLabel(ctx.cfg.fanoutSource)} stream`);
  let pub = publishTestSource(ctx.cfg.fanoutSource, [`${ctx.upstream.rtmpBase}/live/src`]);
  try {
    await waitForStream(ctx, streamUrl(ctx.upstream, "src"));
    for (const n of ctx.cfg.fanoutViewers) {
      for (const which of ["vigil", "nms"] as const) rows.push(await oneFanout(ctx, which, ["src"], n));
    }
  } finally {
    await pub.stop();
  }
  const names = Array.from({ length: ctx.cfg.multiStreams }, (_, i) => `f${i}`);
  ctx.log(`fan-out: ${names.length} streams (one encode, tee) × ${ctx.cfg.multiViewers} viewers`);
  pub = publishTestSource(ctx.cfg.fanoutSource, names.map((n) => `${ctx.upstream.rtmpBase}/live/${n}`));
  try {
    for (const n of names) await waitForStream(ctx, streamUrl(ctx.upstream, n));
    for (const which of ["vigil", "nms"] as const) rows.push(await oneFanout(ctx, which, names, ctx.cfg.multiViewers));
  } finally {
    await pub.stop();
  }
  return rows;
}

export interface StalledResult {
  server: "vigil" | "nms";
  source: string;
  duration_s: number;
  rss_start_mb: number | null;
  rss_end_mb: number | null;
  rss_max_mb: number | null;
  /** Frames a normal viewer of the same stream got meanwhile (it must not suffer). */
  healthy_viewer_fps: number | null;
  samples: Array<{ t_s: number; rss_mb: number }>;
}

export async function measureStalled(ctx: Ctx, which: "vigil" | "nms", source: TestSource): Promise<StalledResult> {
  ctx.log(`stalled viewer: ${which}, ${sourceLabel(source)}, ${ctx.cfg.stallMs / 1000} s`);
  const pub = publishTestSource(source, [`${ctx.upstream.rtmpBase}/live/src`]);
  let server: RunningServer | null = null;
  const healthy = { close: () => {} };
  const stalled = { destroy: () => {} };
  try {
    await waitForStream(ctx, streamUrl(ctx.upstream, "src"));
    server = await startServer(ctx, which, ["src"]);
    const viewer = openViewer(streamUrl(server, "src"), "ws", {});
    healthy.close = () => viewer.close();
    // A viewer that sends its request and never reads: the kernel buffers fill, then the server's queue would.
    const url = new URL(streamUrl(server, "src"));
    const sock = connect(Number(url.port), url.hostname, () => {
      sock.write(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
    });
    sock.pause();
    sock.on("error", () => { /* closed by the server: fine */ });
    stalled.destroy = () => sock.destroy();
    await sleep(2000);
    const framesAtStart = viewer.counter.videoFrames;
    const samples: Array<{ t_s: number; rss_mb: number }> = [];
    const t0 = Date.now();
    while (Date.now() - t0 < ctx.cfg.stallMs) {
      samples.push({ t_s: round((Date.now() - t0) / 1000)!, rss_mb: round(await rssMb(server.pid))! });
      await sleep(1000);
    }
    samples.push({ t_s: round((Date.now() - t0) / 1000)!, rss_mb: round(await rssMb(server.pid))! });
    const fps = (viewer.counter.videoFrames - framesAtStart) / ((Date.now() - t0) / 1000);
    const rss = samples.map((s) => s.rss_mb);
    const r: StalledResult = {
      server: which,
      source: sourceLabel(source),
      duration_s: round((Date.now() - t0) / 1000)!,
      rss_start_mb: rss[0] ?? null,
      rss_end_mb: rss.at(-1) ?? null,
      rss_max_mb: rss.length ? Math.max(...rss) : null,
      healthy_viewer_fps: round(fps),
      samples,
    };
    ctx.log(`  rss ${r.rss_start_mb} → ${r.rss_end_mb} MB (max ${r.rss_max_mb}), healthy viewer ${r.healthy_viewer_fps} fps`);
    return r;
  } finally {
    healthy.close();
    stalled.destroy();
    await server?.stop();
    await pub.stop();
  }
}

