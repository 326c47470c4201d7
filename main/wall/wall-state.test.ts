import { describe, expect, it } from "vitest";
import { WallStateSchema } from "../../contract/wall.js";
import { equalGrid, presetLayout } from "../../contract/wall-layout.js";
import { fromLegacyWall } from "./legacy-wall.js";
import { assignTile, clearTile, clearTiles, dismissParked, emptyWall, fillTiles, setLayout, setMaximized, swapTiles, unparkCameras, visibleCameras, WallRuleError } from "./wall-state.js";

const A = "52030200011326000001";
const B = "52030300041326001401";
const C = "52030300041326001402";
const cams = (n: number) => Array.from({ length: n }, (_, i) => `520302000113260${String(10000 + i).slice(-5)}`);

describe("wall state", () => {
  it("starts as an empty 2x2 wall that satisfies the contract", () => {
    const wall = emptyWall();
    expect(wall.layout).toEqual(equalGrid(2));
    expect(WallStateSchema.parse(wall)).toEqual(wall);
  });

  it("assigns, swaps and clears, bumping the revision each time", () => {
    let wall = assignTile(emptyWall(), 0, A);
    wall = assignTile(wall, 3, B);
    expect(wall.revision).toBe(2);
    wall = swapTiles(wall, 0, 3);
    expect(wall.tiles).toEqual([B, null, null, A]);
    wall = clearTile(wall, 0);
    expect(visibleCameras(wall)).toEqual([A]);
    expect(wall.revision).toBe(4);
  });

  it("refuses tiles outside the layout without changing anything", () => {
    const wall = emptyWall();
    expect(() => assignTile(wall, 4, A)).toThrow(WallRuleError);
    expect(() => swapTiles(wall, 0, 9)).toThrow(/outside wall 1's 4-tile layout/);
    expect(wall.tiles.every((t) => t === null)).toBe(true);
  });

  it("parks the cameras of cells a smaller layout drops, and puts them back on request", () => {
    let wall = assignTile(assignTile(setLayout(emptyWall(), presetLayout("16")), 12, A), 1, B);
    wall = setLayout(wall, presetLayout("4"));
    expect(wall.tiles).toEqual([null, B, null, null]);
    expect(wall.parked).toEqual([A]);
    wall = unparkCameras(wall);
    expect(wall.tiles).toEqual([A, B, null, null]);
    expect(wall.parked).toEqual([]);
    expect(WallStateSchema.parse(wall)).toEqual(wall);
  });

  it("a parked camera put on a tile by hand leaves the parked list; dismissing removes it", () => {
    const wall = setLayout(assignTile(setLayout(emptyWall(), presetLayout("9")), 8, A), presetLayout("1"));
    expect(wall.parked).toEqual([A]);
    expect(assignTile(wall, 0, A).parked).toEqual([]);
    expect(dismissParked(wall, A).parked).toEqual([]);
    expect(dismissParked(wall, null).parked).toEqual([]);
  });

  it("refuses an invalid layout, the wall unchanged", () => {
    const wall = assignTile(emptyWall(), 0, A);
    const overlap = { rows: 2, cols: 2, cells: [{ row: 0, col: 0, rowSpan: 2, colSpan: 2 }, { row: 1, col: 1, rowSpan: 1, colSpan: 1 }] };
    expect(() => setLayout(wall, overlap)).toThrow(/overlap/);
    expect(wall.tiles[0]).toBe(A);
  });

  it("fills empty tiles in order from a folder; what does not fit is the overflow", () => {
    const wall = assignTile(emptyWall(), 1, A);
    const ids = cams(5);
    const r = fillTiles(wall, [A, ...ids]);
    expect(r.state.tiles).toEqual([ids[0], A, ids[1], ids[2]]);
    expect(r.placed).toBe(3);
    expect(r.overflow).toEqual(ids.slice(3));
  });

  it("clears several tiles at once", () => {
    const wall = clearTiles(assignTile(assignTile(assignTile(emptyWall(), 0, A), 1, B), 2, C), [0, 2]);
    expect(wall.tiles).toEqual([null, B, null, null]);
  });

  it("maximizes only a tile with a camera; the maximized view follows a swap and ends on clear or shrink", () => {
    let wall = assignTile(setLayout(emptyWall(), presetLayout("9")), 5, A);
    expect(() => setMaximized(wall, 1)).toThrow(/no camera/);
    wall = setMaximized(wall, 5);
    wall = swapTiles(wall, 5, 2);
    expect(wall.maximized).toBe(2);
    expect(setLayout(setMaximized(assignTile(wall, 6, B), 6), presetLayout("4")).maximized).toBeNull();
    expect(clearTile(wall, 2).maximized).toBeNull();
  });

  it("swapping a tile with itself changes nothing", () => {
    const wall = assignTile(emptyWall(), 0, A);
    expect(swapTiles(wall, 0, 0)).toBe(wall);
  });
});

describe("the wall stored by earlier versions", () => {
  it("loads unchanged for the user: same grid, same tiles, maximized kept, hidden slots parked", () => {
    const old = { layout: 9, tiles: [A, null, B, null, null, null, null, null, null, C, null, null, null, null, null, null], maximized: 2, revision: 41 };
    const wall = fromLegacyWall(old)!;
    expect(WallStateSchema.parse(wall)).toEqual(wall);
    expect(wall.layout).toEqual(equalGrid(3));
    expect(wall.layoutRef).toBe("preset:9");
    expect(wall.tiles).toEqual(old.tiles.slice(0, 9));
    expect(wall.maximized).toBe(2);
    expect(wall.parked).toEqual([C]);
    expect(wall.revision).toBe(42);
  });

  it("ignores what is not an old wall", () => {
    expect(fromLegacyWall({ layout: 5 })).toBeNull();
    expect(fromLegacyWall(null)).toBeNull();
  });
});
