// Runs in the relay. Each viewer sees its own timeline: first media tag at 0, never going backwards,
// whatever the upstream's clock did (loops, reconnects, a replaced source).

/** Upstream jumps larger than these are discontinuities, not real time passing. */
const MAX_BACKWARD_MS = 1000;
const MAX_FORWARD_MS = 10_000;
/** Step used across a discontinuity (about one frame). */
const DISCONTINUITY_STEP_MS = 40;

export class TimestampRebaser {
  private offset: number | null = null;
  private lastIn = 0;
  private lastOut = 0;
  private discontinuity = false;
  /** Upstream jumps rebased so far (not counting announced discontinuities). */
  jumps = 0;
  /** The last such jump in upstream ms (negative: backwards), for the log. */
  lastJumpMs = 0;

  /** The upstream's clock restarts (source replaced): the next media tag continues one step after the last. */
  markDiscontinuity(): void {
    if (this.offset !== null) this.discontinuity = true;
  }

  /** Maps an upstream media timestamp to the viewer's timeline. Call it for dropped tags too, so gaps stay real. */
  media(timestamp: number): number {
    if (this.offset === null) {
      this.offset = -timestamp;
      this.lastIn = timestamp;
      this.lastOut = 0;
      return 0;
    }
    const delta = timestamp - this.lastIn;
    const jumped = delta < -MAX_BACKWARD_MS || delta > MAX_FORWARD_MS;
    if (this.discontinuity || jumped) {
      if (jumped && !this.discontinuity) {
        this.jumps++;
        this.lastJumpMs = delta;
      }
      this.discontinuity = false;
      this.offset = this.lastOut + DISCONTINUITY_STEP_MS - timestamp;
    }
    // Small backward steps (audio/video interleave) are clamped rather than rebased.
    const out = Math.max(this.lastOut, timestamp + this.offset);
    this.lastIn = timestamp;
    this.lastOut = out;
    return out;
  }

  get isStarted(): boolean {
    return this.offset !== null;
  }

  /** Timestamp for metadata/config tags: the current position (0 before any media). */
  current(): number {
    return this.lastOut;
  }
}
