// Runs in the renderer (pure). The small drawing of a layout (picker, editor's saved list, header button): one
// rectangle per cell in a box of the given size, cells separated by `gap`, so a 2×2 span reads as one picture.
import type { Layout } from "../../../contract/wall-layout.js";

export type DrawnRect = { x: number; y: number; width: number; height: number };

const round = (v: number) => Math.round(v * 100) / 100;

/** Rectangles of the layout's cells (cell order = tile order), inside a width×height box. */
export function layoutDrawing(layout: Layout, box: { width: number; height: number; gap: number }): DrawnRect[] {
  const unitW = (box.width - box.gap * (layout.cols - 1)) / layout.cols;
  const unitH = (box.height - box.gap * (layout.rows - 1)) / layout.rows;
  return layout.cells.map((c) => ({
    x: round(c.col * (unitW + box.gap)),
    y: round(c.row * (unitH + box.gap)),
    width: round(c.colSpan * unitW + (c.colSpan - 1) * box.gap),
    height: round(c.rowSpan * unitH + (c.rowSpan - 1) * box.gap),
  }));
}
