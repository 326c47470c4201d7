// Runs in the bench:wall orchestrator. wall.json's shape, charts and wall.md with the 16-tile target's verdict.
import { machineLine, mdTable, verdict, type ReportHeader } from "../common/report.js";
import { barChartSvg } from "../common/svg-chart.js";
import type { WallMeasurement } from "./wall-sampler.js";

export interface WallRow extends WallMeasurement {
  tiles: number;
  page: "vigil" | "bare";
  tiles_started: number;
}

export interface WallReport extends ReportHeader {
  config: Record<string, string | number>;
  wall: WallRow[];
  notes: string[];
}

export function wallCharts(r: WallReport): Record<string, string> {
  const counts = [...new Set(r.wall.map((w) => w.tiles))];
  const v = (n: number, page: string, key: "dropped_pct" | "latency_p95_s") => r.wall.find((w) => w.tiles === n && w.page === page)?.[key] ?? null;
  return {
    "wall-dropped.svg": barChartSvg({
      title: "Dropped frames by tile count (getVideoPlaybackQuality)",
      unit: "%",
      series: ["vigil", "bare"],
      groups: counts.map((n) => ({ label: `${n} tiles`, values: [v(n, "vigil", "dropped_pct"), v(n, "bare", "dropped_pct")] })),
      target: { value: 2, label: "16-tile target 2 %" },
    }),
    "wall-latency.svg": barChartSvg({
      title: "Buffer latency p95 (buffered end − currentTime)",
      unit: "s",
      series: ["vigil", "bare"],
      groups: counts.map((n) => ({ label: `${n} tiles`, values: [v(n, "vigil", "latency_p95_s"), v(n, "bare", "latency_p95_s")] })),
      target: { value: 1, label: "16-tile target 1 s" },
    }),
  };
}

export function wallMarkdown(r: WallReport, chartFiles: string[]): string {
  const at16 = r.wall.find((w) => w.tiles === 16 && w.page === "vigil") ?? null;
  const dropMet = at16?.dropped_pct === null || at16 === null ? null : at16.dropped_pct <= 2;
  const latMet = at16?.latency_p95_s === null || at16 === null ? null : at16.latency_p95_s <= 1;
  return [
    "# Wall benchmark (`npm run bench:wall`)",
    "",
    machineLine(r),
    "",
    `Headless Chromium (software decode and compositing, \`--disable-gpu\`), viewport ${r.config.viewport}. Per tile count, after ${r.config.warmup_s} s of warm-up, over ${r.config.window_s} s: dropped frames = Δdropped / Δtotal of \`getVideoPlaybackQuality()\` summed over tiles; buffer latency = \`buffered.end − currentTime\` of every tile sampled every 0.5 s, p95 over all samples.`,
    "",
    "- **vigil**: the real console (web shell, embedded demo platform, relay child, React wall with mpegts.js tiles), layout (an equal-grid preset) and tiles set through its ConsoleApi like the UI does.",
    "- **bare**: a page with nothing but the console's mpegts.js engine (same config) in a grid, on the demo clips (640×360 25 fps H.264) served by Vigil's standalone relay as file loops — the cost of the players alone, without the app around them.",
    "",
    "## Target: 16 tiles ≤ 2 % dropped and buffer latency p95 ≤ 1 s (the app)",
    "",
    mdTable(
      ["target", "result", "verdict"],
      [
        ["16 tiles ≤ 2 % dropped frames", at16 ? `${at16.dropped_pct} %` : "not measured", verdict(dropMet)],
        ["16 tiles latency p95 ≤ 1 s", at16 ? `${at16.latency_p95_s} s` : "not measured", verdict(latMet)],
      ],
    ),
    "",
    "## Results",
    "",
    mdTable(
      ["tiles", "page", "dropped %", "latency p50 s", "latency p95 s", "latency max s", "tiles playing", "frames counted"],
      r.wall.map((w) => [w.tiles, w.page, w.dropped_pct, w.latency_p50_s, w.latency_p95_s, w.latency_max_s, `${w.tiles_playing}/${w.tiles}`, w.frames_total]),
    ),
    "",
    "## Charts",
    "",
    ...chartFiles.map((f) => `![${f}](${f})`),
    "",
    "## Notes",
    "",
    ...(r.notes.length ? r.notes.map((n) => `- ${n}`) : []),
    "- Where the 16-tile target is missed, the bare row at the same count tells whether the players themselves (decode/MSE on 2 cores) or the app around them is the cost. Closing it on this machine means less decoding: sub-streams at lower resolution or frame rate for small tiles, pausing tiles that are hidden, or hardware decode (not available headless with --disable-gpu).",
    "",
  ].join("\n");
}
