// Runs in Vitest (Node). The IPC bridge against a fake ipcMain and fake windows: the sender check (top frame of one of
// our app:// windows), per-window capabilities (a program-output window cannot approve, grant or read the audit
// log), and events sent only to windows whose kind may hear them.
import { describe, expect, it } from "vitest";
import { IPC_CALL, type RpcEvent, type RpcOutcome } from "../../../contract/console-api.js";
import type { WindowKind } from "../../core/window-capabilities.js";
import type { Logger } from "../../log/logger.js";
import { bridgeConsoleApi, type BridgedWindow, type IpcInvokeEvent, type IpcMainLike } from "./ipc-bridge.js";
import { checkIpcSender } from "./ipc-trust.js";

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEvent, ...args: unknown[]) => Promise<RpcOutcome>>();
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<RpcOutcome>): void {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

class FakeCore {
  readonly calls: string[] = [];
  private listener: ((event: RpcEvent) => void) | null = null;
  async call(method: string): Promise<RpcOutcome> {
    this.calls.push(method);
    return { ok: true, result: method };
  }
  onEvent(listener: (event: RpcEvent) => void): () => void {
    this.listener = listener;
    return () => (this.listener = null);
  }
  emit(event: RpcEvent): void {
    this.listener?.(event);
  }
}

function fakeWindow(webContentsId: number, kind: WindowKind): BridgedWindow & { received: RpcEvent[] } {
  const received: RpcEvent[] = [];
  return { webContentsId, kind, received, isDestroyed: () => false, send: (_channel, event) => void received.push(event) };
}

function bridge() {
  const ipcMain = new FakeIpcMain();
  const core = new FakeCore();
  const consoleWin = fakeWindow(1, "console");
  const programWin = fakeWindow(2, "program");
  const dispose = bridgeConsoleApi({ ipcMain, core, windows: () => [consoleWin, programWin], log: quiet });
  const handler = ipcMain.handlers.get(IPC_CALL);
  if (!handler) throw new Error("no IPC handler");
  const call = (senderId: number, method: unknown, params: unknown = {}, frame: IpcInvokeEvent["senderFrame"] = { url: "app://vigil/index.html", parent: null }) =>
    handler({ sender: { id: senderId }, senderFrame: frame }, method, params);
  return { ipcMain, core, consoleWin, programWin, call, dispose };
}

describe("checkIpcSender", () => {
  const windows = [{ webContentsId: 7, kind: "program" as const }];
  it("trusts the top frame of a known app:// window, with its kind", () => {
    expect(checkIpcSender({ webContentsId: 7, frame: { url: "app://vigil/index.html?view=program&tile=0", isTopFrame: true } }, windows)).toEqual({ trusted: true, kind: "program" });
  });
  it("refuses a missing frame, a subframe, another origin and an unknown window", () => {
    expect(checkIpcSender({ webContentsId: 7, frame: null }, windows).trusted).toBe(false);
    expect(checkIpcSender({ webContentsId: 7, frame: { url: "app://vigil/index.html", isTopFrame: false } }, windows).trusted).toBe(false);
    expect(checkIpcSender({ webContentsId: 7, frame: { url: "https://evil.example/", isTopFrame: true } }, windows).trusted).toBe(false);
    expect(checkIpcSender({ webContentsId: 7, frame: { url: "app://other/index.html", isTopFrame: true } }, windows).trusted).toBe(false);
    expect(checkIpcSender({ webContentsId: 8, frame: { url: "app://vigil/index.html", isTopFrame: true } }, windows).trusted).toBe(false);
  });
});

describe("the IPC bridge", () => {
  it("refuses untrusted senders before the core sees the call", async () => {
    const { core, call } = bridge();
    expect(await call(99, "getWall")).toMatchObject({ ok: false, error: { code: "INVALID_REQUEST", message: "untrusted sender" } });
    expect(await call(1, "getWall", {}, { url: "https://evil.example/", parent: null })).toMatchObject({ ok: false });
    expect(await call(1, "getWall", {}, { url: "app://vigil/index.html", parent: {} })).toMatchObject({ ok: false });
    expect(await call(1, "getWall", {}, null)).toMatchObject({ ok: false });
    expect(core.calls).toEqual([]);
  });

  it("lets the console window call everything", async () => {
    const { core, call } = bridge();
    for (const method of ["getWall", "decideGrant", "requestGrant", "decideApplication", "queryAudit", "advanceTestClock"]) {
      expect(await call(1, method)).toEqual({ ok: true, result: method });
    }
    expect(core.calls).toHaveLength(6);
  });

  it("keeps a program-output window to its own set: no approvals, grants, applications, audit or test clock", async () => {
    const { core, call } = bridge();
    for (const method of ["decideGrant", "requestGrant", "extendGrant", "revokeGrant", "reviewGrant", "decideApplication", "submitApplication", "listApplications", "queryAudit", "advanceTestClock", "assignTile", "setLayout", "login", "logout", "openProgramOutput", "noSuchMethod"]) {
      expect(await call(2, method), method).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    // A wall stream would skip the media-use check the program output is bound by.
    expect(await call(2, "openStream", { tile: 0 })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(core.calls).toEqual([]);
    for (const method of ["getBootstrap", "getWall", "getCamera", "getAccessState", "closeStream"]) expect(await call(2, method)).toMatchObject({ ok: true });
    expect(await call(2, "openStream", { tile: 0, output: "program" })).toMatchObject({ ok: true });
  });

  it("sends each event only to the windows whose kind may hear it", () => {
    const { core, consoleWin, programWin } = bridge();
    core.emit({ event: "wallChanged", payload: {} });
    core.emit({ event: "accessRecordsChanged", payload: { kind: "grant", id: "g1" } });
    core.emit({ event: "grantWarning", payload: {} });
    expect(consoleWin.received.map((e) => e.event)).toEqual(["wallChanged", "accessRecordsChanged", "grantWarning"]);
    expect(programWin.received.map((e) => e.event)).toEqual(["wallChanged"]);
  });

  it("removes its handler and its event subscription when disposed", () => {
    const { ipcMain, core, consoleWin, dispose } = bridge();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    core.emit({ event: "wallChanged", payload: {} });
    expect(consoleWin.received).toEqual([]);
  });
});
