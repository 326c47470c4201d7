import { describe, expect, it } from "vitest";
import { recordEnd, recordedEnd } from "./tile-ends.js";

const A = "52030200001320000001";
const B = "52030200001320000002";

describe("tile ends", () => {
  it("remember an end for the tile's camera until forgotten", () => {
    recordEnd("wall", 1, A, { reason: "expired", refId: "G-1" });
    expect(recordedEnd("wall", 1, A)).toEqual({ reason: "expired", refId: "G-1" });
    expect(recordedEnd("program", 1, A)).toBeNull();
    recordEnd("wall", 1, A, null);
    expect(recordedEnd("wall", 1, A)).toBeNull();
  });
  it("drop the end when the tile gets another camera (or none)", () => {
    recordEnd("wall", 2, A, { reason: "revoked", refId: null });
    expect(recordedEnd("wall", 2, B)).toBeNull();
    expect(recordedEnd("wall", 2, A)).toBeNull();
    recordEnd("wall", 3, A, { reason: "revoked", refId: null });
    expect(recordedEnd("wall", 3, null)).toBeNull();
    expect(recordedEnd("wall", 3, A)).toBeNull();
  });
});
