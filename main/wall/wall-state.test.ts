import { describe, expect, it } from "vitest";
import { WallStateSchema } from "../../contract/wall.js";
import { assignTile, clearTile, emptyWall, setLayout, setMaximized, swapTiles, visibleCameras, WallRuleError } from "./wall-state.js";

const A = "52030200011326000001";
const B = "52030300041326001401";

describe("wall state", () => {
  it("starts as an empty 2x2 wall that satisfies the contract", () => {
    const wall = emptyWall();
    expect(wall.layout).toBe(4);
    expect(WallStateSchema.parse(wall)).toEqual(wall);
  });

  it("assigns, swaps and clears, bumping the revision each time", () => {
    let wall = assignTile(emptyWall(), 0, A);
    wall = assignTile(wall, 3, B);
    expect(wall.revision).toBe(2);
    wall = swapTiles(wall, 0, 3);
    expect(wall.tiles.slice(0, 4)).toEqual([B, null, null, A]);
    wall = clearTile(wall, 0);
    expect(visibleCameras(wall)).toEqual([A]);
    expect(wall.revision).toBe(4);
  });

  it("refuses tiles outside the layout without changing anything", () => {
    const wall = emptyWall(4);
    expect(() => assignTile(wall, 4, A)).toThrow(WallRuleError);
    expect(() => swapTiles(wall, 0, 9)).toThrow(/outside the 4-tile layout/);
    expect(wall.tiles.every((t) => t === null)).toBe(true);
  });

  it("keeps cameras when the layout shrinks and shows them again when it grows", () => {
    let wall = assignTile(setLayout(emptyWall(), 16), 12, A);
    wall = setLayout(wall, 4);
    expect(visibleCameras(wall)).toEqual([]);
    wall = setLayout(wall, 16);
    expect(visibleCameras(wall)).toEqual([A]);
  });

  it("maximizes only a tile with a camera; the maximized view follows a swap and ends on clear or shrink", () => {
    let wall = assignTile(setLayout(emptyWall(), 9), 5, A);
    expect(() => setMaximized(wall, 1)).toThrow(/no camera/);
    wall = setMaximized(wall, 5);
    wall = swapTiles(wall, 5, 2);
    expect(wall.maximized).toBe(2);
    expect(setLayout(setMaximized(assignTile(wall, 6, B), 6), 4).maximized).toBeNull();
    expect(clearTile(wall, 2).maximized).toBeNull();
  });

  it("swapping a tile with itself changes nothing", () => {
    const wall = assignTile(emptyWall(), 0, A);
    expect(swapTiles(wall, 0, 0)).toBe(wall);
  });
});
