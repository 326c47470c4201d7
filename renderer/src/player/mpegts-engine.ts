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
import { liveTileConfig } from "./live-tile-config.js";


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
