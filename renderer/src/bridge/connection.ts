// Runs in the renderer. How the renderer's link to the core is doing (the web shell's socket; always "open" under Electron).
export type ConnectionState =
  | { status: "connecting"; attempt: number }
  | { status: "open"; /** Increments on every (re)connect, so listeners can refetch what they missed. */ generation: number }
  | { status: "reconnecting"; attempt: number; retryInMs: number };

export type ConnectionMonitor = {
  current(): ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): () => void;
};

export const alwaysOpen: ConnectionMonitor = {
  current: () => ({ status: "open", generation: 1 }),
  subscribe: () => () => {},
};
