import { describe, expect, it } from "vitest";
import { PRESET_IDS, presetLayout } from "../../../contract/wall-layout.js";
import { layoutDrawing } from "./layout-drawing.js";

const box = { width: 30, height: 20, gap: 2 };

describe("layout drawings", () => {
  it("draws 1+5 with the big picture as two small ones and the gap between", () => {
    const rects = layoutDrawing(presetLayout("1+5"), box);
    const small = rects[1]!;
    const big = rects[0]!;
    expect([big.x, big.y]).toEqual([0, 0]);
    expect(big.width).toBeCloseTo(small.width * 2 + 2, 1);
    expect(big.height).toBeCloseTo(small.height * 2 + 2, 1);
    expect(rects).toHaveLength(6);
  });
  it("fills the box exactly for every preset: rectangles inside it whose areas add up to the box minus the gaps", () => {
    for (const id of PRESET_IDS) {
      const layout = presetLayout(id);
      const rects = layoutDrawing(layout, box);
      expect(rects).toHaveLength(layout.cells.length);
      for (const r of rects) {
        expect(r.x).toBeGreaterThanOrEqual(0);
        expect(r.y).toBeGreaterThanOrEqual(0);
        expect(r.x + r.width).toBeLessThanOrEqual(box.width + 0.01);
        expect(r.y + r.height).toBeLessThanOrEqual(box.height + 0.01);
      }
      const right = Math.max(...rects.map((r) => r.x + r.width));
      const bottom = Math.max(...rects.map((r) => r.y + r.height));
      expect(right, id).toBeCloseTo(box.width, 1);
      expect(bottom, id).toBeCloseTo(box.height, 1);
    }
  });
  it("keeps neighbouring cells apart by the gap", () => {
    const [a, b] = layoutDrawing(presetLayout("4"), box);
    expect(b!.x - (a!.x + a!.width)).toBeCloseTo(2, 5);
  });
});
