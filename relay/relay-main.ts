// Runs in the relay process (Electron utilityProcess or Node child of main). Composition root:
// config from env, hub + server, control channel to main, stats every second.
import type { MainToRelay, RelayToMain } from "../contract/relay-control.js";
import { openControlChannel, type ControlChannel } from "./control-channel.js";
import { readRelayConfig, type RelayConfig } from "./relay-config.js";
import type { RelayLog } from "./relay-log.js";
import { createRelayApp } from "./relay-app.js";

const STATS_INTERVAL_MS = 1000;

function fatal(message: string): never {
  process.stderr.write(`[relay] fatal: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: RelayConfig;
  try {
    config = readRelayConfig(process.env);
  } catch (err) {
    fatal(err instanceof Error ? err.message : String(err));
  }

  let control: ControlChannel | null = null;
  const send = (message: RelayToMain): void => control?.send(message);
  // Main writes what the relay reports into its own log; only what happens before the channel is up goes to stderr.
  const log: RelayLog = (level, message, channel) => {
    if (!control) process.stderr.write(`[relay] ${level}${channel ? ` ${channel}` : ""}: ${message}\n`);
    send(channel ? { type: "log", level, message, channel } : { type: "log", level, message });
  };

  const app = createRelayApp({ tokenKey: config.tokenKey, mediaRoot: config.mediaRoot, tuning: config.tuning, log });
  const { hub, server: relay } = app;

  let shuttingDown = false;
  const shutdown = (why: string): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    process.stderr.write(`[relay] exiting: ${why}\n`);
    hub.close();
    void relay.close().finally(() => process.exit(0));
    // Never hang on a stuck socket.
    setTimeout(() => process.exit(0), 1000).unref();
  };

  control = openControlChannel({
    onInvalid: (problem) => log("warn", problem),
    onDisconnect: () => shutdown("main disconnected"),
  });
  if (!control) fatal("no IPC channel to main: start the relay with child_process.fork or Electron utilityProcess");
  control.onMessage((message) => handle(message));
  // Tell main why before dying; its supervisor restarts the relay.
  process.on("uncaughtException", (err) => {
    log("error", `relay crashed: ${err.stack ?? err.message}`);
    process.exit(1);
  });
  process.on("unhandledRejection", (reason) => {
    log("error", `relay crashed (unhandled rejection): ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
    process.exit(1);
  });
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));

  function handle(message: MainToRelay): void {
    switch (message.type) {
      case "ping":
        send({ type: "pong", seq: message.seq });
        return;
      case "ensureSource":
        try {
          app.ensureSource(message.channel, message.source);
        } catch (err) {
          log("error", `source refused: ${err instanceof Error ? err.message : String(err)}`, message.channel);
        }
        return;
      case "releaseSource":
        if (!hub.releaseSource(message.channel)) log("warn", "releaseSource for an unknown channel", message.channel);
        return;
      case "revokeSession": {
        const closed = hub.revokeSession(message.session);
        log("info", `session revoked: ${closed} viewer(s) closed`);
        return;
      }
      case "extendSession": {
        const moved = hub.extendSession(message.session, message.deadline);
        log("info", `session extended to ${new Date(message.deadline).toISOString()}: ${moved} viewer(s)`);
        return;
      }
      case "revokeChannel": {
        const closed = hub.revokeChannel(message.channel);
        log("info", `channel revoked: ${closed} viewer(s) closed`, message.channel);
        return;
      }
      case "revokeGrant": {
        const closed = hub.revokeGrant(message.grant);
        log("info", `grant revoked: ${closed} viewer(s) closed`);
        return;
      }
    }
  }

  let port: number;
  try {
    port = await relay.listen(config.port);
  } catch (err) {
    fatal(`cannot listen on 127.0.0.1:${config.port}: ${err instanceof Error ? err.message : String(err)}`);
  }
  log("info", `listening on 127.0.0.1:${port} (${control.kind})`);
  send({ type: "ready", port });

  // Stats while streams exist, plus one empty report when the last one goes.
  let lastCount = 0;
  setInterval(() => {
    const streams = hub.stats();
    if (streams.length > 0 || lastCount > 0) send({ type: "stats", streams });
    lastCount = streams.length;
  }, STATS_INTERVAL_MS);
}

void main();
