// Runs in main. One stream session per tile playback: checks the tile, the camera and the user's access, gets a
// play ticket from the platform for the camera's upstream, registers it with the relay, and mints a relay token
// (channel, session, deadline = when access or ticket ends). Sessions whose tile no longer shows their camera, or
// whose access is gone, are revoked at the relay, so main's wall and access rules stay the truth.
import { randomUUID } from "node:crypto";
import type { StreamTicket } from "../../contract/console-api.js";
import type { PlayTicket, StreamProfile } from "../../contract/platform-api.js";
import type { WallState } from "../../contract/wall.js";
import { mintStreamToken } from "../../contract/stream-token.js";
import { CoreError } from "../core/core-error.js";
import type { PlatformLink } from "../platform/platform-link.js";
import type { RelaySupervisor } from "./relay-supervisor.js";
import { upstreamSource } from "./upstream-source.js";

/** Upper bound of one relay token; the tile asks for a new ticket when it ends. */
export const MAX_TICKET_TTL_MS = 12 * 60 * 60 * 1000;
/** A platform ticket this close to its expiry is not reused for a new upstream connection. */
const TICKET_REUSE_MARGIN_MS = 10_000;

type Session = { id: string; tile: number; cameraId: string; channel: string; deadline: number };

/** Small tiles use the sub-stream; a single or maximized tile the main stream. */
export function profileFor(wall: WallState, tile: number): StreamProfile {
  return wall.layout === 1 || wall.maximized === tile ? "main" : "sub";
}

export class StreamSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly tickets = new Map<string, PlayTicket>();

  constructor(
    private readonly deps: {
      platform: PlatformLink;
      relay: RelaySupervisor;
      tokenKey: Buffer;
      getWall: () => WallState;
      now?: () => number;
      maxTtlMs?: number;
    },
  ) {}

  private get now(): number {
    return (this.deps.now ?? Date.now)();
  }

  async open(tile: number): Promise<StreamTicket> {
    const wall = this.deps.getWall();
    if (tile >= wall.layout) throw new CoreError("TILE_OUT_OF_LAYOUT", `tile ${tile} is outside the ${wall.layout}-tile layout`);
    const cameraId = wall.tiles[tile];
    if (!cameraId) throw new CoreError("TILE_EMPTY", `tile ${tile} has no camera`);
    const camera = this.deps.platform.view(cameraId);
    if (!camera.online) throw new CoreError("CAMERA_OFFLINE", `camera ${cameraId} is offline`);
    if (!camera.access.allowed) throw new CoreError("ACCESS_DENIED", `[${camera.access.reason}] camera ${cameraId} is locked`);
    if (this.deps.relay.currentStatus.state === "down") {
      throw new CoreError("RELAY_UNAVAILABLE", `the relay is down: ${this.deps.relay.currentStatus.lastError ?? "unknown"}`);
    }
    const profile = profileFor(wall, tile);
    const channel = `${cameraId}_${profile}`;
    const ticket = await this.ticketFor(channel, cameraId, profile);

    const ends = [this.now + (this.deps.maxTtlMs ?? MAX_TICKET_TTL_MS)];
    if (camera.access.validUntil !== null) ends.push(camera.access.validUntil);
    if (ticket.validUntil) ends.push(Date.parse(ticket.validUntil));
    const session: Session = { id: randomUUID(), tile, cameraId, channel, deadline: Math.min(...ends) };
    this.sessions.set(session.id, session);
    const token = mintStreamToken(this.deps.tokenKey, { channel, session: session.id, deadline: session.deadline });
    return {
      tile,
      cameraId,
      sessionId: session.id,
      url: `ws://127.0.0.1:${this.deps.relay.port}/live/${channel}.flv?token=${token}`,
      expiresAt: session.deadline,
    };
  }

  /**
   * The platform ticket behind a channel. A still-valid one is reused, so a tile can open a camera the relay already
   * pulls even while the platform API is unreachable (the media servers keep streaming).
   */
  private async ticketFor(channel: string, cameraId: string, profile: StreamProfile): Promise<PlayTicket> {
    const known = this.tickets.get(channel);
    if (known && Date.parse(known.expiresAt) - this.now > TICKET_REUSE_MARGIN_MS) return known;
    try {
      const ticket = await this.deps.platform.playTicket(cameraId, profile);
      this.tickets.set(channel, ticket);
      this.deps.relay.ensureSource(channel, upstreamSource(ticket.urls));
      return ticket;
    } catch (err) {
      // Platform unreachable, but the relay still has this upstream: keep serving it under the old ticket's rules.
      if (known && err instanceof CoreError && err.code === "PLATFORM_UNREACHABLE") return known;
      throw err;
    }
  }

  close(sessionId: string): boolean {
    const existed = this.sessions.delete(sessionId);
    if (existed) this.deps.relay.revokeSession(sessionId);
    return existed;
  }

  /** Called on every wall change: sessions whose tile shows another camera (or left the layout) end. */
  reconcile(wall: WallState): void {
    for (const session of this.sessions.values()) {
      if (session.tile >= wall.layout || wall.tiles[session.tile] !== session.cameraId) this.close(session.id);
    }
  }

  /** Called when access rules change: sessions whose camera the user may no longer open end. */
  recheckAccess(): void {
    for (const session of this.sessions.values()) {
      let allowed = false;
      try {
        allowed = this.deps.platform.view(session.cameraId).access.allowed;
      } catch {
        allowed = false;
      }
      if (!allowed) this.close(session.id);
    }
  }

  get active(): number {
    return this.sessions.size;
  }
}
