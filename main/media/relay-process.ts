// Runs in main. How a relay child is started: a Node child (web shell) or an Electron utilityProcess.
// The supervisor only sees this interface.
import { fork } from "node:child_process";
import type { MainToRelay } from "../../contract/relay-control.js";

export interface RelayProcess {
  readonly pid: number | undefined;
  send(message: MainToRelay): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** The process could not be started, signalled or written to; its exit (if it ran) is reported through onExit. */
  onError(listener: (err: Error) => void): void;
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
        // The relay may have died a moment before its exit event arrives: the write then fails (EPIPE). Without the
        // callback that failure is an 'error' event, and an unhandled one would take main down with the relay. Nothing
        // is lost: the supervisor restarts the relay and replays its sources and revocations.
        if (child.connected) child.send(message, (err) => void err);
      },
      onMessage: (listener) => child.on("message", listener),
      onError: (listener) => child.on("error", listener),
      onExit: (listener) => child.on("exit", (code, signal) => listener(code, signal)),
      kill: () => {
        child.kill("SIGKILL");
      },
    };
  };
}
