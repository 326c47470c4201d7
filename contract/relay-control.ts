// Runs in main and relay. Control messages over the relay child's IPC channel
// (Node `process.send` in the web shell, Electron `process.parentPort` under utilityProcess).
import { z } from "zod";

/** Channel names appear in stream URLs: /live/<channel>.flv. Kept to a safe alphabet. */
export const ChannelNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "channel: 1-64 of [A-Za-z0-9_-]");

export const SourceSpecSchema = z.discriminatedUnion("kind", [
  /** A local FLV file played in a loop, paced in real time (demo media). */
  z.object({ kind: z.literal("file"), path: z.string().min(1) }),
]);
export type SourceSpec = z.infer<typeof SourceSpecSchema>;

export const MainToRelaySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ping"), seq: z.number().int() }),
  /** Registers (or replaces) the source behind a channel. Pulled on demand when the first viewer arrives. */
  z.object({ type: z.literal("ensureSource"), channel: ChannelNameSchema, source: SourceSpecSchema }),
  z.object({ type: z.literal("releaseSource"), channel: ChannelNameSchema }),
  /** Closes every viewer whose token carries this session id. */
  z.object({ type: z.literal("revokeSession"), session: z.string().min(1) }),
]);
export type MainToRelay = z.infer<typeof MainToRelaySchema>;

export const ViewerStatsSchema = z.object({
  session: z.string(),
  transport: z.enum(["ws", "http"]),
  queuedBytes: z.number().int().nonnegative(),
  skippedGops: z.number().int().nonnegative(),
});

export const StreamStatsSchema = z.object({
  channel: z.string(),
  state: z.enum(["idle", "opening", "live", "error"]),
  codec: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  fps: z.number().nullable(),
  bitrateKbps: z.number().nullable(),
  viewers: z.array(ViewerStatsSchema),
  bytesIn: z.number().int().nonnegative(),
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
} as const;
