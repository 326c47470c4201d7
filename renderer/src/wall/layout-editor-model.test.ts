import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equalGrid, layoutProblem, mergeCells, parseLayoutJson, presetLayout, type Layout } from "../../../contract/wall-layout.js";
import { cellsIn, layoutExport, layoutRefFor, resizeLayout, selectionActions, selectionRect } from "./layout-editor-model.js";

/** A random valid layout: an equal grid with random legal merges. */
const arbLayout: fc.Arbitrary<Layout> = fc
  .record({
    rows: fc.integer({ min: 1, max: 8 }),
    cols: fc.integer({ min: 1, max: 8 }),
    merges: fc.array(fc.record({ r: fc.nat(7), c: fc.nat(7), h: fc.integer({ min: 1, max: 8 }), w: fc.integer({ min: 1, max: 8 }) }), { maxLength: 6 }),
  })
  .map(({ rows, cols, merges }) => {
    let layout = equalGrid(rows, cols);
    for (const m of merges) {
      const rect = { row: m.r % rows, col: m.c % cols, rowSpan: Math.min(m.h, rows - (m.r % rows)), colSpan: Math.min(m.w, cols - (m.c % cols)) };
      layout = mergeCells(layout, rect) ?? layout;
    }
    return layout;
  });

describe("editor selection", () => {
  it("a drag selects a rectangle holding both ends that cuts no cell, so several cells always merge", () => {
    fc.assert(
      fc.property(arbLayout, fc.nat(63), fc.nat(63), (layout, p, q) => {
        const a = { row: Math.floor(p / 8) % layout.rows, col: (p % 8) % layout.cols };
        const b = { row: Math.floor(q / 8) % layout.rows, col: (q % 8) % layout.cols };
        const rect = selectionRect(layout, a, b);
        for (const end of [a, b]) {
          expect(end.row >= rect.row && end.row < rect.row + rect.rowSpan && end.col >= rect.col && end.col < rect.col + rect.colSpan).toBe(true);
        }
        const inside = cellsIn(layout, rect);
        for (const i of inside) {
          const c = layout.cells[i]!;
          expect(c.row >= rect.row && c.col >= rect.col && c.row + c.rowSpan <= rect.row + rect.rowSpan && c.col + c.colSpan <= rect.col + rect.colSpan).toBe(true);
        }
        const { merge, split } = selectionActions(layout, rect);
        if (inside.length > 1) {
          expect(merge).not.toBeNull();
          expect(layoutProblem(merge!)).toBeNull();
          expect(merge!.cells).toHaveLength(layout.cells.length - inside.length + 1);
        } else {
          expect(merge).toBeNull();
          const c = layout.cells[inside[0]!]!;
          expect(split === null).toBe(c.rowSpan === 1 && c.colSpan === 1);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("grows a drag that cuts the big cell of 1+5 to take all of it", () => {
    const l = presetLayout("1+5");
    expect(selectionRect(l, { row: 1, col: 1 }, { row: 1, col: 2 })).toEqual({ row: 0, col: 0, rowSpan: 2, colSpan: 3 });
    expect(selectionRect(l, { row: 2, col: 0 }, { row: 2, col: 1 })).toEqual({ row: 2, col: 0, rowSpan: 1, colSpan: 2 });
  });

  it("a 2×2 drag on a 4×4 grid merges into one 2×2 cell; selecting it offers the split back", () => {
    const grid = equalGrid(4);
    const rect = selectionRect(grid, { row: 1, col: 1 }, { row: 2, col: 2 });
    expect(rect).toEqual({ row: 1, col: 1, rowSpan: 2, colSpan: 2 });
    const merged = selectionActions(grid, rect).merge!;
    expect(merged.cells).toHaveLength(13);
    expect(merged.cells).toContainEqual({ row: 1, col: 1, rowSpan: 2, colSpan: 2 });
    const again = selectionActions(merged, selectionRect(merged, { row: 2, col: 2 }, { row: 2, col: 2 }));
    expect(again.merge).toBeNull();
    expect(again.split).toEqual(grid);
  });
});

describe("editor grid size", () => {
  it("keeps the cells that fit and fills the rest with single cells", () => {
    fc.assert(
      fc.property(arbLayout, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), (layout, rows, cols) => {
        const resized = resizeLayout(layout, rows, cols);
        expect(layoutProblem(resized)).toBeNull();
        expect(resized.rows).toBe(rows);
        expect(resized.cols).toBe(cols);
        for (const c of layout.cells) if (c.row + c.rowSpan <= rows && c.col + c.colSpan <= cols) expect(resized.cells).toContainEqual(c);
      }),
      { numRuns: 200 },
    );
  });
  it("a 1+7 shrunk to 3×3 keeps its 3×3 picture alone", () => {
    expect(resizeLayout(presetLayout("1+7"), 3, 3)).toEqual({ rows: 3, cols: 3, cells: [{ row: 0, col: 0, rowSpan: 3, colSpan: 3 }] });
  });
});

describe("applying and sharing a drawn layout", () => {
  const saved = { id: "abc", name: "指挥大屏", layout: mergeCells(equalGrid(3), { row: 0, col: 0, rowSpan: 2, colSpan: 1 })!, savedAt: 1 };
  it("names the saved layout while unchanged, else the preset it equals, else nothing", () => {
    expect(layoutRefFor(saved.layout, saved)).toBe("saved:abc");
    expect(layoutRefFor(presetLayout("1+5"), saved)).toBe("preset:1+5");
    expect(layoutRefFor(presetLayout("9"), null)).toBe("preset:9");
    expect(layoutRefFor(saved.layout, null)).toBeNull();
  });
  it("exports {name, layout} that import reads back unchanged", () => {
    const out = layoutExport(" 指挥 大屏/1 ", saved.layout);
    expect(out.fileName).toBe("指挥_大屏_1.layout.json");
    const back = parseLayoutJson(out.json);
    expect(back).toEqual({ ok: true, name: "指挥 大屏/1", layout: saved.layout });
    expect(layoutExport("", saved.layout).fileName).toBe("layout.layout.json");
  });
});
