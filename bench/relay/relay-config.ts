// Runs in the bench:relay orchestrator. Run sizes: the full run (~8–10 min on 2 cores) and --quick for development.
import { parseArgs } from "node:util";
import type { TestSource } from "../common/ffmpeg-publisher.js";

export interface RelayBenchConfig {
  quick: boolean;
  variants: TestSource[];
  ttffConnects: number;
  ttffGapMs: number;
  fanoutViewers: number[];
  multiStreams: number;
  multiViewers: number;
  warmupMs: number;
  windowMs: number;
  stallMs: number;
  /** The stream tiles use (sub-stream size) for fan-out; the heaviest for the stalled viewer. */
  fanoutSource: TestSource;
  stallSource: TestSource;
}

const SD_G25: TestSource = { width: 640, height: 360, gop: 25, kbps: 800 };
const SD_G100: TestSource = { width: 640, height: 360, gop: 100, kbps: 800 };
const HD_G25: TestSource = { width: 1920, height: 1080, gop: 25, kbps: 4000 };
const HD_G100: TestSource = { width: 1920, height: 1080, gop: 100, kbps: 4000 };

export function relayBenchConfig(argv: string[]): RelayBenchConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      "window-s": { type: "string" },
      "stall-s": { type: "string" },
      "ttff-connects": { type: "string" },
    },
  });
  const quick = values.quick;
  const num = (v: string | undefined, fallback: number): number => (v === undefined ? fallback : Number(v));
  return {
    quick,
    variants: [SD_G25, SD_G100, HD_G25, HD_G100],
    ttffConnects: num(values["ttff-connects"], quick ? 5 : 30),
    ttffGapMs: 200,
    fanoutViewers: quick ? [10, 20] : [50, 100, 200],
    multiStreams: quick ? 8 : 32,
    multiViewers: 2,
    warmupMs: quick ? 2500 : 4000,
    windowMs: num(values["window-s"], quick ? 5 : 20) * 1000,
    stallMs: num(values["stall-s"], quick ? 12 : 60) * 1000,
    fanoutSource: SD_G25,
    stallSource: HD_G25,
  };
}
