import { describe, expect, it } from "vitest";
import { containedPicture, maskPoints, masksApply } from "./privacy-mask-geometry.js";

describe("privacy mask geometry", () => {
  it("letterboxes a 16:9 picture in a 4:3 box and pillarboxes it in a 21:9 box", () => {
    expect(containedPicture(800, 600, 640, 360)).toEqual({ x: 0, y: 75, width: 800, height: 450 });
    expect(containedPicture(2100, 900, 640, 360)).toEqual({ x: 250, y: 0, width: 1600, height: 900 });
  });

  it("has no picture before the first frame or in an empty box", () => {
    expect(containedPicture(800, 600, 0, 0)).toBeNull();
    expect(containedPicture(0, 600, 640, 360)).toBeNull();
  });

  it("maps normalized points into the picture, not the box", () => {
    const picture = { x: 0, y: 75, width: 800, height: 450 };
    expect(maskPoints({ points: [[0, 0], [0.5, 0], [0.5, 1]] }, picture)).toBe("0,75 400,75 400,525");
  });

  it("applies on the program output for everyone, on the wall only for media users", () => {
    expect(masksApply("program", ["commander", "operator"])).toBe(true);
    expect(masksApply("wall", ["media"])).toBe(true);
    expect(masksApply("wall", ["commander", "operator"])).toBe(false);
    expect(masksApply("wall", [])).toBe(false);
  });
});
