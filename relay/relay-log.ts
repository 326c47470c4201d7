// Runs in the relay. One logging shape for every relay part; relay-main routes it to stderr and to main.
export type RelayLogLevel = "info" | "warn" | "error";
export type RelayLog = (level: RelayLogLevel, message: string, channel?: string) => void;

/** For tests and tools: stderr only. */
export const stderrLog: RelayLog = (level, message, channel) => {
  process.stderr.write(`[relay] ${level}${channel ? ` ${channel}` : ""}: ${message}\n`);
};
