import { describe, expect, it } from "vitest";
import { PlatformCameraSchema } from "../../contract/platform-api.js";
import { buildDemoCatalog } from "./demo-catalog.js";

const now = new Date("2026-11-25T08:00:00Z");

describe("demo catalog", () => {
  const cameras = buildDemoCatalog({ now });
  it("holds about 200 valid cameras with unique GB ids", () => {
    expect(cameras.length).toBeGreaterThanOrEqual(180);
    expect(cameras.length).toBeLessThanOrEqual(240);
    for (const cam of cameras) PlatformCameraSchema.parse(cam);
    expect(new Set(cameras.map((c) => c.id)).size).toBe(cameras.length);
  });
  it("covers the 15 divisions, every domain and sharing class, with some cameras offline", () => {
    expect(new Set(cameras.map((c) => c.civilCode.slice(0, 6))).size).toBe(15);
    expect(new Set(cameras.map((c) => c.domain)).size).toBe(8);
    expect(new Set(cameras.map((c) => c.sharingClass))).toEqual(new Set(["UNCONDITIONAL", "CONDITIONAL", "NOT_SHARED"]));
    const offline = cameras.filter((c) => c.status === "OFFLINE").length;
    expect(offline).toBeGreaterThan(0);
    expect(offline).toBeLessThan(cameras.length * 0.2);
  });
  it("is the same on every run", () => {
    expect(buildDemoCatalog({ now })).toEqual(cameras);
  });
  it("encodes a camera type (131 camera / 132 IPC) and the camera's civil code in each id", () => {
    for (const cam of cameras) {
      expect(cam.id.slice(0, 6)).toBe(cam.civilCode.slice(0, 6));
      expect(["131", "132"]).toContain(cam.id.slice(10, 13));
    }
  });
});
