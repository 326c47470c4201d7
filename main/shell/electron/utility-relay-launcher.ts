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
      send: (message) => {
        // A relay that just died: the message is moot (the supervisor replays its state to the restarted relay).
        try {
          child.postMessage(message);
        } catch {
          /* reported through the exit event */
        }
      },
      onMessage: (listener) => child.on("message", listener),
      onExit: (listener) => child.on("exit", (code) => listener(code, null)),
      // A utility process reports failures through its exit event (and "error" for fatal V8 errors, then exit).
      onError: (listener) => child.on("error", (type, location) => listener(new Error(`${type} at ${location}`))),
      kill: () => {
        child.kill();
      },
    };
  };
}
