// Runs in the renderer. The small engine interface a wall tile plays through, so mpegts.js can be swapped
// (or joined by flv.js) without touching the tile logic. Frame detection and the watchdog live outside the engine.

/** What the engine knows about the stream; any field may be unknown (null). */
export type EngineStats = {
  width: number | null;
  height: number | null;
  /** Frame rate declared by the stream (the tile prefers the measured one). */
  fps: number | null;
  /** Network download rate, kilobits per second. */
  kbps: number | null;
  decodedFrames: number | null;
  droppedFrames: number | null;
};

export type TilePlayerEvent =
  /** The engine failed (network or media); the tile recreates it. */
  | { type: "error"; kind: "network" | "media" | "other"; detail: string }
  /** The source ended: for a live stream, the relay closed it (deadline, restart) or the network dropped. */
  | { type: "ended" }
  /** MEDIA_INFO / STATISTICS_INFO arrived. */
  | { type: "stats"; stats: EngineStats };

export interface TilePlayer {
  on(listener: (event: TilePlayerEvent) => void): () => void;
  stats(): EngineStats;
  /** Stops everything and releases the media element (idempotent). */
  destroy(): void;
}

export type TilePlayerSource = { url: string };

export interface TilePlayerEngine {
  readonly name: string;
  isSupported(): boolean;
  /** Starts loading `source` into `video` (which must stay mounted until destroy). */
  create(video: HTMLVideoElement, source: TilePlayerSource): TilePlayer;
}

export const emptyEngineStats: EngineStats = {
  width: null,
  height: null,
  fps: null,
  kbps: null,
  decodedFrames: null,
  droppedFrames: null,
};

/** Detaches a media element completely so the decoder and its MSE object are released. */
export function releaseMediaElement(video: HTMLVideoElement): void {
  try {
    video.pause();
  } catch {
    /* already gone */
  }
  video.removeAttribute("src");
  video.srcObject = null;
  try {
    video.load();
  } catch {
    /* nothing loaded */
  }
}
