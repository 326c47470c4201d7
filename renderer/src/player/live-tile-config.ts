// Runs in the renderer (and is read by bench reports in Node): the mpegts.js settings of a live wall tile.
// Kept apart from the engine so reading it never loads mpegts.js itself.
import type mpegts from "mpegts.js";

/** Player config for live wall tiles (option names checked against mpegts.js 1.8.2's d.ts and src/config.js). */
export const liveTileConfig: mpegts.Config = {
  // Transmuxing on the page's thread: a worker per player costs its start-up (the whole library loads again in
  // it) on every tile open and stall recovery, which dominated time-to-first-frame (bench:latency).
  enableWorker: false,
  // MSE stays on the main thread: 1.8.2's dedicated-thread engine clears srcObject on detach while its worker is
  // still touching the SourceBuffer, which throws uncaught errors in the worker on every teardown (seen in Chromium).
  enableWorkerForMSE: false,
  enableStashBuffer: false,
  stashInitialSize: 128 * 1024,
  lazyLoad: false,
  deferLoadAfterSourceOpen: false,
  // A new tile starts on the relay's cached keyframe, up to one GOP old: jump to near the live edge once the
  // buffer holds more than 0.8 s, then keep latency low by playing slightly faster (never by dropping frames).
  liveBufferLatencyChasing: true,
  liveBufferLatencyMaxLatency: 0.8,
  liveBufferLatencyMinRemain: 0.15,
  liveSync: true,
  liveSyncMaxLatency: 0.3,
  liveSyncTargetLatency: 0.15,
  liveSyncPlaybackRate: 1.1,
  autoCleanupSourceBuffer: true,
  autoCleanupMaxBackwardDuration: 10,
  autoCleanupMinBackwardDuration: 5,
  statisticsInfoReportInterval: 1000,
};
