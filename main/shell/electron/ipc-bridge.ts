// Runs in Electron main. Carries the ConsoleApi over IPC: one invoke channel for calls, one event channel.
// Only frames of our own app:// origin in our own windows may call.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from "electron";
import { IPC_CALL, IPC_EVENT } from "../../../contract/console-api.js";
import type { ConsoleCore } from "../../core/console-core.js";
import type { Logger } from "../../log/logger.js";
import { isAppUrl } from "./web-contents-guard.js";

export function bridgeConsoleApi(core: ConsoleCore, windows: () => BrowserWindow[], log: Logger): () => void {
  const trusted = (event: IpcMainInvokeEvent) =>
    !!event.senderFrame && isAppUrl(event.senderFrame.url) && windows().some((w) => w.webContents.id === event.sender.id);

  ipcMain.handle(IPC_CALL, async (event, method: unknown, params: unknown) => {
    if (!trusted(event)) {
      log.warn("refused an IPC call from an untrusted sender", { url: event.senderFrame?.url });
      return { ok: false, error: { code: "INVALID_REQUEST", message: "untrusted sender" } };
    }
    if (typeof method !== "string") return { ok: false, error: { code: "INVALID_REQUEST", message: "method must be a string" } };
    return core.call(method, params);
  });
  const unsubscribe = core.onEvent((event) => {
    for (const win of windows()) if (!win.isDestroyed()) win.webContents.send(IPC_EVENT, event);
  });
  return () => {
    ipcMain.removeHandler(IPC_CALL);
    unsubscribe();
  };
}
