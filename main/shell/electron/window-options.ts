// Runs in Electron main. Pure: how each kind of window is made — the hardened webPreferences every window shares
// (DevTools off in a packaged app), and the page it loads.
import type { BrowserWindowConstructorOptions } from "electron";
import { APP_ORIGIN } from "./app-origin.js";

/**
 * The console window (wall 1 with the catalog), another wall window (wall N, for another display), or a
 * program-output window (one tile, clean and full screen, for media live coverage).
 */
export type WindowSpec = { kind: "console"; wall?: number } | { kind: "program"; wall: number; tile: number };

/** Where a wall window opens (display-placement.ts): bounds in screen coordinates, on the display they lie on. */
export type WindowAt = { bounds: { x: number; y: number; width: number; height: number }; fullscreen: boolean };

export function windowOptions(spec: WindowSpec, env: { preload: string; packaged: boolean }, at?: WindowAt): BrowserWindowConstructorOptions {
  const program = spec.kind === "program";
  return {
    width: program ? 1280 : 1600,
    height: program ? 720 : 900,
    ...(at ? { ...at.bounds } : {}),
    backgroundColor: program ? "#000000" : "#0b0f14",
    title: program ? `Vigil — program ${spec.wall}-${spec.tile + 1}` : spec.wall && spec.wall > 1 ? `Vigil — wall ${spec.wall}` : "Vigil",
    fullscreen: program || (at?.fullscreen ?? false),
    autoHideMenuBar: program,
    show: false,
    webPreferences: {
      preload: env.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // An operator's workstation is no place for a console into the page: DevTools only in development.
      devTools: !env.packaged,

    },
  };
}

export function windowUrl(spec: WindowSpec): string {
  if (spec.kind === "program") return `${APP_ORIGIN}/index.html?view=program&wall=${spec.wall}&tile=${spec.tile}`;
  return spec.wall && spec.wall > 1 ? `${APP_ORIGIN}/index.html?wall=${spec.wall}` : `${APP_ORIGIN}/index.html`;
}
