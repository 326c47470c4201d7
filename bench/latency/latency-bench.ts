// bench:latency orchestrator. Clock source (Node-painted timecode → ffmpeg zerolatency → RTMP → node-media-server)
// → Vigil relay (HTTP-FLV pull, as for a tile) → Chromium page playing WS-FLV through mpegts.js and flv.js side by
// side. Writes docs/benchmarks/latency.{json,md}.
import { parseArgs } from "node:util";
import { launchChromium, startPageServer } from "../common/browser.js";
import { installCleanup, stopAll } from "../common/children.js";
import { machineInfo } from "../common/machine.js";
import { sleep } from "../common/ports.js";
import { reportHeader, writeReport } from "../common/report.js";
import { startNms, startVigilRelay, wsUrl } from "../common/servers.js";
import type { G2gSample, LatencyPageApi } from "../pages/latency-page.js";
import type { EngineName } from "../pages/engines.js";
import { openViewer } from "../relay/flv-viewer-client.js";
import { startClockSource } from "./clock-source.js";
import { analyseEngine, latencyCharts, latencyMarkdown, type EngineResult, type LatencyReport } from "./latency-report.js";

const ENGINES: EngineName[] = ["mpegts", "flvjs"];
const SETTLE_MS = 5000;

installCleanup();
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    quick: { type: "boolean", default: false },
    "drift-minutes": { type: "string" },
    "window-s": { type: "string" },
    "ttff-count": { type: "string" },
  },
});
const quick = values.quick;
const driftMinutes = Number(values["drift-minutes"] ?? (quick ? 0.5 : 10));
const windowS = Number(values["window-s"] ?? (quick ? 20 : 60));
const ttffCount = Number(values["ttff-count"] ?? (quick ? 5 : 20));
const runMs = Math.max(windowS * 1000, driftMinutes * 60_000) + SETTLE_MS;
const header = reportHeader("latency", quick, machineInfo());
const log = (line: string): void => console.log(`[bench:latency] ${line}`);

/** The page's API as seen from page.evaluate callbacks (which Playwright runs inside the page). */
type Bench = { bench: LatencyPageApi };

const upstream = await startNms("nms-upstream");
const clock = startClockSource(`${upstream.rtmpBase}/live/clock`);
const pages = await startPageServer();
let keepWarm: { close(): void } | null = null;
const browser = await launchChromium();
try {
  const relay = await startVigilRelay("vigil-relay", { sources: [{ name: "clock", url: `${upstream.httpBase}/live/clock.flv` }] });
  const streamUrl = `${wsUrl(relay.httpBase)}/live/clock.flv`;
  // A Node viewer holds the relay's upstream open: TTFF is measured "with a warm upstream", as for a busy wall.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no video from ${streamUrl} in 20 s`)), 20_000);
    const v = openViewer(streamUrl, "ws", { onVideo: () => { clearTimeout(timer); resolve(); } });
    keepWarm = v;
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  const consoleErrors: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  await page.goto(pages.pageUrl("latency-page"));
  await page.waitForFunction(() => document.title === "bench ready");
  const clockOffsetMs = await page.evaluate(() => performance.timeOrigin + performance.now() - Date.now());

  const ttff: Record<EngineName, { samplesMs: number[]; failures: number; firstError: string | null }> = { mpegts: { samplesMs: [], failures: 0, firstError: null }, flvjs: { samplesMs: [], failures: 0, firstError: null } };
  for (const engine of ENGINES) {
    log(`ttff render: ${engine} × ${ttffCount}`);
    ttff[engine] = await page.evaluate(([e, u, n]) => (window as unknown as Bench).bench.ttff(e, u, n, 500, 8000), [engine, streamUrl, ttffCount] as const);
  }

  log(`glass-to-glass: both engines side by side for ${(runMs / 60_000).toFixed(1)} min`);
  const collected: Record<EngineName, { samples: G2gSample[]; unreadable: number; errors: string[]; dropped: number | null; decoded: number | null }> = {
    mpegts: { samples: [], unreadable: 0, errors: [], dropped: null, decoded: null },
    flvjs: { samples: [], unreadable: 0, errors: [], dropped: null, decoded: null },
  };
  const started = Date.now();
  for (const engine of ENGINES) await page.evaluate(([e, u]) => (window as unknown as Bench).bench.startG2g(e, u), [engine, streamUrl] as const);
  while (Date.now() - started < runMs) {
    await sleep(Math.min(5000, runMs - (Date.now() - started)));
    for (const engine of ENGINES) {
      const got = await page.evaluate((e) => (window as unknown as Bench).bench.takeG2g(e), engine);
      const c = collected[engine];
      c.samples.push(...got.samples);
      c.unreadable += got.unreadable;
      c.errors.push(...got.errors);
      c.dropped = got.dropped;
      c.decoded = got.decoded;
    }
    const last = (e: EngineName) => collected[e].samples.at(-1)?.latencyMs.toFixed(0) ?? "–";
    log(`  ${((Date.now() - started) / 1000).toFixed(0)} s: latest mpegts ${last("mpegts")} ms, flvjs ${last("flvjs")} ms`);
  }
  for (const engine of ENGINES) await page.evaluate((e) => (window as unknown as Bench).bench.stopG2g(e), engine);

  const results = Object.fromEntries(
    ENGINES.map((e) => [e, analyseEngine(collected[e], ttff[e], { startedAt: started, settleMs: SETTLE_MS, windowMs: windowS * 1000 })]),
  ) as Record<EngineName, EngineResult>;
  const report: LatencyReport = {
    ...header,
    config: {
      source: "640x360 25 fps, Node-painted timecode -> ffmpeg libx264 veryfast zerolatency g25 800k -> RTMP -> node-media-server 4.4.3",
      path: "Vigil relay (scripts/relay-cli.mjs --no-auth, HTTP-FLV pull) -> WS-FLV -> Chromium",
      window_s: windowS,
      drift_minutes_requested: driftMinutes,
      drift_minutes_measured: Math.round(((runMs - SETTLE_MS) / 60_000) * 100) / 100,
      settle_s: SETTLE_MS / 1000,
      ttff_count: ttffCount,
      page_clock_offset_ms: Math.round(clockOffsetMs * 100) / 100,
      chromium_args: "--no-sandbox --disable-gpu --disable-background-networking --autoplay-policy=no-user-gesture-required (headless)",
    },
    g2g_ms: { mpegts: results.mpegts.g2g, flvjs: results.flvjs.g2g },
    drift_ms_per_10min: { mpegts: results.mpegts.drift, flvjs: results.flvjs.drift },
    ttff_render_ms: { mpegts: results.mpegts.ttff, flvjs: results.flvjs.ttff },
    engines: results,
    console_errors: consoleErrors.slice(0, 20),
  };
  const charts = latencyCharts(report);
  const files = writeReport("latency", report, latencyMarkdown(report, Object.keys(charts)), charts);
  for (const e of ENGINES) {
    log(`${e}: g2g p50 ${report.g2g_ms[e].p50} p95 ${report.g2g_ms[e].p95} max ${report.g2g_ms[e].max} ms, drift ${report.drift_ms_per_10min[e]} ms/10 min, ttff p50 ${report.ttff_render_ms[e].p50} p95 ${report.ttff_render_ms[e].p95} ms`);
  }
  log(`wrote ${files.join(", ")}`);
  await relay.stop();
} finally {
  (keepWarm as { close(): void } | null)?.close();
  await browser.close().catch(() => {});
  await pages.close();
  await clock.stop();
  await upstream.stop();
  await stopAll();
}
