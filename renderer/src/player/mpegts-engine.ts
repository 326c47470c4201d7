// Runs in the renderer. TilePlayerEngine on mpegts.js 1.8.2: live WS-FLV, video only, no stash buffer,
// transmuxing on the page thread, latency chasing + live sync, and back-buffer cleanup.
import mpegts from "mpegts.js";
import {
  emptyEngineStats,
  releaseMediaElement,
  type EngineStats,
  type TilePlayer,
  type TilePlayerEngine,
  type TilePlayerEvent,
  type TilePlayerSource,
} from "./tile-player.js";

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
  liveBufferLatencyMinRemain: 0.2,
  liveSync: true,
  liveSyncMaxLatency: 0.35,
  liveSyncTargetLatency: 0.2,
  liveSyncPlaybackRate: 1.1,
  autoCleanupSourceBuffer: true,
  autoCleanupMaxBackwardDuration: 10,
  autoCleanupMinBackwardDuration: 5,
  statisticsInfoReportInterval: 1000,
};

let loggingConfigured = false;
function quietLogs(): void {
  if (loggingConfigured) return;
  loggingConfigured = true;
  // mpegts.js logs every chunk at debug level; keep warnings and errors.
  mpegts.LoggingControl.applyConfig({ enableVerbose: false, enableDebug: false, enableInfo: false, enableWarn: true, enableError: true });
}

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : null;
}

class MpegtsTilePlayer implements TilePlayer {
  private player: mpegts.Player | null;
  private readonly listeners = new Set<(e: TilePlayerEvent) => void>();
  private current: EngineStats = { ...emptyEngineStats };

  constructor(
    private readonly video: HTMLVideoElement,
    source: TilePlayerSource,
  ) {
    quietLogs();
    const player = mpegts.createPlayer({ type: "flv", isLive: true, hasAudio: false, hasVideo: true, url: source.url }, liveTileConfig);
    this.player = player;
    player.on(mpegts.Events.ERROR, (type: string, detail: string, info?: { msg?: string }) => {
      const kind = type === mpegts.ErrorTypes.NETWORK_ERROR ? "network" : type === mpegts.ErrorTypes.MEDIA_ERROR ? "media" : "other";
      this.emit({ type: "error", kind, detail: `${detail}${info?.msg ? `: ${info.msg}` : ""}` });
    });
    player.on(mpegts.Events.LOADING_COMPLETE, () => this.emit({ type: "ended" }));
    player.on(mpegts.Events.MEDIA_INFO, (info: mpegts.MSEPlayerMediaInfo) => {
      this.current = { ...this.current, width: num(info.width), height: num(info.height), fps: num(info.fps) };
      this.emit({ type: "stats", stats: this.current });
    });
    player.on(mpegts.Events.STATISTICS_INFO, (info: mpegts.MSEPlayerStatisticsInfo) => {
      const speed = num(info.speed); // KB/s
      this.current = {
        ...this.current,
        kbps: speed === null ? null : Math.round((speed * 1024 * 8) / 1000),
        decodedFrames: info.decodedFrames ?? null,
        droppedFrames: info.droppedFrames ?? null,
      };
      this.emit({ type: "stats", stats: this.current });
    });
    video.muted = true;
    player.attachMediaElement(video);
    player.load();
    const started = player.play();
    if (started) started.catch(() => { /* autoplay is allowed for muted video; a rejection here is a teardown race */ });
  }

  on(listener: (e: TilePlayerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stats(): EngineStats {
    return this.current;
  }

  destroy(): void {
    const player = this.player;
    if (!player) return;
    this.player = null;
    this.listeners.clear();
    const step = (f: () => void) => {
      try {
        f();
      } catch (err) {
        console.warn("mpegts teardown step failed", err);
      }
    };
    step(() => player.pause());
    step(() => player.unload());
    step(() => player.detachMediaElement());
    step(() => player.destroy());
    releaseMediaElement(this.video);
  }

  private emit(e: TilePlayerEvent): void {
    for (const l of [...this.listeners]) l(e);
  }
}

export const mpegtsEngine: TilePlayerEngine = {
  name: "mpegts.js",
  isSupported: () => mpegts.isSupported(),
  create: (video, source) => new MpegtsTilePlayer(video, source),
};
