// Runs in Vitest (Node). Every window is made hardened; DevTools exist only in development, never when packaged.
import { describe, expect, it } from "vitest";
import { windowOptions, windowUrl } from "./window-options.js";

describe("windowOptions", () => {
  for (const spec of [{ kind: "console" } as const, { kind: "program", tile: 2 } as const]) {
    it(`${spec.kind}: isolated, sandboxed, no Node, no webviews`, () => {
      expect(windowOptions(spec, { preload: "/app/dist/preload/preload.cjs", packaged: true }).webPreferences).toMatchObject({
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
    it(`${spec.kind}: DevTools off when packaged, on in development`, () => {
      expect(windowOptions(spec, { preload: "p", packaged: true }).webPreferences?.devTools).toBe(false);
      expect(windowOptions(spec, { preload: "p", packaged: false }).webPreferences?.devTools).toBe(true);
    });
  }

  it("makes the program output full screen and names its tile", () => {
    expect(windowOptions({ kind: "program", tile: 2 }, { preload: "p", packaged: true })).toMatchObject({ fullscreen: true, title: "Vigil — program 3" });
    expect(windowOptions({ kind: "console" }, { preload: "p", packaged: true })).toMatchObject({ fullscreen: false, title: "Vigil" });
  });
});

describe("windowUrl", () => {
  it("serves both kinds from app://vigil", () => {
    expect(windowUrl({ kind: "console" })).toBe("app://vigil/index.html");
    expect(windowUrl({ kind: "program", tile: 2 })).toBe("app://vigil/index.html?view=program&tile=2");
  });
});
