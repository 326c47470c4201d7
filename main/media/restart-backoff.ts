// Runs in main. Pure: delay before the n-th consecutive restart (exponential, capped, with ±20 % jitter).
export function restartDelayMs(attempt: number, random: () => number = Math.random, baseMs = 500, capMs = 10_000): number {
  const raw = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(raw * (0.8 + 0.4 * random()));
}
