// Runs in main. The clock access is enforced on: wall-clock time read once at start, then advanced by the
// monotonic clock, so setting the system clock back (or forward) never extends a grant. In test mode
// (VIGIL_TEST_CLOCK=1) tests may move it forward to pass a grant's end without waiting.

export type ClockJumpListener = (now: number) => void;

export class AccessClock {
  private readonly anchorWall: number;
  private readonly anchorMono: number;
  private offsetMs = 0;
  private readonly listeners = new Set<ClockJumpListener>();

  constructor(
    private readonly options: {
      testMode?: boolean;
      /** Sources, replaceable in unit tests. */
      wallNow?: () => number;
      monoNow?: () => number;
    } = {},
  ) {
    this.anchorWall = (options.wallNow ?? Date.now)();
    this.anchorMono = this.mono();
  }

  private mono(): number {
    return (this.options.monoNow ?? (() => performance.now()))();
  }

  /** Access-clock ms since the epoch. */
  now(): number {
    return Math.round(this.anchorWall + (this.mono() - this.anchorMono) + this.offsetMs);
  }

  get testMode(): boolean {
    return this.options.testMode === true;
  }

  /** How far the access clock is ahead of the system clock (test skips, or the system clock set back). */
  skewFromSystem(): number {
    return this.now() - Date.now();
  }

  /** Test mode only: jump forward. Listeners run at once so expiries fire without waiting for a tick. */
  advance(ms: number): number {
    if (!this.testMode) throw new Error("the access clock only moves in test mode");
    if (!(ms >= 0)) throw new Error("the access clock never moves back");
    this.offsetMs += ms;
    const now = this.now();
    for (const l of this.listeners) l(now);
    return now;
  }

  onJump(listener: ClockJumpListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
