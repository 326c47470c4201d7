// Runs in main. Keeps the relay process alive: starts it on 127.0.0.1 with a port chosen at start, checks it
// with pings, restarts it with backoff when it dies or stops answering, and replays registered sources after a restart.
import {
  RelayToMainSchema,
  RELAY_ENV,
  type MainToRelay,
  type SourceSpec,
  type StreamStats,
} from "../../contract/relay-control.js";
import { RevokedSessions } from "../../contract/revoked-sessions.js";
import type { RelayStatus } from "../../contract/console-api.js";
import type { Logger } from "../log/logger.js";
import type { RelayLauncher, RelayProcess } from "./relay-process.js";
import { RELAY_RESTART_BACKOFF, backoffDelayMs } from "../retry/backoff.js";

export type RelaySupervisorOptions = {
  launcher: RelayLauncher;
  port: number;
  tokenKey: Buffer;
  mediaRoot: string;
  log: Logger;
  pingIntervalMs?: number;
  /** No pong for this long → the relay is considered hung and is killed. */
  pingTimeoutMs?: number;
  readyTimeoutMs?: number;
};

export class RelaySupervisor {
  private child: RelayProcess | null = null;
  private status: RelayStatus = { state: "starting", restarts: 0, lastError: null };
  private readonly sources = new Map<string, SourceSpec>();
  /** Replayed to a restarted relay. */
  private readonly revoked = new RevokedSessions();
  private readonly statusListeners = new Set<(s: RelayStatus) => void>();
  private readonly statsListeners = new Set<(streams: StreamStats[]) => void>();
  private latestStats: StreamStats[] = [];
  private pingTimer: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private readyTimer: NodeJS.Timeout | null = null;
  private lastPong = 0;
  private pingSeq = 0;
  private consecutiveFailures = 0;
  private upSince = 0;
  private stopping = false;
  private firstReady: { resolve: () => void; reject: (e: Error) => void } | null = null;

  constructor(private readonly opts: RelaySupervisorOptions) {}

  get port(): number {
    return this.opts.port;
  }
  get currentStatus(): RelayStatus {
    return this.status;
  }
  get stats(): StreamStats[] {
    return this.latestStats;
  }
  get pid(): number | undefined {
    return this.child?.pid;
  }

  onStatus(listener: (s: RelayStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onStats(listener: (streams: StreamStats[]) => void): () => void {
    this.statsListeners.add(listener);
    return () => this.statsListeners.delete(listener);
  }

  /** Starts the relay; resolves once it listens (or rejects if the first start fails). Later crashes restart it. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.firstReady = { resolve, reject };
      this.spawn();
    });
  }

  ensureSource(channel: string, source: SourceSpec): void {
    const known = this.sources.get(channel);
    if (known && JSON.stringify(known) === JSON.stringify(source)) return;
    this.sources.set(channel, source);
    this.send({ type: "ensureSource", channel, source });
  }

  revokeSession(session: string): void {
    this.revoked.add(session);
    this.send({ type: "revokeSession", session });
  }

  /**
   * The access behind a session was extended: its viewers are cut at this later wall-clock deadline. Not replayed
   * after a restart: a restarted relay has no viewers, and tiles come back with tokens minted for the new end.
   */
  extendSession(session: string, deadline: number): void {
    this.send({ type: "extendSession", session, deadline });
  }

  /** Closes every viewer admitted under this grant (or application) id. */
  revokeGrant(grant: string): void {
    this.send({ type: "revokeGrant", grant });
  }

  /** Kills the current relay as if it crashed (diagnostics and tests of the restart path). */
  killForTest(): void {
    this.child?.kill();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.clearTimers();
    const child = this.child;
    this.child = null;
    if (!child) return;
    await new Promise<void>((resolve) => {
      const timeout = setTimeout(resolve, 2000);
      child.onExit(() => {
        clearTimeout(timeout);
        resolve();
      });
      child.kill();
    });
  }

  private send(message: MainToRelay): void {
    if (this.child && this.status.state === "up") this.child.send(message);
  }

  private spawn(): void {
    if (this.stopping) return;
    const child = this.opts.launcher({
      [RELAY_ENV.port]: String(this.opts.port),
      [RELAY_ENV.tokenKey]: this.opts.tokenKey.toString("hex"),
      [RELAY_ENV.mediaRoot]: this.opts.mediaRoot,
    });
    this.child = child;
    child.onMessage((raw) => this.onMessage(child, raw));
    child.onExit((code, signal) => this.onExit(child, code, signal));
    child.onError((err) => this.opts.log.warn(`relay process: ${err.message}`, { pid: child.pid }));
    this.readyTimer = setTimeout(() => {
      this.opts.log.error("relay did not report ready in time; killing it");
      child.kill();
    }, this.opts.readyTimeoutMs ?? 10_000);
  }

  private onMessage(child: RelayProcess, raw: unknown): void {
    if (child !== this.child) return;
    const parsed = RelayToMainSchema.safeParse(raw);
    if (!parsed.success) {
      this.opts.log.warn("ignored a malformed message from the relay");
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case "ready":
        if (this.readyTimer) clearTimeout(this.readyTimer);
        this.upSince = Date.now();
        this.lastPong = Date.now();
        this.setStatus({ ...this.status, state: "up" });
        for (const [channel, source] of this.sources) child.send({ type: "ensureSource", channel, source });
        // A new relay process knows no revocations: tell it again, or a revoked session's URL would play until its deadline.
        for (const session of this.revoked.list()) child.send({ type: "revokeSession", session });
        this.startPings(child);
        this.opts.log.info("relay up", { port: msg.port, pid: child.pid });
        this.firstReady?.resolve();
        this.firstReady = null;
        break;
      case "pong":
        this.lastPong = Date.now();
        break;
      case "stats":
        this.latestStats = msg.streams;
        for (const listener of this.statsListeners) listener(msg.streams);
        break;
      case "log":
        this.opts.log[msg.level](`relay: ${msg.message}`, msg.channel ? { channel: msg.channel } : undefined);
        break;
    }
  }

  private startPings(child: RelayProcess): void {
    const interval = this.opts.pingIntervalMs ?? 2000;
    const timeout = this.opts.pingTimeoutMs ?? 6000;
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastPong > timeout) {
        this.opts.log.error("relay stopped answering pings; killing it", { pid: child.pid });
        child.kill();
        return;
      }
      child.send({ type: "ping", seq: ++this.pingSeq });
    }, interval);
  }

  private onExit(child: RelayProcess, code: number | null, signal: string | null): void {
    if (child !== this.child) return;
    this.clearTimers();
    this.child = null;
    if (this.stopping) return;
    const reason = `relay exited (code ${code ?? "-"}, signal ${signal ?? "-"})`;
    if (this.firstReady) {
      this.firstReady.reject(new Error(`${reason} before it was ready; see the [relay] lines above`));
      this.firstReady = null;
      this.setStatus({ state: "down", restarts: this.status.restarts, lastError: reason });
      return;
    }
    // A relay that ran healthily for a while starts the backoff afresh.
    if (Date.now() - this.upSince > 30_000) this.consecutiveFailures = 0;
    const delay = backoffDelayMs(this.consecutiveFailures++, RELAY_RESTART_BACKOFF);
    this.opts.log.warn(`${reason}; restarting in ${delay} ms`);
    this.setStatus({ state: "restarting", restarts: this.status.restarts + 1, lastError: reason });
    this.restartTimer = setTimeout(() => this.spawn(), delay);
  }

  private clearTimers(): void {
    for (const t of [this.pingTimer, this.readyTimer]) if (t) clearInterval(t);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.pingTimer = this.readyTimer = this.restartTimer = null;
  }

  private setStatus(status: RelayStatus): void {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}
