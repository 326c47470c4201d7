// Runs in the relay. Measured (not declared) frame rate and bitrate of an upstream, over a short sliding window.
import { performance } from "node:perf_hooks";
import type { FlvTag } from "../flv/flv-parser.js";

interface Sample {
  at: number;
  bytes: number;
  videoFrame: boolean;
}

export class StreamMeter {
  private samples: Sample[] = [];
  private head = 0;
  private firstAt: number | null = null;
  bytesIn = 0;

  constructor(
    private readonly windowMs = 2000,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  record(tag: FlvTag): void {
    const at = this.clock();
    const bytes = 11 + tag.data.length + 4;
    this.bytesIn += bytes;
    this.firstAt ??= at;
    this.samples.push({ at, bytes, videoFrame: tag.video !== null && !tag.video.isSequenceHeader && !tag.video.isEndOfSequence });
    this.prune(at);
  }

  private prune(now: number): void {
    while (this.head < this.samples.length && (this.samples[this.head]?.at ?? now) < now - this.windowMs) this.head++;
    // Compact occasionally instead of shifting on every sample.
    if (this.head > 512) {
      this.samples = this.samples.slice(this.head);
      this.head = 0;
    }
  }

  /** Length of the window actually observed, so a stream opened 0.5 s ago is not under-reported. */
  private span(now: number): number {
    if (this.firstAt === null) return 0;
    return Math.min(this.windowMs, now - this.firstAt);
  }

  read(): { fps: number | null; bitrateKbps: number | null } {
    const now = this.clock();
    this.prune(now);
    const span = this.span(now);
    if (span < 250) return { fps: null, bitrateKbps: null };
    let frames = 0;
    let bytes = 0;
    for (let i = this.head; i < this.samples.length; i++) {
      const s = this.samples[i];
      if (!s) continue;
      bytes += s.bytes;
      if (s.videoFrame) frames++;
    }
    return {
      fps: Math.round((frames * 1000 * 10) / span) / 10,
      bitrateKbps: Math.round((bytes * 8) / span),
    };
  }

  reset(): void {
    this.samples = [];
    this.head = 0;
    this.firstAt = null;
  }
}
