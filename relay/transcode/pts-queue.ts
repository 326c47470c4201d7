// Runs in the relay. Raw H.265 carries no timestamps, so the relay stamps ffmpeg's output itself: x264 runs
// without B-frames and ffmpeg passes frames through one for one, so the n-th picture out is the n-th
// smallest presentation time in.

/** Lag beyond which frames were lost inside ffmpeg (decode error): forget the oldest. */
const MAX_PENDING = 250;

export class PtsQueue {
  private pending: number[] = [];

  get size(): number {
    return this.pending.length;
  }

  /** Input picture with presentation time `pts` (dts + composition offset). Few are pending, so a sorted insert is cheap. */
  push(pts: number): void {
    let i = this.pending.length;
    while (i > 0 && (this.pending[i - 1] ?? 0) > pts) i--;
    this.pending.splice(i, 0, pts);
    if (this.pending.length > MAX_PENDING) this.pending.shift();
  }

  /** Timestamp for the next output picture; null when ffmpeg emitted more than it was given. */
  next(): number | null {
    return this.pending.shift() ?? null;
  }

  /** The next timestamp without taking it (for config tags that precede the picture). */
  peek(): number | null {
    return this.pending[0] ?? null;
  }

  clear(): void {
    this.pending = [];
  }
}
