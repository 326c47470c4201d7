// Runs in the renderer (pure). The console's access clock as a window sees it: main's `now` at the moment the access
// state arrived, advanced by this window's monotonic clock (performance.now), so the system clock never moves it.

export type AccessClockAnchor = {
  /** Main's access clock (ms since the epoch) in the state received. */
  now: number;
  /** performance.now() when it was received. */
  receivedAt: number;
};

/** Access-clock ms now; before any access state arrived, the system clock stands in. */
export function accessClockNow(anchor: AccessClockAnchor | null, perfNow: number, wallNow: number): number {
  if (!anchor) return wallNow;
  return anchor.now + Math.max(0, perfNow - anchor.receivedAt);
}
