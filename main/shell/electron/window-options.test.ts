// Runs in Vitest (Node). Every window is made hardened; DevTools exist only in development, never when packaged.
import { describe, expect, it } from "vitest";
import { windowOptions, windowUrl } from "./window-options.js";

describe("windowOptions", () => {
  for (const spec of [{ kind: "console" } as const, { kind: "console", wall: 3 } as const, { kind: "program", wall: 1, tile: 2 } as const]) {
    const label = `${spec.kind}${"wall" in spec ? ` (wall ${spec.wall})` : ""}`;
    it(`${label}: isolated, sandboxed, no Node, no webviews`, () => {
      const at = { bounds: { x: 1920, y: 0, width: 1920, height: 1080 }, fullscreen: true };
      expect(windowOptions(spec, { preload: "/app/dist/preload/preload.cjs", packaged: true }, at).webPreferences).toMatchObject({
        preload: "/app/dist/preload/preload.cjs",
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      });
    });
    it(`${label}: DevTools off when packaged, on in development`, () => {
      expect(windowOptions(spec, { preload: "p", packaged: true }).webPreferences?.devTools).toBe(false);
      expect(windowOptions(spec, { preload: "p", packaged: false }).webPreferences?.devTools).toBe(true);
    });
  }

  it("makes the program output full screen and names its tile", () => {
    expect(windowOptions({ kind: "program", wall: 1, tile: 2 }, { preload: "p", packaged: true })).toMatchObject({ fullscreen: true, title: "Vigil — program 1-3" });
    expect(windowOptions({ kind: "console" }, { preload: "p", packaged: true })).toMatchObject({ fullscreen: false, title: "Vigil" });
  });

  it("opens a wall window where its display placement says, named by its wall", () => {
    const at = { bounds: { x: 1920, y: 40, width: 1280, height: 720 }, fullscreen: true };
    expect(windowOptions({ kind: "console", wall: 2 }, { preload: "p", packaged: true }, at)).toMatchObject({
      x: 1920,
      y: 40,
      width: 1280,
      height: 720,
      fullscreen: true,
      title: "Vigil — wall 2",
    });
  });
});

describe("windowUrl", () => {
  it("serves both kinds from app://vigil", () => {
    expect(windowUrl({ kind: "console" })).toBe("app://vigil/index.html");
    expect(windowUrl({ kind: "console", wall: 1 })).toBe("app://vigil/index.html");
    expect(windowUrl({ kind: "console", wall: 4 })).toBe("app://vigil/index.html?wall=4");
    expect(windowUrl({ kind: "program", wall: 1, tile: 2 })).toBe("app://vigil/index.html?view=program&wall=1&tile=2");
  });
});
