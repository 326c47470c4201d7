// Runs in the renderer (bench pages today). TilePlayerEngine on flv.js 1.6.2, configured as close to the console's
// mpegts.js tiles as flv.js allows: live, video only, no stash buffer, back-buffer cleanup. flv.js has no latency
// chasing (mpegts.js's liveBufferLatencyChasing): that difference is part of what bench:latency measures.
import flvjs from "flv.js";
import {
  emptyEngineStats,
  releaseMediaElement,
  type EngineStats,
  type TilePlayer,
  type TilePlayerEngine,
  type TilePlayerEvent,
  type TilePlayerSource,
} from "../../renderer/src/player/tile-player.js";

// flv.js declares its types in a namespace its d.ts does not export: reach them through the API.
type FlvConfig = NonNullable<Parameters<typeof flvjs.createPlayer>[1]>;
type FlvPlayer = ReturnType<typeof flvjs.createPlayer>;

export const flvjsLiveTileConfig: FlvConfig = {
  enableWorker: false,
  enableStashBuffer: false,
  stashInitialSize: 128 * 1024,
  isLive: true,
  lazyLoad: false,
  deferLoadAfterSourceOpen: false,
  autoCleanupSourceBuffer: true,
  autoCleanupMaxBackwardDuration: 10,
  autoCleanupMinBackwardDuration: 5,
  statisticsInfoReportInterval: 1000,
};

let loggingConfigured = false;
function quietLogs(): void {
  if (loggingConfigured) return;
  loggingConfigured = true;
  flvjs.LoggingControl.applyConfig({ enableVerbose: false, enableDebug: false, enableInfo: false, enableWarn: true, enableError: true });
}

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : null;
}

class FlvjsTilePlayer implements TilePlayer {
  private player: FlvPlayer | null;
  private readonly listeners = new Set<(e: TilePlayerEvent) => void>();
  private current: EngineStats = { ...emptyEngineStats };

  constructor(
    private readonly video: HTMLVideoElement,
    source: TilePlayerSource,
  ) {
    quietLogs();
    const player = flvjs.createPlayer({ type: "flv", isLive: true, hasAudio: false, hasVideo: true, url: source.url }, flvjsLiveTileConfig);
    this.player = player;
    player.on(flvjs.Events.ERROR, (type: string, detail: string, info?: { msg?: string }) => {
      const kind = type === flvjs.ErrorTypes.NETWORK_ERROR ? "network" : type === flvjs.ErrorTypes.MEDIA_ERROR ? "media" : "other";
      this.emit({ type: "error", kind, detail: `${detail}${info?.msg ? `: ${info.msg}` : ""}` });
    });
    player.on(flvjs.Events.LOADING_COMPLETE, () => this.emit({ type: "ended" }));
    player.on(flvjs.Events.MEDIA_INFO, (info: { width?: number; height?: number; fps?: number }) => {
      this.current = { ...this.current, width: num(info.width), height: num(info.height), fps: num(info.fps) };
      this.emit({ type: "stats", stats: this.current });
    });
    player.on(flvjs.Events.STATISTICS_INFO, (info: { speed?: number; decodedFrames?: number; droppedFrames?: number }) => {
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
    if (started) started.catch(() => { /* muted autoplay is allowed; a rejection here is a teardown race */ });
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
    for (const step of [() => player.pause(), () => player.unload(), () => player.detachMediaElement(), () => player.destroy()]) {
      try {
        step();
      } catch (err) {
        console.warn("flv.js teardown step failed", err);
      }
    }
    releaseMediaElement(this.video);
  }

  private emit(e: TilePlayerEvent): void {
    for (const l of [...this.listeners]) l(e);
  }
}

export const flvjsEngine: TilePlayerEngine = {
  name: "flv.js",
  isSupported: () => flvjs.isSupported(),
  create: (video, source) => new FlvjsTilePlayer(video, source),
};
