// Runs in Electron main. Pure: how each kind of window is made — the hardened webPreferences every window shares
// (DevTools off in a packaged app), and the page it loads.
import type { BrowserWindowConstructorOptions } from "electron";
import { APP_ORIGIN } from "./app-origin.js";

/** The console window, or a program-output window (one tile, clean and full screen, for media live coverage). */
export type WindowSpec = { kind: "console" } | { kind: "program"; tile: number };

export function windowOptions(spec: WindowSpec, env: { preload: string; packaged: boolean }): BrowserWindowConstructorOptions {
  const program = spec.kind === "program";
  return {
    width: program ? 1280 : 1600,
    height: program ? 720 : 900,
    backgroundColor: program ? "#000000" : "#0b0f14",
    title: program ? `Vigil — program ${spec.tile + 1}` : "Vigil",
    fullscreen: program,
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
  return spec.kind === "program" ? `${APP_ORIGIN}/index.html?view=program&tile=${spec.tile}` : `${APP_ORIGIN}/index.html`;
}
