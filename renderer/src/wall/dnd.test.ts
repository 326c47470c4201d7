import { describe, expect, it } from "vitest";
import { readDrop, setCameraDrag, setTileDrag } from "./dnd.js";

/** The part of DataTransfer the wall uses, as another window's drag would hand it over. */
function fakeTransfer(): DataTransfer {
  const data = new Map<string, string>();
  return {
    setData: (type: string, value: string) => void data.set(type, value),
    getData: (type: string) => data.get(type) ?? "",
    get types() {
      return [...data.keys()];
    },
    effectAllowed: "none",
    dropEffect: "none",
  } as unknown as DataTransfer;
}

describe("wall drag payloads", () => {
  it("a tile's drag names its wall, so another wall window can take it", () => {
    const dt = fakeTransfer();
    setTileDrag(dt, 2, 13);
    expect(readDrop(dt)).toEqual({ kind: "tile", wall: 2, tile: 13 });
  });

  it("ignores malformed tile payloads from other pages", () => {
    const dt = fakeTransfer();
    dt.setData("application/x-vigil-tile", "9:1");
    expect(readDrop(dt)).toBeNull();
    dt.setData("application/x-vigil-tile", "1:999");
    expect(readDrop(dt)).toBeNull();
  });

  it("still carries cameras", () => {
    const dt = fakeTransfer();
    setCameraDrag(dt, "52030200001320000001");
    expect(readDrop(dt)).toEqual({ kind: "camera", cameraId: "52030200001320000001" });
  });
});
