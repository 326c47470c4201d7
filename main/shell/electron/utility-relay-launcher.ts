// Runs in Electron main. Starts the relay as an Electron utilityProcess (no Node child of its own binary needed).
import { utilityProcess } from "electron";
import type { RelayLauncher } from "../../media/relay-process.js";

export function utilityRelayLauncher(entry: string): RelayLauncher {
  return (env) => {
    const child = utilityProcess.fork(entry, [], {
      env: { ...process.env, ...env },
      serviceName: "Vigil relay",
      stdio: "inherit",
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on("message", listener),
      onExit: (listener) => child.on("exit", (code) => listener(code, null)),
      kill: () => {
        child.kill();
      },
    };
  };
}
