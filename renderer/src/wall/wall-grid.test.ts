import { describe, expect, it } from "vitest";
import { presetLayout } from "../../../contract/wall-layout.js";
import { emptyWall } from "./wall-fixtures.js";
import { cellDensity, cellPlacement, effectiveMaximized, firstEmptyTile, gridTemplate, targetTileForCamera, tileForDigitKey } from "./wall-grid.js";

const A = "52030200001320000001";

describe("wall grid", () => {
  it("has a track per row and column of the layout", () => {
    expect(gridTemplate(presetLayout("3x4"))).toEqual({ gridTemplateRows: "repeat(3, minmax(0, 1fr))", gridTemplateColumns: "repeat(4, minmax(0, 1fr))" });
    expect(gridTemplate(presetLayout("64"))).toEqual({ gridTemplateRows: "repeat(8, minmax(0, 1fr))", gridTemplateColumns: "repeat(8, minmax(0, 1fr))" });
  });
  it("places each cell by its grid lines and spans", () => {
    const l = presetLayout("1+5");
    expect(l.cells.map(cellPlacement)).toEqual([
      { gridRow: "1 / span 2", gridColumn: "1 / span 2" },
      { gridRow: "1 / span 1", gridColumn: "3 / span 1" },
      { gridRow: "2 / span 1", gridColumn: "3 / span 1" },
      { gridRow: "3 / span 1", gridColumn: "1 / span 1" },
      { gridRow: "3 / span 1", gridColumn: "2 / span 1" },
      { gridRow: "3 / span 1", gridColumn: "3 / span 1" },
    ]);
    expect(cellPlacement(presetLayout("1+12").cells[5]!)).toEqual({ gridRow: "2 / span 2", gridColumn: "2 / span 2" });
  });
  it("every grid position of a preset is covered by exactly one placed cell", () => {
    for (const id of ["1+7", "2+8", "1+12", "64", "2x3"] as const) {
      const l = presetLayout(id);
      const covered = new Array<number>(l.rows * l.cols).fill(0);
      for (const c of l.cells) {
        const [r0, rs] = cellPlacement(c).gridRow.split(" / span ").map(Number) as [number, number];
        const [c0, cs] = cellPlacement(c).gridColumn.split(" / span ").map(Number) as [number, number];
        for (let r = r0 - 1; r < r0 - 1 + rs; r++) for (let k = c0 - 1; k < c0 - 1 + cs; k++) covered[r * l.cols + k]! += 1;
      }
      expect(covered.every((n) => n === 1), id).toBe(true);
    }
  });
  it("calls small cells dense, big cells of a focus layout not", () => {
    expect(cellDensity(presetLayout("16"), presetLayout("16").cells[0]!)).toBe("normal");
    expect(cellDensity(presetLayout("25"), presetLayout("25").cells[0]!)).toBe("dense");
    const l = presetLayout("1+9");
    expect(cellDensity(l, l.cells[0]!)).toBe("normal");
    expect(cellDensity(l, l.cells[1]!)).toBe("dense");
  });
  it("finds the first empty tile of the layout", () => {
    expect(firstEmptyTile(emptyWall("4", { tiles: [A, A, A, A] }))).toBeNull();
    expect(firstEmptyTile(emptyWall("9", { tiles: [A, A, A, A, null, null, null, null, null] }))).toBe(4);
  });
  it("targets the selected tile, then the first empty one, then tile 0", () => {
    const tiles = [A, null, null, null];
    expect(targetTileForCamera(emptyWall("4", { tiles }), 3)).toBe(3);
    expect(targetTileForCamera(emptyWall("4", { tiles }), 7)).toBe(1);
    expect(targetTileForCamera(emptyWall("4", { tiles }), null)).toBe(1);
    expect(targetTileForCamera(emptyWall("4", { tiles: [A, A, A, A] }), null)).toBe(0);
  });
  it("maps digit keys to tiles within the layout", () => {
    expect(tileForDigitKey("1", 4)).toBe(0);
    expect(tileForDigitKey("5", 4)).toBeNull();
    expect(tileForDigitKey("9", 9)).toBe(8);
    expect(tileForDigitKey("0", 16)).toBeNull();
    expect(tileForDigitKey("a", 16)).toBeNull();
  });
  it("ignores a maximized tile outside the layout", () => {
    expect(effectiveMaximized(emptyWall("4", { maximized: 2 }))).toBe(2);
    expect(effectiveMaximized(emptyWall("4", { maximized: 6 }))).toBeNull();
  });
});
