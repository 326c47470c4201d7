// Layout functions: properties over random layouts (fast-check), and the presets' shapes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cellAt,
  equalGrid,
  layoutProblem,
  LayoutSchema,
  mergeCells,
  normalizeLayout,
  parseLayoutJson,
  PRESET_IDS,
  presetLayout,
  presetOf,
  retile,
  sameLayout,
  splitCell,
  unpark,
  type Layout,
} from "./wall-layout.js";

/** A random valid layout: an equal grid with random merges applied (each merge only when it is a legal one). */
const arbLayout: fc.Arbitrary<Layout> = fc
  .record({
    rows: fc.integer({ min: 1, max: 8 }),
    cols: fc.integer({ min: 1, max: 8 }),
    merges: fc.array(fc.record({ r: fc.nat(7), c: fc.nat(7), h: fc.integer({ min: 1, max: 8 }), w: fc.integer({ min: 1, max: 8 }) }), { maxLength: 8 }),
  })
  .map(({ rows, cols, merges }) => {
    let layout = equalGrid(rows, cols);
    for (const m of merges) {
      const rect = { row: m.r % rows, col: m.c % cols, rowSpan: Math.min(m.h, rows - (m.r % rows)), colSpan: Math.min(m.w, cols - (m.c % cols)) };
      layout = mergeCells(layout, rect) ?? layout;
    }
    return layout;
  });

const area = (l: Layout): number => l.cells.reduce((sum, c) => sum + c.rowSpan * c.colSpan, 0);

describe("layouts (properties)", () => {
  it("merges and splits always give a valid layout that covers the grid exactly", () => {
    fc.assert(
      fc.property(arbLayout, fc.nat(63), (layout, pick) => {
        expect(layoutProblem(layout)).toBeNull();
        expect(area(layout)).toBe(layout.rows * layout.cols);
        const split = splitCell(layout, pick % layout.cells.length);
        if (split) {
          expect(layoutProblem(split)).toBeNull();
          expect(split.cells.length).toBeGreaterThan(layout.cells.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("every grid position is covered by exactly one cell, and cells are in reading order", () => {
    fc.assert(
      fc.property(arbLayout, (layout) => {
        for (let r = 0; r < layout.rows; r++) for (let c = 0; c < layout.cols; c++) expect(cellAt(layout, r, c)).toBeGreaterThanOrEqual(0);
        expect(sameLayout(normalizeLayout(layout), layout)).toBe(true);
        expect(normalizeLayout(layout).cells).toEqual(layout.cells);
      }),
      { numRuns: 200 },
    );
  });

  it("splitting every cell gives back the equal grid", () => {
    fc.assert(
      fc.property(arbLayout, (layout) => {
        let l = layout;
        for (let guard = 0; guard < 64; guard++) {
          const i = l.cells.findIndex((c) => c.rowSpan > 1 || c.colSpan > 1);
          if (i === -1) break;
          l = splitCell(l, i)!;
        }
        expect(sameLayout(l, equalGrid(layout.rows, layout.cols))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("a merge that would cut a cell is refused, the layout unchanged", () => {
    const l = mergeCells(equalGrid(3), { row: 0, col: 0, rowSpan: 2, colSpan: 2 })!;
    expect(mergeCells(l, { row: 1, col: 1, rowSpan: 2, colSpan: 2 })).toBeNull();
    expect(mergeCells(l, { row: 0, col: 0, rowSpan: 2, colSpan: 2 })).toBeNull(); // one cell already
    expect(mergeCells(l, { row: 2, col: 0, rowSpan: 1, colSpan: 9 })).toBeNull(); // outside
  });

  it("retile never loses a camera: kept or parked, each once", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }), { maxLength: 64 }),
        fc.array(fc.integer({ min: 41, max: 60 }), { maxLength: 5 }),
        fc.integer({ min: 1, max: 64 }),
        (tiles, parked, count) => {
          const unique = tiles.map((t, i) => (t === null ? null : t * 100 + i));
          const next = retile(unique, parked, count);
          expect(next.tiles).toHaveLength(count);
          const before = new Set([...unique.filter((t) => t !== null), ...parked]);
          const after = [...next.tiles.filter((t) => t !== null), ...next.parked];
          expect(new Set(after)).toEqual(before);
          expect(after.length).toBe(before.size);
          // The cameras that stay keep their tile.
          next.tiles.forEach((t, i) => expect(t).toBe(unique[i] ?? null));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("unpark fills empty tiles in order and keeps the rest parked", () => {
    expect(unpark(["a", null, "b", null], ["x", "y", "z"])).toEqual({ tiles: ["a", "x", "b", "y"], parked: ["z"] });
  });
});

describe("presets", () => {
  it("are all valid, and each is recognised as itself", () => {
    for (const id of PRESET_IDS) {
      const layout = presetLayout(id);
      expect(layoutProblem(layout), id).toBeNull();
      expect(presetOf(layout)).toBe(id);
    }
  });

  it("have the advertised cell counts and big cells", () => {
    const count = (id: (typeof PRESET_IDS)[number]) => presetLayout(id).cells.length;
    expect([count("1"), count("4"), count("9"), count("16"), count("25"), count("36"), count("49"), count("64")]).toEqual([1, 4, 9, 16, 25, 36, 49, 64]);
    expect([count("2x3"), count("3x4")]).toEqual([6, 12]);
    expect([count("1+5"), count("1+7"), count("1+9"), count("1+12"), count("2+8")]).toEqual([6, 8, 10, 13, 10]);
    expect(presetLayout("1+7").cells[0]).toEqual({ row: 0, col: 0, rowSpan: 3, colSpan: 3 });
    expect(presetLayout("1+12").cells.find((c) => c.rowSpan === 2)).toEqual({ row: 1, col: 1, rowSpan: 2, colSpan: 2 });
    expect(presetLayout("2+8").cells.filter((c) => c.rowSpan === 2)).toHaveLength(2);
  });
});

describe("bad input", () => {
  it("names overlaps, holes, an oversized grid and broken JSON", () => {
    const overlap = { rows: 2, cols: 2, cells: [{ row: 0, col: 0, rowSpan: 2, colSpan: 2 }, { row: 1, col: 1, rowSpan: 1, colSpan: 1 }] };
    expect(layoutProblem(overlap)).toMatch(/cells 1 and 2 overlap at row 2, column 2/);
    const hole = { rows: 2, cols: 2, cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 2 }] };
    expect(layoutProblem(hole)).toMatch(/no cell covers row 2, column 1/);
    expect(parseLayoutJson(JSON.stringify({ rows: 9, cols: 9, cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 1 }] }))).toMatchObject({ ok: false, problem: expect.stringMatching(/rows/) });
    expect(parseLayoutJson("{not json")).toMatchObject({ ok: false, problem: expect.stringMatching(/^not JSON/) });
    expect(parseLayoutJson(JSON.stringify(overlap))).toMatchObject({ ok: false, problem: expect.stringMatching(/overlap/) });
    expect(LayoutSchema.safeParse(hole).success).toBe(false);
  });

  it("reads a shared layout with its name", () => {
    const shared = JSON.stringify({ name: "防汛 1+5", layout: presetLayout("1+5") });
    expect(parseLayoutJson(shared)).toEqual({ ok: true, name: "防汛 1+5", layout: presetLayout("1+5") });
  });
});
