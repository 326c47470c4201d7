// Runs in main. One stream session per tile playback: checks the tile, the camera and the user's access, gets a
// play ticket from the platform for the camera's upstream, registers it with the relay, and mints a relay token
// (channel, session, deadline = when access or ticket ends). Sessions whose tile no longer shows their camera, or
// whose access is gone, are revoked at the relay, so main's wall and access rules stay the truth.
import { randomUUID } from "node:crypto";
import type { AccessBasis, AccessPurpose } from "../../contract/access-evaluator.js";
import type { StreamEndReason, StreamTicket } from "../../contract/console-api.js";
import type { PlayTicket, StreamProfile } from "../../contract/platform-api.js";
import { tileStreamProfile, type WallId, type WallState } from "../../contract/wall.js";
import { mintStreamToken } from "../../contract/stream-token.js";
import { CoreError } from "../core/core-error.js";
import type { PlatformLink } from "../platform/platform-link.js";
import type { RelaySupervisor } from "./relay-supervisor.js";
import type { Logger } from "../log/logger.js";
import { upstreamSource } from "./upstream-source.js";

/** Upper bound of one relay token; the tile asks for a new ticket when it ends. */
export const MAX_TICKET_TTL_MS = 12 * 60 * 60 * 1000;
/** A platform ticket this close to its expiry is not reused for a new upstream connection. */
const TICKET_REUSE_MARGIN_MS = 10_000;
/**
 * How long before the platform's media server cuts a pull (its ticket's lease end: the access end, or a few minutes
 * after issue for rules without one) a fresh ticket is fetched for a session that outlives it. The platform tells its
 * media server that the new ticket carries the running pull on; otherwise the relay reopens the pull with its URL.
 */
export const TICKET_RENEW_LEAD_MS = 30_000;
/** Renewals of one channel are this far apart (the relay keeps the old pull until it is cut anyway). */
const TICKET_RENEW_RETRY_MS = 5_000;

export type StreamOutput = "wall" | "program";

export type StreamSession = {
  id: string;
  wall: WallId;
  tile: number;
  cameraId: string;
  channel: string;
  profile: StreamProfile;
  output: StreamOutput;
  basis: AccessBasis;
  refId: string | null;
  /** Access-clock ms when the session ends (access end, ticket end or the TTL cap); later when the access is extended. */
  deadline: number;
  /** Access-clock ms no session outlives (open + MAX_TICKET_TTL_MS), extensions included. */
  capAt: number;
};

/** What happens to sessions, for the audit log and the windows. */
export type StreamSessionEvents = {
  opened(session: StreamSession): void;
  refused(cameraId: string, tile: number, reason: string): void;
  /** The grant or application behind a live session was extended: it plays on until its new deadline. */
  extended(session: StreamSession, previousDeadline: number): void;
  /** reason null: closed normally (tile changed, window closed) — the tile is not told to show anything. */
  ended(session: StreamSession, reason: StreamEndReason | null): void;
};

/** Small tiles use the sub-stream; a maximized tile, or a cell covering a third of its window or more, the main stream. */
export function profileFor(wall: WallState, tile: number): StreamProfile {
  return tileStreamProfile(wall.layout, wall.maximized, tile);
}

export class StreamSessions {
  private readonly sessions = new Map<string, StreamSession>();
  private readonly tickets = new Map<string, PlayTicket>();
  /** Channel → the platform session its ticket was issued to (a logout revokes that session's tickets). */
  private readonly issuedTo = new Map<string, string | null>();
  /** Channel → its latest ticket renewal (one at a time, TICKET_RENEW_RETRY_MS apart). */
  private readonly renewals = new Map<string, { inFlight: boolean; at: number }>();

  constructor(
    private readonly deps: {
      platform: PlatformLink;
      relay: RelaySupervisor;
      tokenKey: Buffer;
      /** The wall window's state (throws UNKNOWN_WALL for a wall that is gone). */
      getWall: (wall: WallId) => WallState;
      /** The access clock (monotonic; see main/access/access-clock.ts). */
      now: () => number;
      events?: StreamSessionEvents;
      log?: Logger;
      maxTtlMs?: number;
    },
  ) {}

  private get now(): number {
    return this.deps.now();
  }

  async open(wallId: WallId, tile: number, output: StreamOutput = "wall"): Promise<StreamTicket> {
    const wall = this.deps.getWall(wallId);
    if (tile >= wall.tiles.length) throw new CoreError("TILE_OUT_OF_LAYOUT", `tile ${tile} is outside wall ${wallId}'s ${wall.tiles.length}-tile layout`);
    const cameraId = wall.tiles[tile];
    if (!cameraId) throw new CoreError("TILE_EMPTY", `tile ${tile} has no camera`);
    const camera = this.deps.platform.view(cameraId);
    if (!camera.online) throw new CoreError("CAMERA_OFFLINE", `camera ${cameraId} is offline`);
    if (!camera.access.allowed) {
      this.deps.events?.refused(cameraId, tile, camera.access.reason);
      throw new CoreError("ACCESS_DENIED", `[${camera.access.reason}] camera ${cameraId} is locked`);
    }
    // Media live coverage: the program output is its own purpose (a media-use camera or a media grant), decided by
    // the same evaluator; its session lives on the basis that allows the program, and the platform decides again.
    const access = output === "program" ? this.deps.platform.accessFor(cameraId, "program") : camera.access;
    if (!access.allowed) {
      this.deps.events?.refused(cameraId, tile, access.reason);
      const what = output === "program" ? "program output: camera" : "camera";
      throw new CoreError("ACCESS_DENIED", `[${access.reason}] ${what} ${cameraId} is locked`);
    }
    if (this.deps.relay.currentStatus.state === "down") {
      throw new CoreError("RELAY_UNAVAILABLE", `the relay is down: ${this.deps.relay.currentStatus.lastError ?? "unknown"}`);
    }
    const profile = output === "program" ? "main" : profileFor(wall, tile);
    const channel = `${cameraId}_${profile}`;
    const ticket = await this.ticketFor(channel, cameraId, profile, access.validUntil, output === "program" ? "program" : "live");

    const now = this.now;
    const capAt = now + (this.deps.maxTtlMs ?? MAX_TICKET_TTL_MS);
    const ends = [capAt];
    if (access.validUntil !== null) ends.push(access.validUntil);
    if (ticket.validUntil) ends.push(Date.parse(ticket.validUntil));
    if (Math.min(...ends) <= now) {
      // Only an old ticket (platform unreachable) can end before the access does: no dead token is minted.
      throw new CoreError("PLATFORM_UNREACHABLE", `camera ${cameraId}: the platform must issue a new play ticket for the extended access, and it cannot be reached`);
    }
    const session: StreamSession = {
      id: randomUUID(),
      wall: wallId,
      tile,
      cameraId,
      channel,
      profile,
      output,
      basis: access.basis,
      refId: access.refId,
      deadline: Math.min(...ends),
      capAt,
    };
    this.sessions.set(session.id, session);
    // The relay checks deadlines on the system clock: hand it the same remaining time. Main still cuts the session on
    // the access clock (enforce()), so a system clock set back never keeps a viewer longer.
    const relayDeadline = Date.now() + (session.deadline - now);
    const grant = session.basis === "GRANT" || session.basis === "MEDIA_GRANT" ? session.refId ?? undefined : undefined;
    const token = mintStreamToken(this.deps.tokenKey, { channel, session: session.id, deadline: relayDeadline, ...(grant ? { grant } : {}) });
    this.deps.events?.opened(session);
    return {
      wall: wallId,
      tile,
      cameraId,
      sessionId: session.id,
      url: `ws://127.0.0.1:${this.deps.relay.port}/live/${channel}.flv?token=${token}`,
      expiresAt: session.deadline,
      basis: session.basis,
      refId: session.refId,
    };
  }

  /**
   * The platform ticket behind a channel. A still-valid one is reused, so a tile can open a camera the relay already
   * pulls even while the platform API is unreachable (the media servers keep streaming).
   */
  private async ticketFor(channel: string, cameraId: string, profile: StreamProfile, accessEnd: number | null, purpose: AccessPurpose): Promise<PlayTicket> {
    const known = this.tickets.get(channel);
    // The program output always asks the platform (the authority on media use); a live ticket is reused.
    // A ticket issued under an access basis that ended earlier (before an extension, or under another grant) would
    // cut the new session at that old end: ask for a new one.
    const knownEnd = known?.validUntil ? Date.parse(known.validUntil) : null;
    const coversAccess = knownEnd === null || (accessEnd !== null && knownEnd >= accessEnd);
    // A ticket of an earlier platform session was revoked with it (logout); a lease runs on the media server's clock.
    const usable = known !== undefined && this.issuedTo.get(channel) === this.platformSession() && Date.parse(known.leaseUntil) - Date.now() > TICKET_REUSE_MARGIN_MS;
    if (purpose === "live" && known && coversAccess && usable && Date.parse(known.expiresAt) - this.now > TICKET_REUSE_MARGIN_MS) return known;
    try {
      return await this.fetchTicket(channel, cameraId, profile, purpose);
    } catch (err) {
      // Platform unreachable, but the relay still has this upstream: keep serving it under the old ticket's rules.
      if (known && err instanceof CoreError && err.code === "PLATFORM_UNREACHABLE") return known;
      throw err;
    }
  }

  /** A new platform ticket for a channel; the relay pulls with its URL from its next (re)connect on. */
  private async fetchTicket(channel: string, cameraId: string, profile: StreamProfile, purpose: AccessPurpose = "live"): Promise<PlayTicket> {
    // A program ticket also serves live viewers of the channel (program output needs more than live view).
    const ticket = await this.deps.platform.playTicket(cameraId, profile, purpose);
    this.tickets.set(channel, ticket);
    this.issuedTo.set(channel, this.platformSession());
    this.deps.relay.ensureSource(channel, upstreamSource(ticket.urls));
    return ticket;
  }

  /** The decision a session lives on: the program output's own purpose, or live view. */
  private accessOf(session: StreamSession) {
    return this.deps.platform.accessFor(session.cameraId, session.output === "program" ? "program" : "live");
  }

  close(sessionId: string, reason: StreamEndReason | null = null): boolean {
    const session = this.sessions.get(sessionId);
    if (!session) return false;
    this.sessions.delete(sessionId);
    this.deps.relay.revokeSession(sessionId);
    this.deps.events?.ended(session, reason);
    return true;
  }

  /** Called on every change of a wall: its sessions whose tile shows another camera (or left the layout) end. */
  reconcile(wall: WallState): void {
    for (const session of this.sessions.values()) {
      if (session.wall !== wall.wall) continue;
      if (session.tile >= wall.tiles.length || wall.tiles[session.tile] !== session.cameraId) this.close(session.id);
    }
  }

  /** A wall was removed: its sessions end. */
  dropWall(wallId: WallId): void {
    for (const session of this.sessions.values()) {
      if (session.wall === wallId) this.close(session.id);
    }
  }

  /**
   * Called when access rules change and on every tick of the access clock: a session ends when its deadline passed
   * (expired) or its camera may no longer be opened — revoked when the grant or application behind it was withdrawn
   * before its end, access-lost otherwise. A session past its deadline whose camera is still open on another basis
   * ends quietly: its tile fetches a new ticket.
   */
  enforce(revokedRefs: ReadonlySet<string> = new Set()): number {
    const now = this.now;
    let ended = 0;
    for (const session of [...this.sessions.values()]) {
      let allowed = false;
      try {
        allowed = this.accessOf(session).allowed;
      } catch {
        allowed = false;
      }
      const pastDeadline = now >= session.deadline;
      if (allowed && !pastDeadline) continue;
      let reason: StreamEndReason | null;
      if (allowed) reason = null;
      else if (session.refId && revokedRefs.has(session.refId)) reason = "revoked";
      else if (pastDeadline) reason = "expired";
      else reason = "access-lost";
      this.close(session.id, reason);
      if (session.refId && reason) this.deps.relay.revokeGrant(session.refId);
      ended++;
    }
    return ended;
  }

  /**
   * Called when access rules change, after enforce(): a live session whose grant or application was extended (same
   * basis and reference, a later end) plays on. Its deadline moves to the new end, here and at the relay, so the
   * viewer is not cut and reopened at the old end; renewTickets() keeps the upstream pull valid past it.
   */
  extend(): number {
    const now = this.now;
    let extended = 0;
    for (const session of this.sessions.values()) {
      let access;
      try {
        access = this.accessOf(session);
      } catch {
        continue;
      }
      if (!access.allowed || access.basis !== session.basis || access.refId !== session.refId) continue;
      const end = Math.min(session.capAt, access.validUntil ?? Number.POSITIVE_INFINITY);
      if (end <= session.deadline || session.deadline <= now) continue;
      const previous = session.deadline;
      session.deadline = end;
      this.deps.relay.extendSession(session.id, Date.now() + (end - now));
      this.deps.events?.extended(session, previous);
      extended++;
    }
    return extended;
  }

  /**
   * Called on every tick of the access clock: a channel whose platform ticket's lease ends (its media server cuts the
   * pull) within TICKET_RENEW_LEAD_MS while one of its sessions plays on past that end gets a fresh ticket — an
   * extended grant, and every standing rule once per lease. The platform carries the running pull on to the new
   * lease; failing that, the relay uses the new URL when the old pull is cut, so viewers see at most a short freeze.
   */
  renewTickets(): void {
    const now = this.now;
    for (const session of this.sessions.values()) {
      const ticket = this.tickets.get(session.channel);
      if (!ticket) continue;
      // The access the ticket was decided on ends (access clock), or its lease does (the media server's clock).
      const accessEnd = ticket.validUntil ? Date.parse(ticket.validUntil) : null;
      const accessDue = accessEnd !== null && session.deadline > accessEnd && accessEnd - now <= TICKET_RENEW_LEAD_MS;
      const leaseLeft = Date.parse(ticket.leaseUntil) - Date.now();
      const leaseDue = session.deadline - now > leaseLeft && leaseLeft <= TICKET_RENEW_LEAD_MS;
      if (!accessDue && !leaseDue) continue;
      const last = this.renewals.get(session.channel);
      if (last && (last.inFlight || now - last.at < TICKET_RENEW_RETRY_MS)) continue;
      const attempt = { inFlight: true, at: now };
      const channel = session.channel;
      this.renewals.set(channel, attempt);
      // Attempts stay spaced even after a success: a platform that still answers with the old end is not hammered.
      this.fetchTicket(channel, session.cameraId, session.profile)
        .catch((err: unknown) =>
          this.deps.log?.warn(`could not renew the play ticket of ${channel}; retrying in ${TICKET_RENEW_RETRY_MS} ms`, { error: err instanceof Error ? err.message : String(err) }),
        )
        .finally(() => {
          attempt.inFlight = false;
        });
    }
  }

  private platformSession(): string | null {
    return this.deps.platform.user?.sessionId ?? null;
  }

  /** The platform ticket the relay pulls a channel with now (diagnostics and tests). */
  ticket(channel: string): PlayTicket | undefined {
    return this.tickets.get(channel);
  }

  /** Sessions now open (for the audit of a logout, and tests). */
  list(): StreamSession[] {
    return [...this.sessions.values()];
  }

  get active(): number {
    return this.sessions.size;
  }
}
