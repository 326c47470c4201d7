import { describe, expect, it } from "vitest";
import { endHintKey, endRefKey, endTitleKey, streamEndHits } from "./stream-end.js";

const CAM = "52030200001320001000";
const OTHER = "52030200001320009999";

describe("streamEndHits", () => {
  const ev = (sessionId: string, tile = 2, cameraId = CAM, wall = 1) => ({ sessionId, wall, tile, cameraId });
  it("hits a playing tile only through its own session", () => {
    const v = { wall: 1, tile: 2, cameraId: CAM, current: "s2", known: ["s1", "s2"], opening: false };
    expect(streamEndHits(ev("s2"), v)).toBe(true);
    expect(streamEndHits(ev("s1"), v)).toBe(false); // stale: the tile already plays a newer session
    expect(streamEndHits(ev("s9"), v)).toBe(false); // another window's session on the same tile
  });
  it("hits a tile between sessions through a session it held", () => {
    expect(streamEndHits(ev("s1", 7), { wall: 1, tile: 2, cameraId: CAM, current: null, known: ["s1"], opening: false })).toBe(true);
  });
  it("hits a tile whose ticket is on its way by tile and camera", () => {
    const v = { wall: 1, tile: 2, cameraId: CAM, current: null, known: [], opening: true };
    expect(streamEndHits(ev("s5"), v)).toBe(true);
    expect(streamEndHits(ev("s5", 3), v)).toBe(false);
    // The same tile of another wall window is another tile.
    expect(streamEndHits(ev("s5", 2, CAM, 2), v)).toBe(false);
  });
  it("leaves a tile waiting to retry alone when the session is not one of its own", () => {
    // e.g. the program output's session on the same tile ended; this tile is stalled and asks again later.
    expect(streamEndHits(ev("p1"), { wall: 1, tile: 2, cameraId: CAM, current: null, known: ["s1"], opening: false })).toBe(false);
  });
  it("never hits another camera", () => {
    expect(streamEndHits(ev("s1", 2, OTHER), { wall: 1, tile: 2, cameraId: CAM, current: "s1", known: ["s1"], opening: false })).toBe(false);
    expect(streamEndHits(ev("s1", 2, OTHER), { wall: 1, tile: 2, cameraId: CAM, current: null, known: [], opening: true })).toBe(false);
  });
});

describe("end messages", () => {
  it("name the reason, what to do, and the record", () => {
    expect(endTitleKey("expired")).toBe("tile.ended.expired");
    expect(endHintKey("access-lost")).toBe("tile.ended.hint.access-lost");
    expect(endRefKey("APPLICATION")).toBe("tile.ended.refApplication");
    expect(endRefKey("GRANT")).toBe("tile.ended.refGrant");
    expect(endRefKey(null)).toBe("tile.ended.refGrant");
  });
});
