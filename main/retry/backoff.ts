// Runs in main. Pure: main's one backoff policy — the delay before a retry after `attempt` failures in a row
// (0: the first retry), doubling from the base up to the cap, less up to `jitter` of it at random: retries that one
// outage started spread out, and none waits longer than the cap. Relay restarts, the platform sync and the audit
// uploader all retry with it.
export type BackoffPolicy = {
  baseMs: number;
  capMs: number;
  /** Share of the delay (0..1) that may be taken off at random. */
  jitter: number;
};

/** A relay that exited is restarted after 0.5 s, 1 s, 2 s … 10 s (less up to 20 %). */
export const RELAY_RESTART_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 10_000, jitter: 0.2 };

export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const n = Number.isFinite(attempt) ? Math.min(Math.max(0, Math.floor(attempt)), 30) : 0;
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** n);
  return Math.round(step * (1 - policy.jitter * random()));
}
