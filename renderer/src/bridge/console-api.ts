// Runs in the renderer. The one place that finds the ConsoleApi: Electron's preload (window.vigil) or the web bridge.
import type { ConsoleApi } from "../../../contract/console-api.js";
import { alwaysOpen, type ConnectionMonitor } from "./connection.js";
import { apiSocketUrl, createWebBridge } from "./web-bridge.js";

declare global {
  interface Window {
    vigil?: ConsoleApi;
  }
}

export type ConsoleLink = { api: ConsoleApi; connection: ConnectionMonitor };

let link: ConsoleLink | null = null;

export function consoleLink(): ConsoleLink {
  if (link) return link;
  if (window.vigil) {
    link = { api: window.vigil, connection: alwaysOpen };
  } else {
    link = createWebBridge(apiSocketUrl(window.location));
    window.vigil = link.api;
  }
  return link;
}
