// Runs in Chromium (bench:latency). Plays the clock-source stream through an engine, reads the timecode of every
// rendered frame (requestVideoFrameCallback → canvas) and records display time − encoded time on the same machine
// clock. Also measures time to first rendered frame after a player is created. Driven by Playwright via window.bench.
import type { TilePlayer } from "../../renderer/src/player/tile-player.js";
import { decodeBits, readBits, BLOCK, COLUMNS, ROWS } from "../latency/timecode.js";
import { engines, type EngineName } from "./engines.js";

export interface G2gSample {
  /** Wall clock (ms since epoch) when the frame was to be displayed. */
  t: number;
  latencyMs: number;
  /** Media buffered ahead of the playhead when the frame was shown: the player's share of the latency. */
  bufferMs: number;
}

interface Running {
  player: TilePlayer;
  video: HTMLVideoElement;
  samples: G2gSample[];
  unreadable: number;
  errors: string[];
  stopped: boolean;
}

const running = new Map<EngineName, Running>();
const W = COLUMNS * BLOCK;
const H = ROWS * BLOCK;

function mountVideo(label: string): HTMLVideoElement {
  const box = document.createElement("div");
  box.className = "tile";
  box.dataset.engine = label;
  const video = document.createElement("video");
  video.muted = true;
  video.autoplay = true;
  video.playsInline = true;
  box.append(video);
  document.body.append(box);
  return video;
}

function unmount(video: HTMLVideoElement): void {
  video.parentElement?.remove();
}

function startG2g(engine: EngineName, url: string): void {
  const video = mountVideo(engine);
  const canvas = document.createElement("canvas");
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
  const run: Running = { player: engines[engine].create(video, { url }), video, samples: [], unreadable: 0, errors: [], stopped: false };
  run.player.on((e) => {
    if (e.type === "error") run.errors.push(`${e.kind}: ${e.detail}`);
    if (e.type === "ended") run.errors.push("ended");
  });
  const onFrame = (_now: number, meta: VideoFrameCallbackMetadata): void => {
    if (run.stopped) return;
    ctx.drawImage(video, 0, 0, W, H, 0, 0, W, H);
    const px = ctx.getImageData(0, 0, W, H).data;
    const bits = readBits((x, y) => px[(y * W + x) * 4 + 1]!);
    const sent = decodeBits(bits);
    // expectedDisplayTime is on the performance clock; timeOrigin puts it on the wall clock the sender used.
    if (sent === null) run.unreadable++;
    else {
      const shown = performance.timeOrigin + meta.expectedDisplayTime;
      const b = video.buffered;
      const bufferMs = b.length ? (b.end(b.length - 1) - video.currentTime) * 1000 : 0;
      run.samples.push({ t: shown, latencyMs: shown - sent, bufferMs });
    }
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  running.set(engine, run);
}

function takeG2g(engine: EngineName): { samples: G2gSample[]; unreadable: number; errors: string[]; dropped: number | null; decoded: number | null } {
  const run = running.get(engine);
  if (!run) return { samples: [], unreadable: 0, errors: ["not running"], dropped: null, decoded: null };
  const q = run.video.getVideoPlaybackQuality();
  const out = { samples: run.samples, unreadable: run.unreadable, errors: run.errors, dropped: q.droppedVideoFrames, decoded: q.totalVideoFrames };
  run.samples = [];
  run.unreadable = 0;
  run.errors = [];
  return out;
}

function stopG2g(engine: EngineName): void {
  const run = running.get(engine);
  if (!run) return;
  run.stopped = true;
  run.player.destroy();
  unmount(run.video);
  running.delete(engine);
}

/** Player created → first requestVideoFrameCallback, `count` times, one player at a time. */
async function ttff(engine: EngineName, url: string, count: number, gapMs: number, timeoutMs: number): Promise<{ samplesMs: number[]; failures: number; firstError: string | null }> {
  const samplesMs: number[] = [];
  let failures = 0;
  let firstError: string | null = null;
  for (let i = 0; i < count; i++) {
    const video = mountVideo(`${engine}-ttff`);
    const created = performance.now();
    const player = engines[engine].create(video, { url });
    const outcome = await new Promise<number | string>((resolve) => {
      const timer = setTimeout(() => resolve(`no frame within ${timeoutMs} ms`), timeoutMs);
      player.on((e) => {
        if (e.type === "error") resolve(`${e.kind}: ${e.detail}`);
      });
      video.requestVideoFrameCallback((now) => {
        clearTimeout(timer);
        resolve(now - created);
      });
    });
    player.destroy();
    unmount(video);
    if (typeof outcome === "number") samplesMs.push(outcome);
    else {
      failures++;
      firstError ??= outcome;
    }
    await new Promise((r) => setTimeout(r, gapMs));
  }
  return { samplesMs, failures, firstError };
}

const api = { startG2g, takeG2g, stopG2g, ttff, supported: (e: EngineName) => engines[e].isSupported() };
export type LatencyPageApi = typeof api;
(window as unknown as { bench: LatencyPageApi }).bench = api;
document.title = "bench ready";
