// Runs in the renderer (pure). The one backoff policy of the renderer: the delay before the n-th retry after n
// failures in a row, doubling from the policy's base up to its cap. The core link and tile streams retry against
// loopback services, where jitter buys nothing and a predictable "retrying in 4 s" reads better.
export type BackoffPolicy = { baseMs: number; capMs: number };

/** The web bridge's socket to the console core: 0.5 s, 1 s, 2 s … 10 s. */
export const RECONNECT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 10_000 };
/** Re-pulling a stalled or failed tile stream: 1 s, 2 s, 4 s, 8 s, then 10 s. */
export const TILE_RETRY_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 10_000 };

/** 0 before any failure; base·2^(failures−1) after `failures` in a row, never above the cap. */
export function backoffDelayMs(failures: number, policy: BackoffPolicy): number {
  if (!(failures > 0)) return 0;
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(failures - 1, 30));
}
