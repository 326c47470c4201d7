// Runs in the renderer (pure). Decisions the tile stream controller makes, kept free of DOM and timers so they are tested.
import type { ApiErrorCode } from "../../../contract/console-api.js";

/** How long a playing tile may go without a new frame before it counts as stalled. */
export const FRAME_STALL_MS = 4000;
/** How long a fresh player may take to show its first frame. */
export const FIRST_FRAME_TIMEOUT_MS = 10_000;
/** After this long playing, a later stall starts the backoff from the beginning again. */
export const STABLE_PLAY_MS = 10_000;
/** Quiet background retry for errors that need the world to change (camera back online, source restored). */
export const ERROR_RETRY_MS = 15_000;

/**
 * openStream failures that need something outside the console to change: the tile shows `error` with what to do,
 * and retries quietly in the background. Everything else is transient: the tile shows it is reconnecting.
 */
export function isLastingStreamError(code: ApiErrorCode): boolean {
  switch (code) {
    case "CAMERA_OFFLINE":
    case "UNKNOWN_CAMERA":
    case "MEDIA_MISSING":
    case "TILE_EMPTY":
    case "TILE_OUT_OF_LAYOUT":
    case "UNKNOWN_WALL":
    case "INVALID_LAYOUT":
    case "UNKNOWN_LAYOUT":
    case "INVALID_REQUEST":
    case "UNKNOWN_METHOD":
    case "ACCESS_DENIED":
    case "NOT_LOGGED_IN":
    case "BAD_CREDENTIALS":
    case "RATE_LIMITED":
    case "FORBIDDEN":
    case "SELF_APPROVAL":
    case "CONFLICT":
    case "TEST_CLOCK_DISABLED":
      return true;
    case "RELAY_UNAVAILABLE":
    case "PLATFORM_UNREACHABLE":
    case "INTERNAL":
      return false;
  }
}

export type WatchdogInput = {
  now: number;
  playerCreatedAt: number;
  lastFrameAt: number | null;
  hidden: boolean;
};

/** True when the player should be torn down and recreated. */
export function watchdogFires(i: WatchdogInput): boolean {
  if (i.hidden) return false;
  if (i.lastFrameAt === null) return i.now - i.playerCreatedAt > FIRST_FRAME_TIMEOUT_MS;
  return i.now - Math.max(i.lastFrameAt, i.playerCreatedAt) > FRAME_STALL_MS;
}

/**
 * A live stream that ended at (or just before) its ticket deadline was cut for expiry, not by a fault. `nowMs` is the
 * console's access clock (ticket deadlines are on it), so a system clock set back does not hide an expiry.
 */
export function endedByDeadline(nowMs: number, expiresAt: number): boolean {
  return nowMs >= expiresAt - 1500;
}
