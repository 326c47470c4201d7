// Runs in the renderer (pure). The program output (media live coverage) is a page mode of the renderer:
// ?view=program&tile=N. Which page the URL asks for, the URL that opens one, and when a tile offers it.
import type { CameraView } from "../../../contract/catalog-view.js";
import { TileIndexSchema } from "../../../contract/wall.js";
import type { TileState } from "../player/tile-stream.js";

export type PageView = { view: "console" } | { view: "program"; tile: number | null };

export function parsePageView(search: string): PageView {
  const q = new URLSearchParams(search);
  if (q.get("view") !== "program") return { view: "console" };
  const raw = q.get("tile");
  const tile = raw !== null && /^\d+$/.test(raw) ? TileIndexSchema.safeParse(Number(raw)) : null;
  return { view: "program", tile: tile?.success ? tile.data : null };
}

/** Same origin and path as this page, nothing else of its query: the web shell's session is a cookie the new window shares. */
export function programOutputUrl(location: Pick<Location, "origin" | "pathname">, tile: number): string {
  return `${location.origin}${location.pathname}?view=program&tile=${tile}`;
}

/** One window per tile: opening the same tile again reuses it. */
export function programWindowName(tile: number): string {
  return `vigil-program-${tile}`;
}

/**
 * The tile offers a program output when main's access evaluator clears its camera for the program purpose (a
 * media-use camera or a media grant; main and the platform decide again on open), and it is not locked or ended.
 */
export function offersProgramOutput(camera: Pick<CameraView, "programOutput"> | undefined, state: TileState): boolean {
  if (state === "locked" || state === "expired" || state === "idle") return false;
  return camera?.programOutput === true;
}
