// Runs in the renderer (pure). Page modes of the renderer: the console bound to wall window N (`?wall=N`, wall 1
// without it) and the program output (media live coverage) of one tile (`?view=program&wall=W&tile=T`). Which page
// the URL asks for, the URLs that open one, and when a tile offers a program output.
import type { CameraView } from "../../../contract/catalog-view.js";
import { TileIndexSchema, WallIdSchema, type WallId } from "../../../contract/wall.js";
import type { TileState } from "../player/tile-stream.js";

export type PageView = { view: "console"; wall: WallId } | { view: "program"; wall: WallId; tile: number | null };

/** The wall a URL names; wall 1 when it names none or one that cannot exist (main says when a valid one is gone). */
function wallOf(q: URLSearchParams): WallId {
  const raw = q.get("wall");
  const wall = raw !== null && /^\d+$/.test(raw) ? WallIdSchema.safeParse(Number(raw)) : null;
  return wall?.success ? wall.data : 1;
}

export function parsePageView(search: string): PageView {
  const q = new URLSearchParams(search);
  const wall = wallOf(q);
  if (q.get("view") !== "program") return { view: "console", wall };
  const raw = q.get("tile");
  const tile = raw !== null && /^\d+$/.test(raw) ? TileIndexSchema.safeParse(Number(raw)) : null;
  return { view: "program", wall, tile: tile?.success ? tile.data : null };
}

/** Same origin and path as this page, nothing else of its query: the web shell's session is a cookie the new window shares. */
export function programOutputUrl(location: Pick<Location, "origin" | "pathname">, wall: WallId, tile: number): string {
  return `${location.origin}${location.pathname}?view=program&wall=${wall}&tile=${tile}`;
}

/** One window per tile: opening the same tile again reuses it. */
export function programWindowName(wall: WallId, tile: number): string {
  return `vigil-program-${wall}-${tile}`;
}

/** The console page bound to a wall window (wall 1 is the plain page). */
export function wallWindowUrl(location: Pick<Location, "origin" | "pathname">, wall: WallId): string {
  return wall === 1 ? `${location.origin}${location.pathname}` : `${location.origin}${location.pathname}?wall=${wall}`;
}

/** One browser window per wall: opening wall N again brings its window back instead of a second one. */
export function wallWindowName(wall: WallId): string {
  return `vigil-wall-${wall}`;
}

/**
 * The tile offers a program output when main's access evaluator clears its camera for the program purpose (a
 * media-use camera or a media grant; main and the platform decide again on open), and it is not locked or ended.
 */
export function offersProgramOutput(camera: Pick<CameraView, "programOutput"> | undefined, state: TileState): boolean {
  if (state === "locked" || state === "expired" || state === "idle") return false;
  return camera?.programOutput === true;
}
