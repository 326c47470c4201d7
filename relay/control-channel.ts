// Runs in the relay. The IPC link to main: Electron utilityProcess (process.parentPort) or a Node
// fork (process.send). Every incoming message is validated; the relay exits when main goes away.
import { MainToRelaySchema, type MainToRelay, type RelayToMain } from "../contract/relay-control.js";

export interface ControlChannel {
  readonly kind: "electron-utility" | "node-fork";
  send(message: RelayToMain): void;
  onMessage(handler: (message: MainToRelay) => void): void;
}

/** The parts of Electron's `process.parentPort` used here (the relay bundle does not import electron). */
interface ParentPortLike {
  on(event: "message", listener: (event: { data: unknown }) => void): unknown;
  on(event: "close", listener: () => void): unknown;
  postMessage(message: unknown): void;
}

function electronParentPort(): ParentPortLike | null {
  const port: unknown = (process as unknown as { parentPort?: unknown }).parentPort;
  if (typeof port !== "object" || port === null) return null;
  const candidate = port as Partial<ParentPortLike>;
  return typeof candidate.on === "function" && typeof candidate.postMessage === "function" ? (port as ParentPortLike) : null;
}

export interface ControlChannelOptions {
  /** Invalid messages are reported back to main and otherwise ignored. */
  onInvalid: (problem: string) => void;
  /** Main is gone: the relay must not outlive it. */
  onDisconnect: () => void;
}

/** Returns null when the relay was not started by main (no IPC channel at all). */
export function openControlChannel(options: ControlChannelOptions): ControlChannel | null {
  const handlers: Array<(message: MainToRelay) => void> = [];
  const dispatch = (raw: unknown): void => {
    const parsed = MainToRelaySchema.safeParse(raw);
    if (!parsed.success) {
      const type = typeof raw === "object" && raw !== null && "type" in raw ? String((raw as { type: unknown }).type) : typeof raw;
      options.onInvalid(`invalid control message (${type}): ${parsed.error.issues.map((i) => `${i.path.join(".") || "message"}: ${i.message}`).join("; ")}`);
      return;
    }
    for (const handler of handlers) handler(parsed.data);
  };

  const port = electronParentPort();
  if (port) {
    port.on("message", (event) => dispatch(event.data));
    // Electron ends utility processes with the app; "close" covers a port closed earlier.
    port.on("close", options.onDisconnect);
    return {
      kind: "electron-utility",
      send: (message) => port.postMessage(message),
      onMessage: (handler) => void handlers.push(handler),
    };
  }

  if (typeof process.send === "function") {
    process.on("message", dispatch);
    process.on("disconnect", options.onDisconnect);
    return {
      kind: "node-fork",
      send: (message) => {
        if (!process.connected || !process.send) return;
        try {
          process.send(message);
        } catch {
          // Channel closed between the check and the send; "disconnect" handles the exit.
        }
      },
      onMessage: (handler) => void handlers.push(handler),
    };
  }
  return null;
}
