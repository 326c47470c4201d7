// Runs in the renderer (pure). Main ends stream sessions (a grant ran out or was revoked, access changed) and says so
// with a streamEnded event broadcast to every window; which tile stream it hits, and what the tile then says.
import type { AccessBasis } from "../../../contract/catalog-view.js";
import type { EventPayload, StreamEndReason } from "../../../contract/console-api.js";

export type StreamEndedEvent = EventPayload<"streamEnded">;

/** What a tile stream knows about its sessions when an event arrives. */
export type TileSessionView = {
  wall: number;
  tile: number;
  cameraId: string;
  /** The session playing now, or null (opening, stalled, locked…). */
  current: string | null;
  /** Sessions this stream held before (all of them, newest last). */
  known: readonly string[];
  /** An openStream call is on its way (main may have minted, and ended, a session the stream does not know yet). */
  opening: boolean;
};

/**
 * True when the event ends this tile stream. A stream with a live session is hit only by that session's end (an
 * older session's end is stale). Without one, the end of a session it held counts, and so does an end for this
 * tile (of this wall window) and camera whose session it has not learned yet (main ended it while the ticket was on
 * its way). Other sessions on the same tile (another window's, the program output's) do not touch it.
 */
export function streamEndHits(e: Pick<StreamEndedEvent, "sessionId" | "wall" | "tile" | "cameraId">, v: TileSessionView): boolean {
  if (e.cameraId !== v.cameraId) return false;
  if (v.current !== null) return e.sessionId === v.current;
  if (v.known.includes(e.sessionId)) return true;
  return v.opening && e.wall === v.wall && e.tile === v.tile;
}

/** The headline an ended tile shows. */
export function endTitleKey(reason: StreamEndReason): `tile.ended.${StreamEndReason}` {
  return `tile.ended.${reason}`;
}

/** What to do next, per reason. */
export function endHintKey(reason: StreamEndReason): `tile.ended.hint.${StreamEndReason}` {
  return `tile.ended.hint.${reason}`;
}

/** How the record behind the end is named: an application (申请) or a grant (授权). */
export function endRefKey(basis: AccessBasis | null): "tile.ended.refApplication" | "tile.ended.refGrant" {
  return basis === "APPLICATION" ? "tile.ended.refApplication" : "tile.ended.refGrant";
}
