// Runs in Electron main. Carries the ConsoleApi over IPC: one invoke channel for calls, one event channel. Only the
// top frame of our own app:// windows may call, and each window only what its kind allows (a program-output window
// never reaches approvals, grants or the audit log); events go to the windows whose kind may hear them. Written
// against the Electron members it uses, so Vitest checks it with fakes.
import { IPC_CALL, IPC_EVENT, type RpcEvent, type RpcOutcome } from "../../../contract/console-api.js";
import type { ConsoleCore } from "../../core/console-core.js";
import { capabilityRefusal, mayReceive } from "../../core/window-capabilities.js";
import type { Logger } from "../../log/logger.js";
import { checkIpcSender, type KnownWindow } from "./ipc-trust.js";

/** What an invoke event carries (Electron's IpcMainInvokeEvent). */
export type IpcInvokeEvent = {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
};

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<RpcOutcome>): void;
  removeHandler(channel: string): void;
}

/** One of our windows, as the bridge sees it. */
export type BridgedWindow = KnownWindow & {
  isDestroyed(): boolean;
  /** webContents.send on the event channel. */
  send(channel: typeof IPC_EVENT, event: RpcEvent): void;
};

export function bridgeConsoleApi(deps: {
  ipcMain: IpcMainLike;
  core: Pick<ConsoleCore, "call" | "onEvent">;
  windows: () => Iterable<BridgedWindow>;
  log: Logger;
}): () => void {
  const { ipcMain, core, log } = deps;
  ipcMain.handle(IPC_CALL, async (event, method, params): Promise<RpcOutcome> => {
    const frame = event.senderFrame;
    const trust = checkIpcSender(
      { webContentsId: event.sender.id, frame: frame ? { url: frame.url, isTopFrame: frame.parent === null } : null },
      deps.windows(),
    );
    if (!trust.trusted) {
      log.warn("refused an IPC call from an untrusted sender", { url: frame?.url, why: trust.why });
      return { ok: false, error: { code: "INVALID_REQUEST", message: "untrusted sender" } };
    }
    if (typeof method !== "string") return { ok: false, error: { code: "INVALID_REQUEST", message: "method must be a string" } };
    const refusal = capabilityRefusal(trust.kind, method, params);
    if (refusal) {
      log.warn(`refused ${method} from a ${trust.kind} window`);
      return { ok: false, error: refusal };
    }
    return core.call(method, params);
  });
  const unsubscribe = core.onEvent((event) => {
    for (const win of deps.windows()) if (!win.isDestroyed() && mayReceive(win.kind, event.event)) win.send(IPC_EVENT, event);
  });
  return () => {
    ipcMain.removeHandler(IPC_CALL);
    unsubscribe();
  };
}
