// Runs in the renderer (pure, no DOM). Geometry and tile choices for the wall: a CSS grid of layout.rows × layout.cols
// where tile i is cell i of the layout (contract/wall-layout.ts), placed by its row/column span.
import type { LayoutCell, Layout } from "../../../contract/wall-layout.js";
import type { WallState } from "../../../contract/wall.js";

/** The wall's grid template: equal tracks, so a 2×2 span is exactly two small cells and the gap between them. */
export function gridTemplate(layout: Pick<Layout, "rows" | "cols">): { gridTemplateRows: string; gridTemplateColumns: string } {
  return { gridTemplateRows: `repeat(${layout.rows}, minmax(0, 1fr))`, gridTemplateColumns: `repeat(${layout.cols}, minmax(0, 1fr))` };
}

/** A cell's CSS grid placement (grid lines count from 1). */
export function cellPlacement(cell: LayoutCell): { gridRow: string; gridColumn: string } {
  return { gridRow: `${cell.row + 1} / span ${cell.rowSpan}`, gridColumn: `${cell.col + 1} / span ${cell.colSpan}` };
}

/**
 * How dense the wall is, for the tile chrome: "dense" hides secondary text (region, stats strip) on small cells so a
 * 64-tile wall shows pictures, not labels. A cell's share of the grid decides, not the tile count.
 */
export function cellDensity(layout: Pick<Layout, "rows" | "cols">, cell: LayoutCell): "normal" | "dense" {
  const rowsShown = layout.rows / cell.rowSpan;
  const colsShown = layout.cols / cell.colSpan;
  return rowsShown > 4 || colsShown > 4 ? "dense" : "normal";
}

export function tileCount(wall: Pick<WallState, "tiles">): number {
  return wall.tiles.length;
}

export function firstEmptyTile(wall: Pick<WallState, "tiles">): number | null {
  const i = wall.tiles.indexOf(null);
  return i === -1 ? null : i;
}

/** Where a double-clicked camera goes: the selected tile, else the first empty one, else tile 0. */
export function targetTileForCamera(wall: Pick<WallState, "tiles">, selected: number | null): number {
  if (selected !== null && selected < wall.tiles.length) return selected;
  return firstEmptyTile(wall) ?? 0;
}

/** Digit keys 1–9 (no modifier) select tiles 0–8 when the layout has them; anything else gives null. */
export function tileForDigitKey(key: string, tiles: number): number | null {
  if (!/^[1-9]$/.test(key)) return null;
  const tile = Number(key) - 1;
  return tile < tiles ? tile : null;
}

/** The maximized tile, when it is still inside the layout. */
export function effectiveMaximized(wall: Pick<WallState, "maximized" | "tiles">): number | null {
  return wall.maximized !== null && wall.maximized < wall.tiles.length ? wall.maximized : null;
}

/** Whether a camera is on this wall now. */
export function isOnWall(wall: Pick<WallState, "tiles"> | null, cameraId: string): boolean {
  return wall !== null && wall.tiles.includes(cameraId);
}
