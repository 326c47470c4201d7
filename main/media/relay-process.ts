// Runs in main. How a relay child is started: a Node child (web shell) or an Electron utilityProcess.
// The supervisor only sees this interface.
import { fork } from "node:child_process";
import type { MainToRelay } from "../../contract/relay-control.js";

export interface RelayProcess {
  readonly pid: number | undefined;
  send(message: MainToRelay): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
}

export type RelayLauncher = (env: Record<string, string>) => RelayProcess;

/** Starts the bundled relay (dist/relay/relay-main.cjs) as a Node child with an IPC channel. */
export function nodeRelayLauncher(entry: string): RelayLauncher {
  return (env) => {
    const child = fork(entry, [], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "json",
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on("message", listener),
      onExit: (listener) => child.on("exit", (code, signal) => listener(code, signal)),
      kill: () => {
        child.kill("SIGKILL");
      },
    };
  };
}
