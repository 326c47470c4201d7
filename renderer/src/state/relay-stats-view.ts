// Runs in the renderer (pure, no DOM). Matches the relay's per-stream stats to wall tiles and formats them for the
// tile stats strip and the relay panel. Channels are "<cameraId>_<main|sub>" (main names them in stream-sessions).
import type { StreamStats } from "../../../contract/relay-control.js";
import { tileStreamProfile } from "../../../contract/wall.js";
import type { Layout } from "../../../contract/wall-layout.js";

export type StreamProfile = "main" | "sub";
export type StreamState = StreamStats["state"];

/** The stream profile main serves a tile: a maximized tile or a large cell the main stream, small cells a sub-stream. */
export function tileProfile(layout: Layout, maximizedTile: number | null, tile: number): StreamProfile {
  return tileStreamProfile(layout, maximizedTile, tile);
}

export function channelFor(cameraId: string, profile: StreamProfile): string {
  return `${cameraId}_${profile}`;
}

/** Splits a channel name into camera id and profile; a channel of another shape (standalone relay) keeps its name. */
export function parseChannel(channel: string): { cameraId: string; profile: StreamProfile | null } {
  const m = /^(.+)_(main|sub)$/.exec(channel);
  return m ? { cameraId: m[1]!, profile: m[2] as StreamProfile } : { cameraId: channel, profile: null };
}

/** The relay stream behind a tile showing `cameraId` with `profile`, if the relay reports one. */
export function statsForTile(streams: readonly StreamStats[] | undefined, cameraId: string | null, profile: StreamProfile): StreamStats | undefined {
  if (!streams || cameraId === null) return undefined;
  const channel = channelFor(cameraId, profile);
  return streams.find((s) => s.channel === channel);
}

/** What the relay says the tile should show about its upstream: the codec, whether it is transcoded, a reconnect. */
export type TileUpstream = { codec: string | null; transcoding: boolean; reconnecting: boolean; reconnects: number };

export function tileUpstream(stats: StreamStats | undefined): TileUpstream | null {
  if (!stats) return null;
  return { codec: stats.codec, transcoding: stats.transcoding, reconnecting: stats.state === "reconnecting", reconnects: stats.reconnects };
}

/** Display name of a codec as operators know it ("hevc" → "H.265"); null stays null. */
export function codecLabel(codec: string | null): string | null {
  if (codec === null || codec === "") return null;
  const c = codec.toLowerCase();
  if (c === "h264" || c === "avc" || c === "avc1") return "H.264";
  if (c === "hevc" || c === "h265" || c === "hvc1" || c === "hev1") return "H.265";
  return codec.toUpperCase();
}

export type ViewerSummary = { count: number; worstQueueMs: number | null; worstQueueBytes: number | null; skippedGops: number };

/** Viewers of a stream: how many, the deepest queue (ms and bytes), and GOPs skipped across all of them. */
export function viewerSummary(viewers: StreamStats["viewers"]): ViewerSummary {
  if (viewers.length === 0) return { count: 0, worstQueueMs: null, worstQueueBytes: null, skippedGops: 0 };
  let worstQueueMs = 0;
  let worstQueueBytes = 0;
  let skippedGops = 0;
  for (const v of viewers) {
    worstQueueMs = Math.max(worstQueueMs, v.queuedMs);
    worstQueueBytes = Math.max(worstQueueBytes, v.queuedBytes);
    skippedGops += v.skippedGops;
  }
  return { count: viewers.length, worstQueueMs, worstQueueBytes, skippedGops };
}

const STATE_ORDER: Record<StreamState, number> = { error: 0, reconnecting: 1, opening: 2, live: 3, idle: 4 };

/** Panel order: troubled streams first (error, reconnecting, opening), then by channel, so rows do not jump around. */
export function sortStreams(streams: readonly StreamStats[]): StreamStats[] {
  return [...streams].sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.channel.localeCompare(b.channel));
}

/** A keyframe is late when none came for twice the measured interval (at least 5 s). */
export function keyframeLate(s: Pick<StreamStats, "keyframeIntervalMs" | "keyframeAgeMs" | "state">): boolean {
  if (s.state !== "live" || s.keyframeAgeMs === null) return false;
  return s.keyframeAgeMs > Math.max(5000, 2 * (s.keyframeIntervalMs ?? 0));
}

/** A viewer queue this deep (ms of media) is worth flagging: the relay skips GOPs well before it cuts a viewer. */
export const QUEUE_WARN_MS = 1000;

const DASH = "–";

export function formatNumber(v: number | null, digits = 0): string {
  return v === null || !Number.isFinite(v) ? DASH : v.toFixed(digits);
}

export function formatResolution(width: number | null, height: number | null): string {
  return width === null || height === null ? DASH : `${width}×${height}`;
}

/** Durations: "850 ms" below 10 s, else "12.3 s"; "–" when unknown. */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return DASH;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Byte counts in decimal units: "950 B", "12.4 kB", "3.2 MB", "1.05 GB". */
export function formatBytes(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return DASH;
  if (n < 1000) return `${Math.round(n)} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let v = n / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(v < 10 && i >= 2 ? 2 : 1)} ${units[i]}`;
}

export function formatKbps(kbps: number | null): string {
  if (kbps === null || !Number.isFinite(kbps)) return DASH;
  return kbps >= 10_000 ? `${(kbps / 1000).toFixed(1)} Mbps` : `${Math.round(kbps)} kbps`;
}
