import { describe, expect, it } from "vitest";
import { consoleMethods, ConsoleApiError } from "./console-api.js";
import { presetLayout } from "./wall-layout.js";
import { apiErrorCode } from "./console-client.js";

describe("ConsoleApi schemas", () => {
  it("accept well-formed calls", () => {
    expect(consoleMethods.assignTile.params.parse({ tile: 3, cameraId: "52030200011326000001" })).toBeTruthy();
    const layout = presetLayout("1+5");
    expect(consoleMethods.setLayout.params.parse({ wall: 2, layout, layoutRef: "preset:1+5" })).toEqual({ wall: 2, layout, layoutRef: "preset:1+5" });
  });

  it("reject malformed calls", () => {
    const bad = [
      () => consoleMethods.setLayout.params.parse({ layout: 5 }),
      () => consoleMethods.setLayout.params.parse({ layout: { rows: 9, cols: 9, cells: [{ row: 0, col: 0, rowSpan: 9, colSpan: 9 }] } }),
      () => consoleMethods.setLayout.params.parse({ layout: { rows: 2, cols: 2, cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 2 }] } }),
      () => consoleMethods.setLayout.params.parse({ wall: 9, layout: presetLayout("4") }),
      () => consoleMethods.assignTile.params.parse({ tile: 64, cameraId: "52030200011326000001" }),
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
