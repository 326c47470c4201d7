import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equalGrid, mergeCells, presetLayout, type Layout } from "../../../contract/wall-layout.js";
import {
  NO_DIGITS,
  NO_SELECTION,
  actedOn,
  cellsInRect,
  clickSelection,
  digitPick,
  moveSelection,
  neighbourCell,
  pruneSelection,
  selectOnly,
  type Direction,
} from "./tile-selection.js";

const plain = { toggle: false, range: false };
const ctrl = { toggle: true, range: false };
const shift = { toggle: false, range: true };

describe("clicks", () => {
  const grid = presetLayout("16");
  it("a plain click selects one tile, Ctrl adds and removes, Shift selects the rectangle from the anchor", () => {
    let sel = clickSelection(NO_SELECTION, 5, plain, grid);
    expect(sel).toEqual({ focus: 5, tiles: [5], anchor: 5 });
    sel = clickSelection(sel, 0, ctrl, grid);
    expect(sel).toEqual({ focus: 0, tiles: [0, 5], anchor: 0 });
    sel = clickSelection(sel, 0, ctrl, grid);
    expect(sel).toEqual({ focus: 5, tiles: [5], anchor: 5 });
    // 4×4: from tile 5 (row 1, col 1) to tile 15 (row 3, col 3) is a 3×3 block.
    sel = clickSelection(sel, 15, shift, grid);
    expect(sel.tiles).toEqual([5, 6, 7, 9, 10, 11, 13, 14, 15]);
    expect(sel.focus).toBe(15);
    expect(sel.anchor).toBe(5);
    // Shift again from the same anchor replaces the rectangle; Ctrl+Shift adds to it.
    expect(clickSelection(sel, 6, shift, grid).tiles).toEqual([5, 6]);
    expect(clickSelection(selectOnly(0), 5, { toggle: true, range: true }, grid).tiles).toEqual([0, 1, 4, 5]);
    expect(clickSelection(sel, 2, plain, grid)).toEqual(selectOnly(2));
  });

  it("a rectangle takes every cell it touches, spans included", () => {
    const focus = presetLayout("1+5"); // 3×3: cell 0 is 2×2 at the top left, 1 and 2 down the right, 3 4 5 along the bottom
    expect(cellsInRect(focus, 1, 4)).toEqual([0, 1, 2, 4, 5]);
    expect(cellsInRect(focus, 3, 4)).toEqual([3, 4]);
    expect(cellsInRect(focus, 0, 0)).toEqual([0]);
  });

  it("acts on the whole selection only when the tile is in it", () => {
    const sel = clickSelection(selectOnly(1), 3, ctrl, equalGrid(2));
    expect(actedOn(sel, 3)).toEqual([1, 3]);
    expect(actedOn(sel, 2)).toEqual([2]);
  });

  it("a smaller layout drops the tiles it no longer has", () => {
    const sel = { focus: 12, tiles: [1, 3, 12], anchor: 12 };
    expect(pruneSelection(sel, 4)).toEqual({ focus: 3, tiles: [1, 3], anchor: 3 });
    expect(pruneSelection(sel, 16)).toBe(sel);
    expect(pruneSelection(selectOnly(5), 4)).toEqual(NO_SELECTION);
  });
});

describe("arrows over cells", () => {
  it("move one cell on an equal grid and stop at its edges", () => {
    const g = presetLayout("9");
    expect(neighbourCell(g, 4, "left")?.tile).toBe(3);
    expect(neighbourCell(g, 4, "right")?.tile).toBe(5);
    expect(neighbourCell(g, 4, "up")?.tile).toBe(1);
    expect(neighbourCell(g, 4, "down")?.tile).toBe(7);
    expect(neighbourCell(g, 0, "left")).toBeNull();
    expect(neighbourCell(g, 8, "down")).toBeNull();
  });

  it("leave a span by its edge and come back to the row they left from (1+5)", () => {
    const f = presetLayout("1+5");
    // Tile 2 is the right column, row 1; left goes into the big cell and right again back to tile 2, not tile 1.
    const into = neighbourCell(f, 2, "left");
    expect(into).toEqual({ tile: 0, cursor: { row: 1, col: 1 } });
    expect(neighbourCell(f, 0, "right", into!.cursor)?.tile).toBe(2);
    expect(neighbourCell(f, 0, "right")?.tile).toBe(1);
    expect(neighbourCell(f, 0, "down", into!.cursor)?.tile).toBe(4);
  });

  it("Shift+arrow grows the rectangle from the anchor; the first arrow with nothing selected picks tile 1", () => {
    const g = presetLayout("16");
    let step = moveSelection(selectOnly(5), g, "right", true, null);
    expect(step.selection.tiles).toEqual([5, 6]);
    step = moveSelection(step.selection, g, "down", true, step.cursor);
    expect(step.selection.tiles).toEqual([5, 6, 9, 10]);
    expect(step.selection.focus).toBe(10);
    step = moveSelection(step.selection, g, "left", false, step.cursor);
    expect(step.selection).toEqual(selectOnly(9));
    expect(moveSelection(NO_SELECTION, g, "down", false, null).selection).toEqual(selectOnly(0));
  });

  // Random layouts: merge random rectangles of an equal grid (what the editor does).
  const layouts = fc
    .record({ rows: fc.integer({ min: 1, max: 8 }), cols: fc.integer({ min: 1, max: 8 }), merges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { maxLength: 6 }) })
    .map(({ rows, cols, merges }) => {
      let layout: Layout = equalGrid(rows, cols);
      for (const [r, c, h, w] of merges) {
        const row = r % rows;
        const col = c % cols;
        layout = mergeCells(layout, { row, col, rowSpan: 1 + (h % (rows - row)), colSpan: 1 + (w % (cols - col)) }) ?? layout;
      }
      return layout;
    });
  const dirs = fc.constantFrom<Direction>("left", "right", "up", "down");

  it("property: a step lands on an adjacent cell in that direction, or nowhere at the wall's edge", () => {
    fc.assert(
      fc.property(layouts, fc.nat(), dirs, (layout, t, dir) => {
        const tile = t % layout.cells.length;
        const c = layout.cells[tile]!;
        const next = neighbourCell(layout, tile, dir);
        const atEdge = dir === "left" ? c.col === 0 : dir === "right" ? c.col + c.colSpan === layout.cols : dir === "up" ? c.row === 0 : c.row + c.rowSpan === layout.rows;
        if (atEdge) return next === null;
        if (!next || next.tile === tile) return false;
        const n = layout.cells[next.tile]!;
        if (dir === "left") return n.col + n.colSpan === c.col;
        if (dir === "right") return n.col === c.col + c.colSpan;
        if (dir === "up") return n.row + n.rowSpan === c.row;
        return n.row === c.row + c.rowSpan;
      }),
    );
  });

  it("property: every cell can be reached from tile 1 by arrows", () => {
    fc.assert(
      fc.property(layouts, (layout) => {
        const seen = new Set([0]);
        const queue = [0];
        while (queue.length > 0) {
          const tile = queue.shift()!;
          for (const dir of ["left", "right", "up", "down"] as const) {
            const next = neighbourCell(layout, tile, dir);
            if (next && !seen.has(next.tile)) {
              seen.add(next.tile);
              queue.push(next.tile);
            }
          }
        }
        return seen.size === layout.cells.length;
      }),
    );
  });
});

describe("digits", () => {
  it("pick a tile at once and read two quick digits as one number", () => {
    let step = digitPick(NO_DIGITS, "1", 1000, 16);
    expect(step.tile).toBe(0);
    step = digitPick(step.buffer, "2", 1500, 16);
    expect(step.tile).toBe(11);
    // Too late for "12" → "3"; a number beyond the wall starts over with the last digit.
    expect(digitPick(digitPick(NO_DIGITS, "1", 0, 16).buffer, "3", 5000, 16).tile).toBe(2);
    expect(digitPick(digitPick(NO_DIGITS, "7", 0, 64).buffer, "5", 10, 64).tile).toBe(4);
    expect(digitPick(digitPick(NO_DIGITS, "6", 0, 64).buffer, "4", 10, 64).tile).toBe(63);
    expect(digitPick(digitPick(NO_DIGITS, "1", 0, 16).buffer, "0", 10, 16).tile).toBe(9);
  });

  it("ignore what names no tile", () => {
    expect(digitPick(NO_DIGITS, "0", 0, 4).tile).toBeNull();
    expect(digitPick(NO_DIGITS, "5", 0, 4).tile).toBeNull();
    expect(digitPick(NO_DIGITS, "a", 0, 4)).toEqual({ buffer: NO_DIGITS, tile: null });
  });
});
