import { describe, expect, it } from "vitest";
import { consoleMethods, ConsoleApiError } from "./console-api.js";
import { apiErrorCode } from "./console-client.js";
import { CameraSchema } from "./camera.js";
import { buildDemoCatalog } from "../main/catalog/demo-catalog.js";

describe("ConsoleApi schemas", () => {
  it("accept well-formed calls", () => {
    expect(consoleMethods.assignTile.params.parse({ tile: 3, cameraId: "52030200011326000001" })).toBeTruthy();
    expect(consoleMethods.setLayout.params.parse({ layout: 16 })).toEqual({ layout: 16 });
  });

  it("reject malformed calls", () => {
    const bad = [
      () => consoleMethods.setLayout.params.parse({ layout: 5 }),
      () => consoleMethods.assignTile.params.parse({ tile: 16, cameraId: "52030200011326000001" }),
      () => consoleMethods.assignTile.params.parse({ tile: 0, cameraId: "5203" }),
      () => consoleMethods.assignTile.params.parse({ tile: 0.5, cameraId: "52030200011326000001" }),
      () => consoleMethods.clearTile.params.parse({ tile: 0, extra: true }),
    ];
    for (const call of bad) expect(call).toThrow();
  });

  it("keeps an error's code through a message-only hop (Electron contextBridge)", () => {
    const err = new ConsoleApiError("CAMERA_OFFLINE", "camera x is offline");
    expect(apiErrorCode(err)).toBe("CAMERA_OFFLINE");
    expect(apiErrorCode(new Error(err.message))).toBe("CAMERA_OFFLINE");
    expect(apiErrorCode(new Error("boom"))).toBe("INTERNAL");
  });
});

describe("demo catalog", () => {
  const cameras = buildDemoCatalog();
  it("holds about 200 valid cameras with unique GB ids", () => {
    expect(cameras.length).toBeGreaterThanOrEqual(180);
    expect(cameras.length).toBeLessThanOrEqual(240);
    for (const cam of cameras) CameraSchema.parse(cam);
    expect(new Set(cameras.map((c) => c.id)).size).toBe(cameras.length);
  });
  it("covers the 15 divisions, every domain and sharing class, with some cameras offline", () => {
    expect(new Set(cameras.map((c) => c.civilCode)).size).toBe(15);
    expect(new Set(cameras.map((c) => c.domain)).size).toBe(8);
    expect(new Set(cameras.map((c) => c.sharingClass))).toEqual(new Set(["UNCONDITIONAL", "CONDITIONAL", "NOT_SHARED"]));
    const offline = cameras.filter((c) => !c.online).length;
    expect(offline).toBeGreaterThan(0);
    expect(offline).toBeLessThan(cameras.length * 0.2);
  });
  it("is the same on every run", () => {
    expect(buildDemoCatalog()).toEqual(cameras);
  });
  it("encodes type 132 (IPC) and the camera's civil code in each id", () => {
    for (const cam of cameras) {
      expect(cam.id.slice(0, 6)).toBe(cam.civilCode);
      expect(cam.id.slice(10, 13)).toBe("132");
    }
  });
});
