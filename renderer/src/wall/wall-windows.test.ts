import { describe, expect, it } from "vitest";
import { adjacentWall } from "./wall-windows.js";

describe("PageUp/PageDown between wall windows", () => {
  it("go to the next or previous existing wall, wrapping around", () => {
    expect(adjacentWall([1, 2, 4], 1, 1)).toBe(2);
    expect(adjacentWall([1, 2, 4], 2, 1)).toBe(4);
    expect(adjacentWall([1, 2, 4], 4, 1)).toBe(1);
    expect(adjacentWall([4, 1, 2], 1, -1)).toBe(4);
  });
  it("do nothing on a single wall; a window whose wall is gone goes to the first", () => {
    expect(adjacentWall([1], 1, 1)).toBeNull();
    expect(adjacentWall([1, 3], 2, 1)).toBe(1);
  });
});
