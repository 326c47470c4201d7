// Runs in the renderer (pure, no DOM). Geometry and tile choices for the wall.
import type { WallLayout, WallState } from "../../../contract/wall.js";

/** Columns (= rows) of a layout: 1, 2, 3 or 4. */
export function gridSide(layout: WallLayout): number {
  return Math.round(Math.sqrt(layout));
}

/** Tile indexes shown by the layout, in reading order. */
export function visibleTiles(layout: WallLayout): number[] {
  return Array.from({ length: layout }, (_, i) => i);
}

export function firstEmptyTile(wall: WallState): number | null {
  for (let i = 0; i < wall.layout; i++) if (wall.tiles[i] === null) return i;
  return null;
}

/** Where a double-clicked camera goes: the selected tile, else the first empty one, else tile 0. */
export function targetTileForCamera(wall: WallState, selected: number | null): number {
  if (selected !== null && selected < wall.layout) return selected;
  return firstEmptyTile(wall) ?? 0;
}

/** Digit keys 1–9 select tiles 0–8 when the layout has them; anything else gives null. */
export function tileForDigitKey(key: string, layout: WallLayout): number | null {
  if (!/^[1-9]$/.test(key)) return null;
  const tile = Number(key) - 1;
  return tile < layout ? tile : null;
}

/** The maximized tile, when it is still inside the layout. */
export function effectiveMaximized(wall: WallState): number | null {
  return wall.maximized !== null && wall.maximized < wall.layout ? wall.maximized : null;
}
