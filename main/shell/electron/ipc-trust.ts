// Runs in Electron main. Pure: who is calling over IPC. A call is trusted only from the top frame of one of our own
// windows showing app://vigil; the window's kind then decides which methods it may call (main/core/window-capabilities).
import type { WindowKind } from "../../core/window-capabilities.js";
import { isAppUrl } from "./app-origin.js";

/** What an IPC event tells about its sender (Electron: event.sender.id, event.senderFrame). */
export type IpcSender = {
  webContentsId: number;
  /** null when the frame navigated away or was destroyed before the call arrived. */
  frame: { url: string; isTopFrame: boolean } | null;
};

export type KnownWindow = { webContentsId: number; kind: WindowKind };

export type IpcTrust = { trusted: true; kind: WindowKind } | { trusted: false; why: string };

export function checkIpcSender(sender: IpcSender, windows: Iterable<KnownWindow>): IpcTrust {
  if (!sender.frame) return { trusted: false, why: "no sender frame" };
  if (!sender.frame.isTopFrame) return { trusted: false, why: "a subframe" };
  if (!isAppUrl(sender.frame.url)) return { trusted: false, why: "not the app's origin" };
  for (const w of windows) if (w.webContentsId === sender.webContentsId) return { trusted: true, kind: w.kind };
  return { trusted: false, why: "not one of the app's windows" };
}
