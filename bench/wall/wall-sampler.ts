// Runs in the bench:wall orchestrator (the page-side parts run in Chromium through page.evaluate). Per tile count:
// dropped frames (getVideoPlaybackQuality over the window) and buffer latency (buffered end − currentTime).
import type { Page } from "playwright-core";
import { percentile, round } from "../common/stats.js";

export interface TileSnapshot {
  dropped: number;
  total: number;
  bufferS: number | null;
  currentTime: number;
}

export function snapshot(page: Page, selector: string): Promise<TileSnapshot[]> {
  return page.evaluate((sel) => {
    return [...document.querySelectorAll<HTMLVideoElement>(sel)].map((v) => {
      const q = v.getVideoPlaybackQuality();
      const b = v.buffered;
      return { dropped: q.droppedVideoFrames, total: q.totalVideoFrames, bufferS: b.length ? b.end(b.length - 1) - v.currentTime : null, currentTime: v.currentTime };
    });
  }, selector);
}

/** Waits until `count` videos advance (or the timeout): how many tiles actually play. */
export async function waitPlaying(page: Page, selector: string, count: number, timeoutMs: number): Promise<number> {
  const until = Date.now() + timeoutMs;
  let playing = 0;
  while (Date.now() < until) {
    const a = await snapshot(page, selector);
    await page.waitForTimeout(500);
    const b = await snapshot(page, selector);
    playing = b.filter((s, i) => a[i] && s.currentTime > a[i]!.currentTime).length;
    if (playing >= count) break;
  }
  return playing;
}

export interface WallMeasurement {
  tiles_playing: number;
  dropped_pct: number | null;
  latency_p50_s: number | null;
  latency_p95_s: number | null;
  latency_max_s: number | null;
  frames_total: number;
}

export async function measure(page: Page, selector: string, windowMs: number): Promise<WallMeasurement> {
  const first = await snapshot(page, selector);
  const buffers: number[] = [];
  const until = Date.now() + windowMs;
  while (Date.now() < until) {
    for (const s of await snapshot(page, selector)) if (s.bufferS !== null) buffers.push(s.bufferS);
    await page.waitForTimeout(500);
  }
  const last = await snapshot(page, selector);
  let dropped = 0;
  let total = 0;
  let playing = 0;
  last.forEach((s, i) => {
    const f = first[i];
    if (!f) return;
    dropped += s.dropped - f.dropped;
    total += s.total - f.total;
    if (s.currentTime > f.currentTime) playing++;
  });
  return {
    tiles_playing: playing,
    dropped_pct: total > 0 ? round((dropped / total) * 100, 2) : null,
    latency_p50_s: round(percentile(buffers, 50), 3),
    latency_p95_s: round(percentile(buffers, 95), 3),
    latency_max_s: round(buffers.length ? Math.max(...buffers) : null, 3),
    frames_total: total,
  };
}
