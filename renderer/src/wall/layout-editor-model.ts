// Runs in the renderer (pure). The custom layout editor's rules: a drag across grid positions selects the smallest
// rectangle that contains both ends and cuts no cell (so it can always be merged), a selection of one merged cell
// can be split, and changing the grid size keeps the cells that still fit.
import { cellAt, equalGrid, mergeCells, normalizeLayout, presetOf, sameLayout, splitCell, type Layout, type LayoutCell } from "../../../contract/wall-layout.js";
import type { SavedLayout } from "../../../contract/wall.js";

export type GridPos = { row: number; col: number };
export type Rect = { row: number; col: number; rowSpan: number; colSpan: number };

const overlaps = (a: Rect, b: Rect) => a.row < b.row + b.rowSpan && b.row < a.row + a.rowSpan && a.col < b.col + b.colSpan && b.col < a.col + a.colSpan;

/** The rectangle a drag from `a` to `b` selects: their bounding box, grown until no cell crosses its border. */
export function selectionRect(layout: Layout, a: GridPos, b: GridPos): Rect {
  let top = Math.min(a.row, b.row);
  let left = Math.min(a.col, b.col);
  let bottom = Math.max(a.row, b.row) + 1;
  let right = Math.max(a.col, b.col) + 1;
  for (;;) {
    const rect = { row: top, col: left, rowSpan: bottom - top, colSpan: right - left };
    let grown = false;
    for (const c of layout.cells) {
      if (!overlaps(rect, c)) continue;
      if (c.row < top || c.col < left || c.row + c.rowSpan > bottom || c.col + c.colSpan > right) {
        top = Math.min(top, c.row);
        left = Math.min(left, c.col);
        bottom = Math.max(bottom, c.row + c.rowSpan);
        right = Math.max(right, c.col + c.colSpan);
        grown = true;
      }
    }
    if (!grown) return rect;
  }
}

/** Indexes of the cells inside a rectangle. */
export function cellsIn(layout: Layout, rect: Rect): number[] {
  return layout.cells.flatMap((c, i) => (overlaps(rect, c) ? [i] : []));
}

/** What the editor can do with a selection: merge several cells, or split the one merged cell selected. */
export function selectionActions(layout: Layout, rect: Rect | null): { merge: Layout | null; split: Layout | null } {
  if (!rect) return { merge: null, split: null };
  const inside = cellsIn(layout, rect);
  if (inside.length === 1) return { merge: null, split: splitCell(layout, inside[0]!) };
  return { merge: mergeCells(layout, rect), split: null };
}

/** The grid resized to rows×cols: cells that still fit stay, every position no cell covers gets a 1×1 cell. */
export function resizeLayout(layout: Layout, rows: number, cols: number): Layout {
  const kept: LayoutCell[] = layout.cells.filter((c) => c.row + c.rowSpan <= rows && c.col + c.colSpan <= cols).map((c) => ({ ...c }));
  const partial: Layout = { rows, cols, cells: kept };
  const fill: LayoutCell[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) if (cellAt(partial, row, col) === -1) fill.push({ row, col, rowSpan: 1, colSpan: 1 });
  }
  return normalizeLayout({ rows, cols, cells: [...kept, ...fill] });
}

/** The editor starts from a grid of equal cells. */
export function blankLayout(rows: number, cols: number): Layout {
  return equalGrid(rows, cols);
}

/**
 * Where a drawn layout comes from when it goes on the wall: the saved layout it was loaded from or saved as (while
 * unchanged), else the preset it equals, else nothing (drawn ad hoc).
 */
export function layoutRefFor(draft: Layout, origin: SavedLayout | null): string | null {
  if (origin && sameLayout(origin.layout, draft)) return `saved:${origin.id}`;
  const preset = presetOf(draft);
  return preset ? `preset:${preset}` : null;
}

/** The JSON a department shares (`{name, layout}`, what importLayout reads back) and a file name for it. */
export function layoutExport(name: string, layout: Layout): { fileName: string; json: string } {
  const safe = name.trim().replace(/[\\/:*?"<>|\s]+/g, "_").slice(0, 64) || "layout";
  return { fileName: `${safe}.layout.json`, json: `${JSON.stringify({ name: name.trim() || undefined, layout: normalizeLayout(layout) }, null, 2)}\n` };
}
