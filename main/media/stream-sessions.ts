// Runs in main. One stream session per tile playback: checks the tile and camera, makes sure the relay has the
// camera's source, and mints a relay token (channel, session, deadline). Sessions whose tile no longer shows
// their camera are revoked at the relay, so main's wall stays the truth.
import { randomUUID } from "node:crypto";
import type { StreamTicket } from "../../contract/console-api.js";
import type { WallState } from "../../contract/wall.js";
import { mintStreamToken } from "../../contract/stream-token.js";
import type { CatalogService } from "../catalog/catalog-service.js";
import { CoreError } from "../core/core-error.js";
import type { MediaLocator } from "./media-locator.js";
import type { RelaySupervisor } from "./relay-supervisor.js";

/** Without an access engine yet (the access issue sets it to the decision's validUntil), a ticket lasts a shift. */
export const DEFAULT_TICKET_TTL_MS = 12 * 60 * 60 * 1000;

type Session = { id: string; tile: number; cameraId: string; channel: string; deadline: number };

export class StreamSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      media: MediaLocator;
      relay: RelaySupervisor;
      tokenKey: Buffer;
      getWall: () => WallState;
      now?: () => number;
      ttlMs?: number;
    },
  ) {}

  open(tile: number): StreamTicket {
    const wall = this.deps.getWall();
    if (tile >= wall.layout) throw new CoreError("TILE_OUT_OF_LAYOUT", `tile ${tile} is outside the ${wall.layout}-tile layout`);
    const cameraId = wall.tiles[tile];
    if (!cameraId) throw new CoreError("TILE_EMPTY", `tile ${tile} has no camera`);
    const camera = this.deps.catalog.get(cameraId);
    if (!camera) throw new CoreError("UNKNOWN_CAMERA", `camera ${cameraId} is not in the catalog`);
    if (!camera.online) throw new CoreError("CAMERA_OFFLINE", `camera ${cameraId} is offline`);
    if (this.deps.relay.currentStatus.state === "down") {
      throw new CoreError("RELAY_UNAVAILABLE", `the relay is down: ${this.deps.relay.currentStatus.lastError ?? "unknown"}`);
    }
    const source = this.deps.media.sourceFor(camera);
    const channel = camera.id; // one channel per camera today; stream profiles (main/sub) extend the name later
    this.deps.relay.ensureSource(channel, source);

    const now = (this.deps.now ?? Date.now)();
    const session: Session = {
      id: randomUUID(),
      tile,
      cameraId,
      channel,
      deadline: now + (this.deps.ttlMs ?? DEFAULT_TICKET_TTL_MS),
    };
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

  get active(): number {
    return this.sessions.size;
  }
}
