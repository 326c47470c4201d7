// Runs in the relay. Delay before the n-th upstream reconnect: exponential, capped, with jitter so cameras
// behind one broken media server do not all knock again in the same millisecond.

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 15_000 };

/** "Equal jitter": half the exponential step for sure, the other half random. attempt 0 → 250..500 ms. */
export function reconnectDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + (random() * step) / 2);
}
