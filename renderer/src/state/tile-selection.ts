// Runs in the renderer (pure, no DOM). Which tiles of a wall window are selected and how the selection moves: a click
// selects one tile, Ctrl+click adds or removes one, Shift+click (and Shift+arrows) selects the rectangle of cells from
// the anchor to the tile; arrows move to the cell left/right/above/below in the layout's geometry (spans included);
// digits typed in quick succession pick a tile by its number ("1", "2" → tile 12 on a wall that has one).
import { cellAt, type Layout } from "../../../contract/wall-layout.js";

export type Direction = "left" | "right" | "up" | "down";

/** A grid position (row, column of the layout's R×C grid). */
export type GridPoint = { row: number; col: number };

export type TileSelection = {
  /** The tile keys act on (Enter, the Menu key, arrows start from it); null when nothing is selected. */
  focus: number | null;
  /** Every selected tile, in tile order; holds the focus when there is one. */
  tiles: readonly number[];
  /** Where a Shift range starts (the last plainly clicked or Ctrl-clicked tile). */
  anchor: number | null;
};

export const NO_SELECTION: TileSelection = { focus: null, tiles: [], anchor: null };

export function selectOnly(tile: number | null): TileSelection {
  return tile === null ? NO_SELECTION : { focus: tile, tiles: [tile], anchor: tile };
}

const sorted = (tiles: Iterable<number>): number[] => [...new Set(tiles)].sort((a, b) => a - b);

/** Every cell that overlaps the smallest grid rectangle holding cells `a` and `b`, in tile order. */
export function cellsInRect(layout: Layout, a: number, b: number): number[] {
  const ca = layout.cells[a];
  const cb = layout.cells[b];
  if (!ca || !cb) return sorted([a, b].filter((i) => layout.cells[i] !== undefined));
  const top = Math.min(ca.row, cb.row);
  const left = Math.min(ca.col, cb.col);
  const bottom = Math.max(ca.row + ca.rowSpan, cb.row + cb.rowSpan);
  const right = Math.max(ca.col + ca.colSpan, cb.col + cb.colSpan);
  const out: number[] = [];
  layout.cells.forEach((c, i) => {
    if (c.row < bottom && c.row + c.rowSpan > top && c.col < right && c.col + c.colSpan > left) out.push(i);
  });
  return out;
}

/** What a click on `tile` makes of the selection: plain (only it), toggle (Ctrl/⌘: add or remove it), range (Shift). */
export function clickSelection(sel: TileSelection, tile: number, mods: { toggle: boolean; range: boolean }, layout: Layout): TileSelection {
  if (mods.range) {
    const anchor = sel.anchor ?? sel.focus ?? tile;
    const rect = cellsInRect(layout, anchor, tile);
    // Ctrl+Shift adds the rectangle to what was selected; Shift alone replaces it.
    return { focus: tile, tiles: sorted(mods.toggle ? [...sel.tiles, ...rect] : rect), anchor };
  }
  if (mods.toggle) {
    if (!sel.tiles.includes(tile)) return { focus: tile, tiles: sorted([...sel.tiles, tile]), anchor: tile };
    const tiles = sel.tiles.filter((t) => t !== tile);
    const focus = sel.focus === tile ? (tiles[tiles.length - 1] ?? null) : sel.focus;
    return { focus, tiles, anchor: focus };
  }
  return selectOnly(tile);
}

/** The selection without tiles beyond the layout (after a layout change to fewer cells). */
export function pruneSelection(sel: TileSelection, tileCount: number): TileSelection {
  const keep = (t: number | null) => (t !== null && t < tileCount ? t : null);
  const tiles = sel.tiles.filter((t) => t < tileCount);
  if (tiles.length === sel.tiles.length && keep(sel.focus) === sel.focus && keep(sel.anchor) === sel.anchor) return sel;
  const focus = keep(sel.focus) ?? tiles[tiles.length - 1] ?? null;
  return { focus, tiles, anchor: keep(sel.anchor) ?? focus };
}

/** The tiles a command on `tile` acts on: the whole selection when `tile` is part of it, else just `tile`. */
export function actedOn(sel: TileSelection, tile: number): number[] {
  return sel.tiles.includes(tile) ? [...sel.tiles] : [tile];
}

/** The cursor for `tile`: `cursor` when it lies inside the tile's cell (keeps a straight line across spans), else the cell's corner. */
export function cursorFor(layout: Layout, tile: number, cursor: GridPoint | null): GridPoint | null {
  const c = layout.cells[tile];
  if (!c) return null;
  if (cursor && cursor.row >= c.row && cursor.row < c.row + c.rowSpan && cursor.col >= c.col && cursor.col < c.col + c.colSpan) return cursor;
  return { row: c.row, col: c.col };
}

/**
 * The cell next to `tile` in direction `dir`: one step past the cell's edge, on the cursor's row (left/right) or column
 * (up/down), so going right out of a 1+5 focus cell and back left lands where one started. Null at the wall's edge.
 */
export function neighbourCell(layout: Layout, tile: number, dir: Direction, cursor: GridPoint | null = null): { tile: number; cursor: GridPoint } | null {
  const c = layout.cells[tile];
  const at = cursorFor(layout, tile, cursor);
  if (!c || !at) return null;
  let row = at.row;
  let col = at.col;
  if (dir === "left") col = c.col - 1;
  else if (dir === "right") col = c.col + c.colSpan;
  else if (dir === "up") row = c.row - 1;
  else row = c.row + c.rowSpan;
  if (row < 0 || col < 0 || row >= layout.rows || col >= layout.cols) return null;
  const next = cellAt(layout, row, col);
  return next === -1 ? null : { tile: next, cursor: { row, col } };
}

/** An arrow key: the focus moves to the neighbour cell; with `extend` (Shift) the rectangle from the anchor follows. */
export function moveSelection(
  sel: TileSelection,
  layout: Layout,
  dir: Direction,
  extend: boolean,
  cursor: GridPoint | null,
): { selection: TileSelection; cursor: GridPoint | null } {
  if (sel.focus === null || layout.cells[sel.focus] === undefined) {
    // Nothing selected yet: an arrow starts at the first tile.
    return { selection: selectOnly(0), cursor: cursorFor(layout, 0, null) };
  }
  const next = neighbourCell(layout, sel.focus, dir, cursor);
  if (!next) return { selection: sel, cursor: cursorFor(layout, sel.focus, cursor) };
  if (!extend) return { selection: selectOnly(next.tile), cursor: next.cursor };
  const anchor = sel.anchor ?? sel.focus;
  return { selection: { focus: next.tile, tiles: cellsInRect(layout, anchor, next.tile), anchor }, cursor: next.cursor };
}

export const ARROW_KEYS: Readonly<Record<string, Direction>> = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" };

/** Digits typed within this long of each other form one tile number. */
export const DIGIT_WINDOW_MS = 1000;

export type DigitBuffer = { digits: string; at: number };
export const NO_DIGITS: DigitBuffer = { digits: "", at: 0 };

/**
 * A digit key on a wall of `tileCount` tiles: the tile its number names (1-based), counting the digits typed just
 * before it, so "1" then "2" picks tile 12 when the wall has 12 tiles (and tile 1 at once, then 2 on a 9-tile wall).
 * Returns the buffer to keep and the tile picked (null: the key is no digit or names no tile).
 */
export function digitPick(buffer: DigitBuffer, key: string, now: number, tileCount: number): { buffer: DigitBuffer; tile: number | null } {
  if (!/^[0-9]$/.test(key)) return { buffer: NO_DIGITS, tile: null };
  const recent = now - buffer.at <= DIGIT_WINDOW_MS ? buffer.digits : "";
  for (const digits of [recent + key, key]) {
    const n = Number(digits);
    if (n >= 1 && n <= tileCount) return { buffer: { digits, at: now }, tile: n - 1 };
  }
  // "0" alone, or a number beyond the wall: nothing picked; the next digit starts over.
  return { buffer: NO_DIGITS, tile: null };
}
