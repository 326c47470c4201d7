// Runs in bench orchestrators. Writes docs/benchmarks/<name>.json, <name>.md and the charts the .md embeds.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { MachineInfo } from "./machine.js";

export const repoRoot = resolve(import.meta.dirname, "..", "..");
export const reportDir = join(repoRoot, "docs", "benchmarks");

/** Fields every report starts with, so a figure never travels without its context. */
export interface ReportHeader {
  bench: string;
  mode: "quick" | "full";
  date: string;
  command: string;
  machine: MachineInfo;
}

export function reportHeader(bench: string, quick: boolean, machine: MachineInfo): ReportHeader {
  return {
    bench,
    mode: quick ? "quick" : "full",
    date: new Date().toISOString(),
    command: `npm run bench:${bench}${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    machine,
  };
}

export function writeReport(name: string, json: object, markdown: string, charts: Record<string, string> = {}): string[] {
  mkdirSync(reportDir, { recursive: true });
  const written: string[] = [];
  const put = (file: string, text: string): void => {
    writeFileSync(join(reportDir, file), text);
    written.push(join("docs", "benchmarks", file));
  };
  put(`${name}.json`, `${JSON.stringify(json, null, 2)}\n`);
  for (const [file, svg] of Object.entries(charts)) put(file, svg);
  put(`${name}.md`, markdown);
  return written;
}

/** Markdown table from rows of cells. */
export function mdTable(head: string[], rows: Array<Array<string | number | null>>): string {
  const cell = (v: string | number | null): string => (v === null ? "–" : String(v));
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
}

export function verdict(met: boolean | null): string {
  return met === null ? "**not measured**" : met ? "**met**" : "**missed**";
}

export function machineLine(h: ReportHeader): string {
  const m = h.machine;
  return `${h.mode === "quick" ? "**QUICK RUN** (shortened durations and counts: indicative only) · " : ""}${h.date} · ${m.cores} cores ${m.cpu_model}, ${m.mem_gib} GiB · Node ${m.node} · ${m.ffmpeg} · load at start ${m.loadavg_at_start.join(" ")} · \`${h.command}\``;
}
