// Runs in the Electron preload (sandboxed). Exposes exactly the typed ConsoleApi as window.vigil — never ipcRenderer.
import { contextBridge, ipcRenderer } from "electron";
import { IPC_CALL, IPC_EVENT, type RpcEvent, type RpcResponse } from "../contract/console-api.js";
import { createConsoleClient } from "../contract/console-client.js";

const api = createConsoleClient({
  call: (method, params) => ipcRenderer.invoke(IPC_CALL, method, params) as Promise<RpcResponse>,
  subscribe: (listener) => {
    const handler = (_event: Electron.IpcRendererEvent, message: RpcEvent) => listener(message);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT, handler);
  },
});

contextBridge.exposeInMainWorld("vigil", api);
