import { describe, expect, it } from "vitest";
import type { WallState } from "../../../contract/wall.js";
import { effectiveMaximized, firstEmptyTile, gridSide, targetTileForCamera, tileForDigitKey, visibleTiles } from "./wall-grid.js";

const A = "52030200001320000001";
function wall(over: Partial<WallState>): WallState {
  return { layout: 4, tiles: Array.from({ length: 16 }, () => null), maximized: null, revision: 1, ...over };
}

describe("wall grid", () => {
  it("sizes the grid", () => {
    expect([1, 4, 9, 16].map((l) => gridSide(l as 1 | 4 | 9 | 16))).toEqual([1, 2, 3, 4]);
    expect(visibleTiles(9)).toHaveLength(9);
  });
  it("finds the first empty tile inside the layout", () => {
    const tiles = Array.from({ length: 16 }, (_, i) => (i < 4 ? A : null));
    expect(firstEmptyTile(wall({ tiles }))).toBeNull();
    expect(firstEmptyTile(wall({ tiles, layout: 9 }))).toBe(4);
  });
  it("targets the selected tile, then the first empty one, then tile 0", () => {
    const tiles = Array.from({ length: 16 }, (_, i) => (i === 0 ? A : null));
    expect(targetTileForCamera(wall({ tiles }), 3)).toBe(3);
    expect(targetTileForCamera(wall({ tiles }), 7)).toBe(1);
    expect(targetTileForCamera(wall({ tiles }), null)).toBe(1);
    expect(targetTileForCamera(wall({ tiles: Array.from({ length: 16 }, () => A) }), null)).toBe(0);
  });
  it("maps digit keys to tiles within the layout", () => {
    expect(tileForDigitKey("1", 4)).toBe(0);
    expect(tileForDigitKey("5", 4)).toBeNull();
    expect(tileForDigitKey("9", 9)).toBe(8);
    expect(tileForDigitKey("0", 16)).toBeNull();
    expect(tileForDigitKey("a", 16)).toBeNull();
  });
  it("ignores a maximized tile outside the layout", () => {
    expect(effectiveMaximized(wall({ maximized: 2 }))).toBe(2);
    expect(effectiveMaximized(wall({ maximized: 6 }))).toBeNull();
  });
});
