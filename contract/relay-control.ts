// Runs in main and relay. Control messages over the relay child's IPC channel
// (Node `process.send` in the web shell, Electron `process.parentPort` under utilityProcess).
import { z } from "zod";

/** Channel names appear in stream URLs: /live/<channel>.flv. Kept to a safe alphabet. */
export const ChannelNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "channel: 1-64 of [A-Za-z0-9_-]");

/** Video codecs a display can decode. A source whose codec is not listed is transcoded to H.264 by the relay. */
export const VideoCodecSchema = z.enum(["h264", "hevc"]);
export type VideoCodecName = z.infer<typeof VideoCodecSchema>;
const accept = { accept: z.array(VideoCodecSchema).min(1).optional() };

/** A URL whose scheme is one of `schemes` (checked, so an "rtsp" source can never be pointed at a file: URL). */
const urlWithScheme = (...schemes: string[]) =>
  z
    .string()
    .max(4096)
    .refine((value) => {
      try {
        return schemes.includes(new URL(value).protocol.replace(/:$/, ""));
      } catch {
        return false;
      }
    }, `url must be a valid ${schemes.join(" or ")} URL`);

export const SourceSpecSchema = z.discriminatedUnion("kind", [
  /** A local FLV file played in a loop, paced in real time (demo media). */
  z.object({ kind: z.literal("file"), path: z.string().min(1), ...accept }),
  /** HTTP(S)-FLV pull, e.g. ZLMediaKit `http://host/{app}/{stream}.live.flv?token=…`. */
  z.object({ kind: z.literal("http-flv"), url: urlWithScheme("http", "https"), ...accept }),
  /** WS(S)-FLV pull: the same stream over a WebSocket, one or more FLV chunks per binary message. */
  z.object({ kind: z.literal("ws-flv"), url: urlWithScheme("ws", "wss"), ...accept }),
  /** RTSP camera, pulled over TCP through an ffmpeg child (stream copy to FLV). */
  z.object({ kind: z.literal("rtsp"), url: urlWithScheme("rtsp", "rtsps"), ...accept }),
  /** RTMP pull through an ffmpeg child (stream copy to FLV). */
  z.object({ kind: z.literal("rtmp"), url: urlWithScheme("rtmp", "rtmps"), ...accept }),
]);
export type SourceSpec = z.infer<typeof SourceSpecSchema>;

export const MainToRelaySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ping"), seq: z.number().int() }),
  /** Registers (or replaces) the source behind a channel. Pulled on demand when the first viewer arrives. */
  z.object({ type: z.literal("ensureSource"), channel: ChannelNameSchema, source: SourceSpecSchema }),
  z.object({ type: z.literal("releaseSource"), channel: ChannelNameSchema }),
  /** Closes every viewer whose token carries this session id. */
  z.object({ type: z.literal("revokeSession"), session: z.string().min(1) }),
  /**
   * The access behind a session was extended: its viewers are cut at this later wall-clock deadline (ms) instead of
   * their token's. Only ever later; a revoked session is not revived.
   */
  z.object({ type: z.literal("extendSession"), session: z.string().min(1), deadline: z.number().int().positive() }),
  /** Closes every viewer of a channel (the source stays registered). */
  z.object({ type: z.literal("revokeChannel"), channel: ChannelNameSchema }),
  /** Closes every viewer whose token carries this grant id (an access decision that ended). */
  z.object({ type: z.literal("revokeGrant"), grant: z.string().min(1) }),
]);
export type MainToRelay = z.infer<typeof MainToRelaySchema>;

export const ViewerStatsSchema = z.object({
  session: z.string(),
  transport: z.enum(["ws", "http"]),
  queuedBytes: z.number().int().nonnegative(),
  /** Media duration waiting in the viewer's queue (timestamps of the oldest undelivered tag to the newest). */
  queuedMs: z.number().nonnegative(),
  skippedGops: z.number().int().nonnegative(),
  /** Wall-clock ms when the relay cuts this viewer (its token's deadline, or a later one main extended it to). */
  deadline: z.number(),
});

export const StreamStatsSchema = z.object({
  channel: z.string(),
  /** reconnecting: the upstream broke while viewers watch; they stay connected while it is reopened with backoff. */
  state: z.enum(["idle", "opening", "live", "reconnecting", "error"]),
  /** Codec of the upstream ("h264", "hevc", …), also when the relay transcodes it. */
  codec: z.string().nullable(),
  /** True when the relay transcodes the upstream (H.265 → H.264) because the display cannot decode it. */
  transcoding: z.boolean(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  fps: z.number().nullable(),
  bitrateKbps: z.number().nullable(),
  viewers: z.array(ViewerStatsSchema),
  bytesIn: z.number().int().nonnegative(),
  /** Measured spacing of the last video keyframes, and the time since the last one (null before any). */
  keyframeIntervalMs: z.number().nullable(),
  keyframeAgeMs: z.number().nullable(),
  /** Upstream reconnects since the stream was opened on demand. */
  reconnects: z.number().int().nonnegative(),
  /** Upstream timestamp discontinuities (backwards or far forward) rebased so far. */
  timestampJumps: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
});
export type StreamStats = z.infer<typeof StreamStatsSchema>;

export const RelayToMainSchema = z.discriminatedUnion("type", [
  /** Sent once the HTTP server listens. */
  z.object({ type: z.literal("ready"), port: z.number().int().min(1).max(65535) }),
  z.object({ type: z.literal("pong"), seq: z.number().int() }),
  /** Periodic stats (every second while any stream exists). */
  z.object({ type: z.literal("stats"), streams: z.array(StreamStatsSchema) }),
  /** A problem main should log or surface (bad source, refused token, …). */
  z.object({
    type: z.literal("log"),
    level: z.enum(["info", "warn", "error"]),
    message: z.string(),
    channel: z.string().optional(),
  }),
]);
export type RelayToMain = z.infer<typeof RelayToMainSchema>;

/** Environment variables main passes when it spawns the relay. */
export const RELAY_ENV = {
  /** TCP port to listen on (127.0.0.1 only). "0" lets the OS choose. */
  port: "VIGIL_RELAY_PORT",
  /** Hex HMAC key shared with main for stream tokens. */
  tokenKey: "VIGIL_RELAY_TOKEN_KEY",
  /** Directory that file sources must resolve inside (path traversal guard). */
  mediaRoot: "VIGIL_RELAY_MEDIA_ROOT",
  /** Optional: ms a source stays open after its last viewer leaves (default 10000). */
  lingerMs: "VIGIL_RELAY_LINGER_MS",
  /** Optional: most viewers the relay serves at once; more are answered 503 (default 256). */
  maxViewers: "VIGIL_RELAY_MAX_VIEWERS",
  /** Optional: most viewers one stream token's session may hold at once; more are answered 429 (default 4). */
  maxViewersPerSession: "VIGIL_RELAY_MAX_VIEWERS_PER_SESSION",
  /** Optional: most viewers one channel serves at once; more are answered 503 (default 32). */
  maxViewersPerChannel: "VIGIL_RELAY_MAX_VIEWERS_PER_CHANNEL",
  /** Optional: an upstream with video that sends no keyframe for this long is reconnected (default 15000). */
  keyframeTimeoutMs: "VIGIL_RELAY_KEYFRAME_TIMEOUT_MS",
  /** Optional: path of the ffmpeg binary (RTSP/RTMP sources, H.265 transcoding). */
  ffmpeg: "VIGIL_FFMPEG",
} as const;
