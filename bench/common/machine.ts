// Runs in bench orchestrators. What a figure was measured on, recorded next to it.
import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";

export interface MachineInfo {
  cores: number;
  cpu_model: string;
  mem_gib: number;
  node: string;
  ffmpeg: string;
  platform: string;
  loadavg_at_start: number[];
}

export function machineInfo(): MachineInfo {
  let ffmpeg = "unknown";
  try {
    ffmpeg = execFileSync("ffmpeg", ["-version"], { encoding: "utf8" }).split("\n")[0] ?? ffmpeg;
  } catch {
    /* reported as unknown */
  }
  return {
    cores: cpus().length,
    cpu_model: cpus()[0]?.model.trim() ?? "unknown",
    mem_gib: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    ffmpeg,
    platform: `${process.platform} ${process.arch}`,
    loadavg_at_start: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}
