// Runs in the renderer. The one place the renderer reaches main through: every ConsoleApi call and event subscription
// of every feature goes through these two functions; only this file asks bridge/ for the link (Electron's preload
// or the web shell's socket), so a feature never depends on how the link is made.
import type { ConsoleApi } from "../../../contract/console-api.js";
import type { ConnectionMonitor } from "../bridge/connection.js";
import { consoleLink } from "../bridge/console-api.js";

export function consoleApi(): ConsoleApi {
  return consoleLink().api;
}

/** How the link is doing (the web shell's socket reconnects; Electron's IPC is always open). */
export function consoleConnection(): ConnectionMonitor {
  return consoleLink().connection;
}
