// Runs in the renderer. Delay before the n-th reconnect attempt: 0.5 s doubling, capped.
export function reconnectDelayMs(attempt: number, baseMs = 500, capMs = 10_000): number {
  const n = Math.max(0, attempt - 1);
  return Math.min(capMs, baseMs * 2 ** Math.min(n, 20));
}
