// Runs in the bench:relay orchestrator. relay.json's shape, the charts and relay.md with the targets' verdicts.
import { barChartSvg } from "../common/svg-chart.js";
import { machineLine, mdTable, verdict, type ReportHeader } from "../common/report.js";
import type { Summary } from "../common/stats.js";
import type { FanoutRow, StalledResult, TtffVariant } from "./relay-phases.js";

export interface RelayReport extends ReportHeader {
  config: Record<string, string | number>;
  ttff_ms: { direct: Summary; vigil: Summary; nms: Summary };
  ttff_by_source: TtffVariant[];
  fanout: FanoutRow[];
  stalled_viewer: { rss_start_mb: number | null; rss_end_mb: number | null; vigil: StalledResult; nms: StalledResult };
}

/** RSS counts as flat when it grows by at most this much over the stall window. */
const FLAT_RSS_MB = 10;

export function relayCharts(r: RelayReport): Record<string, string> {
  const scenarios = [...new Set(r.fanout.map((f) => f.scenario))];
  const cell = (s: string, server: string, key: "cpu_pct" | "rss_mb") => r.fanout.find((f) => f.scenario === s && f.server === server)?.[key] ?? null;
  return {
    "relay-ttff.svg": barChartSvg({
      title: "Time to first keyframe byte (warm, WS-FLV), p50 / p95",
      unit: "ms",
      series: ["direct p50", "vigil p50", "nms p50", "direct p95", "vigil p95", "nms p95"],
      groups: r.ttff_by_source.map((v) => ({ label: v.source, values: [v.direct.p50, v.vigil.p50, v.nms.p50, v.direct.p95, v.vigil.p95, v.nms.p95] })),
    }),
    "relay-fanout-cpu.svg": barChartSvg({
      title: "Fan-out: relay process CPU (% of one core)",
      unit: "%",
      series: ["vigil", "nms"],
      groups: scenarios.map((s) => ({ label: `${s} viewers`, values: [cell(s, "vigil", "cpu_pct"), cell(s, "nms", "cpu_pct")] })),
    }),
  };
}

export function relayMarkdown(r: RelayReport, chartFiles: string[]): string {
  const rows = r.fanout;
  const pairs = [...new Set(rows.map((f) => f.scenario))].map((s) => {
    const v = rows.find((f) => f.scenario === s && f.server === "vigil");
    const n = rows.find((f) => f.scenario === s && f.server === "nms");
    // CPU per viewer that played properly: the fan-out each server buys with the same CPU.
    const per = (f: FanoutRow | undefined) => (f && f.cpu_pct !== null && f.viewers_ok > 0 ? f.cpu_pct / f.viewers_ok : null);
    const pv = per(v);
    const pn = per(n);
    return { s, ratio: pv !== null && pn !== null && pv > 0 ? pn / pv : null, v, n };
  });
  const fanoutMet = pairs.length > 0 && pairs.every((p) => p.ratio !== null && p.ratio >= 2);
  const sv = r.stalled_viewer.vigil;
  const flat = sv.rss_start_mb !== null && sv.rss_end_mb !== null ? sv.rss_end_mb - sv.rss_start_mb <= FLAT_RSS_MB : null;
  const lines = [
    "# Relay benchmark (`npm run bench:relay`)",
    "",
    machineLine(r),
    "",
    "Same live upstream for everything: ffmpeg `testsrc2` → libx264 veryfast zerolatency (25 fps) → RTMP → node-media-server 4.4.3 **A**.",
    "*direct* = viewers on A; *vigil* = Vigil's standalone relay pulling A's HTTP-FLV; *nms* = a second node-media-server 4.4.3 (**B**) relaying A with an RTMP pull task.",
    "Viewers are WS-FLV clients in a separate Node process; CPU and RSS are the server process's own (pidusage, 1 s samples; 100 % = one core).",
    "Each scenario runs on freshly started relay processes.",
    "",
    "## Targets",
    "",
    mdTable(
      ["target", "result", "verdict"],
      [
        [
          "≥ 2× node-media-server's fan-out at equal CPU (CPU per well-served viewer, every scenario)",
          pairs.map((p) => `${p.s}: ${p.ratio === null ? "–" : `${p.ratio.toFixed(2)}×`}`).join(", "),
          verdict(pairs.length ? fanoutMet : null),
        ],
        [
          `RSS flat with a stalled viewer (growth ≤ ${FLAT_RSS_MB} MB over ${sv.duration_s} s)`,
          `${sv.rss_start_mb} → ${sv.rss_end_mb} MB (max ${sv.rss_max_mb}); nms ${r.stalled_viewer.nms.rss_start_mb} → ${r.stalled_viewer.nms.rss_end_mb} MB`,
          verdict(flat),
        ],
      ],
    ),
    "",
    "## Time to first keyframe byte",
    "",
    "Connect → first complete video keyframe tag, warm upstream (the servers' GOP caches hold a full GOP), WS-FLV, connects 200 ms apart. `vigil cold` is the first viewer, which opens Vigil's on-demand upstream.",
    "",
    mdTable(
      ["source", "direct p50/p95", "vigil p50/p95", "nms p50/p95", "vigil cold", "failures d/v/n"],
      r.ttff_by_source.map((v) => [
        v.source,
        `${v.direct.p50} / ${v.direct.p95}`,
        `${v.vigil.p50} / ${v.vigil.p95}`,
        `${v.nms.p50} / ${v.nms.p95}`,
        v.vigil_cold_ms,
        `${v.failures.direct}/${v.failures.vigil}/${v.failures.nms}`,
      ]),
    ),
    "",
    `All sources pooled (ms): direct ${r.ttff_ms.direct.p50} / ${r.ttff_ms.direct.p95}, vigil ${r.ttff_ms.vigil.p50} / ${r.ttff_ms.vigil.p95}, nms ${r.ttff_ms.nms.p50} / ${r.ttff_ms.nms.p95} (p50 / p95).`,
    "",
    "## Fan-out",
    "",
    `640×360 stream(s); \`viewers_ok\` = viewers that received ≥ 90 % of the expected frames in the ${r.config.fanout_window_s} s window after ${r.config.warmup_s} s of warm-up. The ${rows.find((f) => f.streams > 1)?.streams ?? "–"}-stream scenario is one encode pushed to A under that many names (ffmpeg tee).`,
    "",
    mdTable(
      ["scenario", "server", "CPU %", "RSS MB", "viewers_ok", "connected", "out Mbit/s", "errors"],
      rows.map((f) => [f.scenario, f.server, f.cpu_pct, f.rss_mb, `${f.viewers_ok}/${f.viewers}`, f.connected, f.mbps_out, f.errors ? `${f.errors} (${f.first_error})` : 0]),
    ),
    "",
    "## Stalled viewer",
    "",
    `One HTTP-FLV viewer sends its request and never reads, beside one healthy WS-FLV viewer, on ${sv.source}, for ${sv.duration_s} s.`,
    "",
    mdTable(
      ["server", "RSS start MB", "RSS end MB", "RSS max MB", "healthy viewer fps"],
      [r.stalled_viewer.vigil, r.stalled_viewer.nms].map((s) => [s.server, s.rss_start_mb, s.rss_end_mb, s.rss_max_mb, s.healthy_viewer_fps]),
    ),
    "",
    "## Charts",
    "",
    ...chartFiles.map((f) => `![${f}](${f})`),
    "",
    "## Notes",
    "",
    "- Machine shared with other work unless the header says otherwise: CPU figures carry that noise.",
    "- The encoder(s) run on the same machine and take CPU from both relays equally.",
    "- node-media-server B pulls its upstream permanently (RTMP pull task); Vigil pulls on demand and lingers after the last viewer.",
    "",
  ];
  return lines.join("\n");
}
