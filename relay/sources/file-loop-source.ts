// Runs in the relay. Plays a local FLV file as if it were a live camera: tags paced in real time,
// looped forever with continuous timestamps (demo media, tests, offline training setups).
import { readFile, stat } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { FLV_TAG_SCRIPT, FlvParseError, parseFlvBuffer, type FlvTag } from "../flv/flv-parser.js";
import { realMediaPath } from "./media-path.js";
import { StreamSource } from "./stream-source.js";

/** The whole file is held in memory; loop sources are short clips. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const DEFAULT_FRAME_INTERVAL_MS = 40;
/** If the process was suspended or blocked this long, resume from now instead of bursting. */
const MAX_LATENESS_MS = 1000;

export interface FileLoopSourceOptions {
  /** Absolute path, already checked with resolveMediaPath. */
  path: string;
  mediaRoot: string;
  /** Monotonic ms clock; injectable for tests. */
  clock?: () => number;
}

type ConfigKind = "script" | "video-config" | "audio-config";

function configKind(tag: FlvTag): ConfigKind | null {
  if (tag.type === FLV_TAG_SCRIPT) return "script";
  if (tag.video?.isSequenceHeader) return "video-config";
  if (tag.audio?.isSequenceHeader) return "audio-config";
  return null;
}

/** Median spacing of video frames, so the loop seam lasts one frame like every other step. */
function frameInterval(tags: readonly FlvTag[]): number {
  const times = tags.filter((t) => t.video && !t.video.isSequenceHeader).map((t) => t.timestamp);
  const steps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const step = (times[i] ?? 0) - (times[i - 1] ?? 0);
    if (step > 0 && step < 1000) steps.push(step);
  }
  steps.sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)] ?? DEFAULT_FRAME_INTERVAL_MS;
}

export class FileLoopSource extends StreamSource {
  readonly description: string;
  private readonly clock: () => number;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  /** Config tags before the first frame: sent on the first loop, and later only if they changed. */
  private prefix: FlvTag[] = [];
  private body: FlvTag[] = [];
  private loopDuration = 0;
  private firstTs = 0;
  private loopOffset = 0;
  private index = 0;
  private startedAt = 0;
  private readonly lastConfig = new Map<ConfigKind, Buffer>();

  constructor(private readonly options: FileLoopSourceOptions) {
    super();
    this.description = `file ${options.path}`;
    this.clock = options.clock ?? (() => performance.now());
  }

  start(): void {
    this.load().then(
      () => this.scheduleNext(),
      (err: unknown) => this.fail(err),
    );
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private fail(err: unknown): void {
    if (this.stopped) return;
    this.stop();
    const message = err instanceof FlvParseError ? `bad FLV file ${this.options.path}: ${err.message}` : err instanceof Error ? err.message : String(err);
    this.emit("error", new Error(message));
  }

  private async load(): Promise<void> {
    const real = await realMediaPath(this.options.mediaRoot, this.options.path);
    const info = await stat(real);
    if (!info.isFile()) throw new Error(`source is not a regular file: ${this.options.path}`);
    if (info.size > MAX_FILE_BYTES) throw new Error(`source file too large for a loop source (${info.size} bytes): ${this.options.path}`);
    const parsed = parseFlvBuffer(await readFile(real));
    const header = parsed.header;
    // An end-of-sequence marker would tell players the live stream ended at every loop seam.
    const tags = parsed.tags.filter((t) => !t.video?.isEndOfSequence);
    if (this.stopped) return;
    const firstFrame = tags.findIndex((t) => configKind(t) === null);
    if (firstFrame < 0) throw new Error(`source file has no audio or video frames: ${this.options.path}`);
    this.prefix = tags.slice(0, firstFrame);
    this.body = tags.slice(firstFrame);
    this.firstTs = this.body[0]?.timestamp ?? 0;
    const lastTs = this.body.reduce((max, t) => Math.max(max, t.timestamp), this.firstTs);
    this.loopDuration = lastTs - this.firstTs + frameInterval(this.body);
    this.startedAt = this.clock();
    this.emit("header", header);
    this.emitPrefix();
  }

  private emitTag(tag: FlvTag, timestamp: number): void {
    const kind = configKind(tag);
    if (kind) this.lastConfig.set(kind, tag.data);
    this.emit("tag", { ...tag, timestamp });
  }

  private emitPrefix(): void {
    for (const tag of this.prefix) {
      const kind = configKind(tag);
      const last = kind ? this.lastConfig.get(kind) : undefined;
      if (last && last.equals(tag.data)) continue;
      this.emitTag(tag, this.loopOffset);
    }
  }

  /** Emits every tag that is due, then sleeps until the next one. Due times are fixed to one start instant, so no drift. */
  private scheduleNext(): void {
    if (this.stopped) return;
    const now = this.clock();
    for (let burst = 0; burst < 1000; burst++) {
      const tag = this.body[this.index];
      if (!tag) {
        this.index = 0;
        this.loopOffset += this.loopDuration;
        this.emitPrefix();
        continue;
      }
      const ts = this.loopOffset + (tag.timestamp - this.firstTs);
      const due = this.startedAt + ts;
      if (due > now) {
        this.timer = setTimeout(() => this.scheduleNext(), Math.max(1, Math.ceil(due - now)));
        return;
      }
      if (now - due > MAX_LATENESS_MS) this.startedAt += now - due;
      this.emitTag(tag, ts);
      this.index++;
      if (this.stopped) return;
    }
    this.timer = setTimeout(() => this.scheduleNext(), 1);
  }
}
