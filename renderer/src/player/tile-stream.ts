// Runs in the renderer. One tile's live stream, engine-agnostic: ticket from main → player → frames on screen.
// Owns the frame watchdog (stalled → recreate with a fresh ticket, backing off), reacts to the relay/core going away,
// and always gives tickets back (closeStream) and tears players down completely. When main ends a session (grant
// expired or revoked, access changed) or the relay cuts it at its deadline with access gone, the tile shows `expired`
// and stays there, without reconnecting, until the operator retries (or the tile gets another camera).
import type { AccessBasis } from "../../../contract/catalog-view.js";
import type { ApiErrorCode, ConsoleApi, StreamEndReason, StreamTicket } from "../../../contract/console-api.js";
import { apiErrorCode } from "../../../contract/console-client.js";
import type { WallId } from "../../../contract/wall.js";
import { lockDetailKey, lockReasonFromError } from "../shared/lock-reason.js";
import type { MessageKey } from "../i18n/i18n.js";
import { bufferLatency, startFrameClock, type FrameClock } from "./frame-clock.js";
import { TILE_RETRY_BACKOFF, backoffDelayMs } from "../shared/backoff.js";
import { endTitleKey, streamEndHits, type StreamEndedEvent } from "./stream-end.js";
import type { TilePlayer, TilePlayerEngine } from "./tile-player.js";
import {
  ERROR_RETRY_MS,
  STABLE_PLAY_MS,
  endedByDeadline,
  isLastingStreamError,
  watchdogFires,
} from "./tile-stream-policy.js";

/** Exactly the states tests read from a tile's data-state. */
export type TileState = "idle" | "connecting" | "playing" | "stalled" | "error" | "locked" | "expired";

/** Why a tile's stream was ended for it (state `expired`), and the grant or application behind it. */
export type TileEnd = { reason: StreamEndReason; refId: string | null };

/** The access the tile's latest ticket was minted under (the watermark names a grant). */
export type TileAccess = { basis: AccessBasis; refId: string | null };

export type TileStatus = {
  state: TileState;
  /** Overlay text (null while playing). */
  message: MessageKey | null;
  /** Wall-clock ms of the next automatic attempt, when one is scheduled. */
  retryAt: number | null;
  /** Set in state `expired` only. */
  end: TileEnd | null;
  /** From the latest ticket (kept while the tile reconnects); null before the first one. */
  access: TileAccess | null;
};

type StatusUpdate = Pick<TileStatus, "state" | "message" | "retryAt"> & { end?: TileEnd | null };

export type TileStats = {
  width: number | null;
  height: number | null;
  fps: number | null;
  kbps: number | null;
  /** Seconds buffered ahead of the playhead. */
  latency: number | null;
};

export type StreamApi = Pick<ConsoleApi, "openStream" | "closeStream">;

type Session = {
  ticket: StreamTicket;
  player: TilePlayer;
  clock: FrameClock;
  createdAt: number;
  /** The watchdog counts from here (moved forward while the tile or page is hidden). */
  watchFrom: number;
  playingSince: number | null;
  offPlayer: () => void;
};

const WATCHDOG_TICK_MS = 1000;
/** Session ids remembered for matching late streamEnded events. */
const KNOWN_SESSIONS_MAX = 8;

function blockedMessage(reason: "core" | "relay"): MessageKey {
  return reason === "core" ? "tile.state.coreDown" : "tile.state.relayDown";
}

export class TileStream {
  private current: TileStatus = { state: "connecting", message: "tile.state.connecting", retryAt: null, end: null, access: null };
  private readonly listeners = new Set<(s: TileStatus) => void>();
  private session: Session | null = null;
  private attemptGen = 0;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private disposed = false;
  private visible = true;
  private access: TileAccess | null = null;
  private readonly known: string[] = [];
  /** The attempt whose openStream call is on its way, if any. */
  private openingGen: number | null = null;

  constructor(
    private readonly o: {
      /** The wall window the tile belongs to (default: wall 1). */
      wall?: WallId;
      tile: number;
      cameraId: string;
      video: HTMLVideoElement;
      engine: TilePlayerEngine;
      api: StreamApi;
      /** Why streams cannot be reached now (core link or relay down), or null. */
      blocked: "core" | "relay" | null;
      /** Which output asks (the program output may show only media-use cameras or media grants). Default: the wall. */
      output?: "wall" | "program";
      /** The console's access clock (ms); ticket deadlines are on it. Default: Date.now. */
      now?: () => number;
      /** Start ended (the tile was already expired for this camera before this stream was made): no open. */
      ended?: TileEnd | null;
    },
  ) {
    if (!o.engine.isSupported()) {
      this.set({ state: "error", message: "error.UNSUPPORTED", retryAt: null });
      return;
    }
    if (o.ended) {
      this.set({ state: "expired", message: endTitleKey(o.ended.reason), retryAt: null, end: o.ended });
      return;
    }
    if (o.blocked) this.set({ state: "connecting", message: blockedMessage(o.blocked), retryAt: null });
    else void this.open(false);
  }

  status(): TileStatus {
    return this.current;
  }

  subscribe(listener: (s: TileStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stats(): TileStats | null {
    const s = this.session;
    if (!s) return null;
    const e = s.player.stats();
    const v = this.o.video;
    const fps = s.clock.measuredFps() ?? e.fps;
    return {
      width: v.videoWidth || e.width,
      height: v.videoHeight || e.height,
      fps: fps === null ? null : Math.round(fps),
      kbps: e.kbps,
      latency: bufferLatency(v),
    };
  }

  /** The relay or the core link went away (a reason) or came back (null). */
  setBlocked(blocked: "core" | "relay" | null): void {
    if (this.disposed || this.o.blocked === blocked) return;
    const was = this.o.blocked;
    this.o.blocked = blocked;
    // An ended tile has nothing to reconnect; it keeps saying why it ended.
    if (this.current.state === "expired") return;
    if (blocked) {
      if (!was) {
        this.stopSession();
        this.cancelRetry();
        this.attemptGen += 1;
      }
      this.set({ state: "connecting", message: blockedMessage(blocked), retryAt: null });
    } else {
      this.failures = 0;
      void this.open(true);
    }
  }

  /** The tile is covered (another tile is maximized): keep streaming, but do not judge frames meanwhile. */
  setVisible(visible: boolean): void {
    this.visible = visible;
  }

  /** Operator pressed retry (the only way out of `expired` besides another camera): a plain open. */
  retryNow(): void {
    if (this.disposed) return;
    if (this.o.blocked) {
      // Leaves `expired` all the same; the open follows when the relay or core link is back.
      if (this.current.state === "expired") this.set({ state: "connecting", message: blockedMessage(this.o.blocked), retryAt: null });
      return;
    }
    this.cancelRetry();
    this.stopSession();
    this.failures = 0;
    void this.open(true);
  }

  /**
   * Main ended this tile's session, or its access is gone: stop and destroy the player at once, give the ticket back,
   * and stay `expired` (no automatic reconnect).
   */
  expire(reason: StreamEndReason, refId: string | null): void {
    if (this.disposed) return;
    this.cancelRetry();
    this.stopSession();
    this.attemptGen += 1;
    this.set({ state: "expired", message: endTitleKey(reason), retryAt: null, end: { reason, refId } });
  }

  /** A streamEnded event from main (every window gets all of them); true when it ended this stream. */
  streamEnded(e: StreamEndedEvent): boolean {
    if (this.disposed) return false;
    const view = {
      wall: this.o.wall ?? 1,
      tile: this.o.tile,
      cameraId: this.o.cameraId,
      current: this.session?.ticket.sessionId ?? null,
      known: this.known,
      opening: this.openingGen !== null && this.openingGen === this.attemptGen,
    };
    if (!streamEndHits(e, view)) return false;
    this.expire(e.reason, e.refId);
    return true;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cancelRetry();
    this.stopSession();
    this.attemptGen += 1;
    this.listeners.clear();
  }

  // ---- internals ----

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  private set(update: StatusUpdate): void {
    const c = this.current;
    const end = update.end ?? null;
    const access = this.access;
    if (
      c.state === update.state &&
      c.message === update.message &&
      c.retryAt === update.retryAt &&
      c.end?.reason === end?.reason &&
      c.end?.refId === end?.refId &&
      c.access?.basis === access?.basis &&
      c.access?.refId === access?.refId
    ) {
      return;
    }
    const next: TileStatus = { state: update.state, message: update.message, retryAt: update.retryAt, end, access };
    this.current = next;
    for (const l of [...this.listeners]) l(next);
  }

  /** A ticket arrived: remember its session and the access it plays under. */
  private adopt(ticket: StreamTicket): void {
    this.known.push(ticket.sessionId);
    if (this.known.length > KNOWN_SESSIONS_MAX) this.known.shift();
    this.access = { basis: ticket.basis, refId: ticket.refId };
    this.set(this.current);
  }

  /**
   * `cut`: the ticket whose session the relay just closed at its deadline. Then a refusal (ACCESS_DENIED) or a fresh
   * ticket already past its deadline means the access ended: the tile expires instead of reconnecting.
   */
  private async open(reconnecting: boolean, cut: StreamTicket | null = null): Promise<void> {
    const gen = ++this.attemptGen;
    // A tile already showing a lasting error (or a lock) keeps showing it while it retries quietly.
    if (this.current.state !== "error" && this.current.state !== "locked") {
      this.set({ state: "connecting", message: reconnecting ? "tile.state.reconnecting" : "tile.state.connecting", retryAt: null });
    }
    let ticket: StreamTicket;
    this.openingGen = gen;
    try {
      const at = { wall: this.o.wall ?? 1, tile: this.o.tile };
      ticket = await this.o.api.openStream(this.o.output === "program" ? { ...at, output: "program" } : at);
    } catch (err) {
      if (this.openingGen === gen) this.openingGen = null;
      if (gen !== this.attemptGen || this.disposed) return;
      if (cut && apiErrorCode(err) === "ACCESS_DENIED") this.expire("expired", cut.refId);
      else this.onOpenFailed(err);
      return;
    }
    if (this.openingGen === gen) this.openingGen = null;
    if (gen !== this.attemptGen || this.disposed || this.o.blocked) {
      this.giveBack(ticket.sessionId);
      return;
    }
    if (ticket.cameraId !== this.o.cameraId) {
      // The wall changed under us; the new wall state is on its way. Try again shortly in case it is not.
      this.giveBack(ticket.sessionId);
      this.scheduleRetry(false);
      return;
    }
    if (cut && endedByDeadline(this.now(), ticket.expiresAt)) {
      this.giveBack(ticket.sessionId);
      this.expire("expired", cut.refId ?? ticket.refId);
      return;
    }
    this.adopt(ticket);
    this.startSession(ticket);
  }

  private onOpenFailed(err: unknown): void {
    const code: ApiErrorCode = apiErrorCode(err);
    if (isLastingStreamError(code)) {
      // Locked (no access, or no session): say why; the quiet retry picks up a grant or a login when it comes.
      if (code === "ACCESS_DENIED" || code === "NOT_LOGGED_IN") {
        const reason = code === "NOT_LOGGED_IN" ? "NOT_LOGGED_IN" : lockReasonFromError(err);
        this.set({ state: "locked", message: lockDetailKey(reason), retryAt: null });
      } else {
        this.set({ state: "error", message: `error.${code}`, retryAt: Date.now() + ERROR_RETRY_MS });
      }
      this.cancelRetry();
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        void this.open(true);
      }, ERROR_RETRY_MS);
    } else {
      this.failures += 1;
      const message: MessageKey =
        code === "RELAY_UNAVAILABLE" ? "error.RELAY_UNAVAILABLE" : code === "PLATFORM_UNREACHABLE" ? "error.PLATFORM_UNREACHABLE" : "tile.state.reconnecting";
      const delay = backoffDelayMs(this.failures, TILE_RETRY_BACKOFF);
      this.set({ state: "connecting", message, retryAt: Date.now() + delay });
      this.cancelRetry();
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        void this.open(true);
      }, delay);
    }
  }

  private startSession(ticket: StreamTicket): void {
    const video = this.o.video;
    let player: TilePlayer;
    try {
      player = this.o.engine.create(video, { url: ticket.url });
    } catch (err) {
      console.error(`tile ${this.o.tile}: player creation failed`, err);
      this.giveBack(ticket.sessionId);
      this.stall("error.PLAYER");
      return;
    }
    const session: Session = {
      ticket,
      player,
      createdAt: performance.now(),
      watchFrom: performance.now(),
      playingSince: null,
      clock: startFrameClock(video, () => this.onFrame(session)),
      offPlayer: () => {},
    };
    session.offPlayer = player.on((e) => {
      if (this.session !== session) return;
      if (e.type === "error") {
        console.warn(`tile ${this.o.tile}: player ${e.kind} error: ${e.detail}`);
        this.sessionEnded(e.kind === "media" ? "error.PLAYER" : "tile.state.stalled");
      } else if (e.type === "ended") {
        this.sessionEnded("tile.state.stalled");
      }
    });
    this.session = session;
    this.watchdog = setInterval(() => this.checkFrames(), WATCHDOG_TICK_MS);
  }

  private onFrame(session: Session): void {
    if (this.session !== session) return;
    if (session.playingSince === null) session.playingSince = performance.now();
    if (this.current.state !== "playing") this.set({ state: "playing", message: null, retryAt: null });
  }

  private checkFrames(): void {
    const s = this.session;
    if (!s) return;
    const now = performance.now();
    const hidden = !this.visible || (typeof document !== "undefined" && document.hidden);
    // Hidden video may not present frames; judge it only from when it is shown again.
    if (hidden) s.watchFrom = now;
    const fires = watchdogFires({ now, playerCreatedAt: s.watchFrom, lastFrameAt: s.clock.lastFrameAt(), hidden });
    if (fires) this.sessionEnded("tile.state.stalled");
  }

  /** The running session stopped delivering: cut at its deadline → ask again at once; otherwise stall and back off. */
  private sessionEnded(message: MessageKey): void {
    const s = this.session;
    if (!s) return;
    if (s.playingSince !== null && performance.now() - s.playingSince > STABLE_PLAY_MS) this.failures = 0;
    if (endedByDeadline(this.now(), s.ticket.expiresAt)) {
      // Cut at its deadline: a token that simply reached its lifetime is renewed; access that ended expires the tile.
      this.stopSession();
      void this.open(true, s.ticket);
      return;
    }
    this.stall(message);
  }

  private stall(message: MessageKey): void {
    this.stopSession();
    this.failures += 1;
    const delay = backoffDelayMs(this.failures, TILE_RETRY_BACKOFF);
    this.set({ state: "stalled", message, retryAt: Date.now() + delay });
    this.cancelRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.open(true);
    }, delay);
  }

  private scheduleRetry(reconnectingText: boolean): void {
    this.failures += 1;
    const delay = backoffDelayMs(this.failures, TILE_RETRY_BACKOFF);
    this.cancelRetry();
    if (reconnectingText) this.set({ state: "connecting", message: "tile.state.reconnecting", retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.open(true);
    }, delay);
  }

  private stopSession(): void {
    const s = this.session;
    if (this.watchdog !== null) {
      clearInterval(this.watchdog);
      this.watchdog = null;
    }
    if (!s) return;
    this.session = null;
    s.offPlayer();
    s.clock.stop();
    s.player.destroy();
    this.giveBack(s.ticket.sessionId);
  }

  private giveBack(sessionId: string): void {
    // The core may be gone (that is often why we stop); the relay forgets the viewer on its own then.
    this.o.api.closeStream({ sessionId }).catch(() => {});
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }
}
