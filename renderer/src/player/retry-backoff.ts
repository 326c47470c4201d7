// Runs in the renderer (pure). Delay before re-pulling a stalled or failed tile stream: 1 s, 2 s, 4 s, 8 s, then 10 s.
export function retryDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(10_000, 1000 * 2 ** (failures - 1));
}
