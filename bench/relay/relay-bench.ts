// bench:relay orchestrator. Same live upstream (ffmpeg → RTMP → node-media-server "A"), served three ways:
// direct from A, through Vigil's relay (pulling A's HTTP-FLV), through a second node-media-server (RTMP pull task).
// Viewers run in a separate process; servers are measured with pidusage. Writes docs/benchmarks/relay.{json,md}.
import { installCleanup, stopAll } from "../common/children.js";
import { machineInfo } from "../common/machine.js";
import { reportHeader, writeReport } from "../common/report.js";
import { startNms } from "../common/servers.js";
import { summarize } from "../common/stats.js";
import { ViewerFleet } from "./fleet.js";
import { relayBenchConfig } from "./relay-config.js";
import { measureFanout, measureStalled, measureTtff, type Ctx } from "./relay-phases.js";
import { relayCharts, relayMarkdown, type RelayReport } from "./relay-report.js";

installCleanup();
const cfg = relayBenchConfig(process.argv.slice(2));
const header = reportHeader("relay", cfg.quick, machineInfo());
const log = (line: string): void => console.log(`[bench:relay] ${line}`);
log(`${header.mode} run on ${header.machine.cores} cores (${header.machine.cpu_model})`);

const fleet = ViewerFleet.start();
const upstream = await startNms("nms-upstream");
try {
  const ctx: Ctx = { cfg, upstream, fleet, log };
  const ttffVariants = await measureTtff(ctx);
  const fanout = await measureFanout(ctx);
  const stalledVigil = await measureStalled(ctx, "vigil", cfg.stallSource);
  const stalledNms = await measureStalled(ctx, "nms", cfg.stallSource);

  // Headline TTFF per server: every warm connect over every variant (per-variant figures sit beside it).
  const pooled = (key: "direct" | "vigil" | "nms") => summarize(ttffVariants.flatMap((v) => v.samples_ms[key]));
  const report: RelayReport = {
    ...header,
    config: {
      ttff_connects_per_variant: cfg.ttffConnects,
      fanout_window_s: cfg.windowMs / 1000,
      warmup_s: cfg.warmupMs / 1000,
      viewer_transport: "ws-flv",
      viewers_ok_rule: ">= 90% of 25 fps x window frames received inside the window",
      upstream: "ffmpeg testsrc2 libx264 veryfast zerolatency -> RTMP -> node-media-server 4.4.3 (A)",
      nms_relay: "node-media-server 4.4.3 (B), RTMP pull task from A",
      vigil_relay: "scripts/relay-cli.mjs --no-auth, HTTP-FLV pull from A",
    },
    ttff_ms: { direct: pooled("direct"), vigil: pooled("vigil"), nms: pooled("nms") },
    ttff_by_source: ttffVariants,
    fanout,
    stalled_viewer: {
      rss_start_mb: stalledVigil.rss_start_mb,
      rss_end_mb: stalledVigil.rss_end_mb,
      vigil: stalledVigil,
      nms: stalledNms,
    },
  };
  const charts = relayCharts(report);
  const files = writeReport("relay", report, relayMarkdown(report, Object.keys(charts)), charts);
  log(`ttff p50/p95 ms: direct ${report.ttff_ms.direct.p50}/${report.ttff_ms.direct.p95}, vigil ${report.ttff_ms.vigil.p50}/${report.ttff_ms.vigil.p95}, nms ${report.ttff_ms.nms.p50}/${report.ttff_ms.nms.p95}`);
  log(`wrote ${files.join(", ")}`);
} finally {
  await fleet.stop();
  await upstream.stop();
  await stopAll();
}
