// Runs in the relay. All channels main registered, keyed by name; viewers are routed here.
import type { SourceSpec, StreamStats } from "../../contract/relay-control.js";
import { RevokedSessions } from "../../contract/revoked-sessions.js";
import type { RelayLog } from "../relay-log.js";
import type { StreamSource } from "../sources/stream-source.js";
import { CLOSE_CODES, type FlvViewer } from "../viewer/flv-viewer.js";
import { LiveStream, type StreamTimeouts } from "./live-stream.js";
import type { BackoffPolicy } from "./reconnect-backoff.js";

export interface SourceFactory {
  /** Throws (with a message fit for main's log) when the spec can never work, e.g. a path outside the media root. */
  check(spec: SourceSpec): void;
  create(spec: SourceSpec): StreamSource;
}

export interface StreamHubOptions {
  sources: SourceFactory;
  log: RelayLog;
  /** How long a source stays open after its last viewer leaves. */
  lingerMs?: number;
  timeouts?: Partial<StreamTimeouts>;
  backoff?: BackoffPolicy;
}

export const DEFAULT_LINGER_MS = 10_000;

export class StreamHub {
  private readonly streams = new Map<string, LiveStream>();
  /** A token of a revoked console session is refused even before its deadline. */
  private readonly revokedSessions = new RevokedSessions();
  private readonly lingerMs: number;

  constructor(private readonly options: StreamHubOptions) {
    this.lingerMs = options.lingerMs ?? DEFAULT_LINGER_MS;
  }

  get size(): number {
    return this.streams.size;
  }

  has(channel: string): boolean {
    return this.streams.has(channel);
  }

  /** Registers or replaces the source of a channel. Nothing is opened until a viewer arrives. */
  ensureSource(channel: string, spec: SourceSpec): void {
    this.options.sources.check(spec);
    const existing = this.streams.get(channel);
    if (existing) {
      existing.replaceSpec(spec);
      return;
    }
    this.streams.set(
      channel,
      new LiveStream(channel, spec, {
        createSource: (s) => this.options.sources.create(s),
        log: this.options.log,
        lingerMs: this.lingerMs,
        ...(this.options.timeouts ? { timeouts: this.options.timeouts } : {}),
        ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      }),
    );
  }

  releaseSource(channel: string): boolean {
    const stream = this.streams.get(channel);
    if (!stream) return false;
    this.streams.delete(channel);
    stream.dispose("source released");
    return true;
  }

  /** Routes a viewer to its channel; false when main never registered the channel. */
  attach(viewer: FlvViewer): boolean {
    const stream = this.streams.get(viewer.channel);
    if (!stream) return false;
    stream.addViewer(viewer);
    return true;
  }

  /**
   * Closes every viewer of a console session and refuses its token from now on (a revoked session's URL must not
   * play again, whatever its deadline says); returns how many viewers were closed.
   */
  revokeSession(session: string, now = Date.now()): number {
    this.revokedSessions.add(session, now);
    let closed = 0;
    for (const stream of this.streams.values()) closed += stream.closeSession(session, CLOSE_CODES.revoked, "revoked");
    return closed;
  }

  /** Main extended a session's access: its viewers are cut later (a revoked session stays revoked). */
  extendSession(session: string, deadline: number): number {
    if (this.revokedSessions.has(session)) return 0;
    let moved = 0;
    for (const stream of this.streams.values()) moved += stream.extendSession(session, deadline);
    return moved;
  }

  isSessionRevoked(session: string): boolean {
    return this.revokedSessions.has(session);
  }

  /** Closes every viewer of a channel; the source stays registered (and lingers). */
  revokeChannel(channel: string): number {
    return this.streams.get(channel)?.closeViewers(() => true, CLOSE_CODES.revoked, "revoked") ?? 0;
  }

  /** Closes every viewer admitted under one grant. */
  revokeGrant(grant: string): number {
    let closed = 0;
    for (const stream of this.streams.values()) closed += stream.closeViewers((v) => v.grant === grant, CLOSE_CODES.revoked, "revoked");
    return closed;
  }

  /** Viewers across all channels (the relay-wide cap counts these). */
  get viewerCount(): number {
    let n = 0;
    for (const stream of this.streams.values()) n += stream.viewerCount;
    return n;
  }

  /** Viewers of one channel (the per-channel cap counts these). */
  channelViewerCount(channel: string): number {
    return this.streams.get(channel)?.viewerCount ?? 0;
  }

  /** Viewers admitted with one console session's token, across channels (the per-session cap counts these). */
  sessionViewerCount(session: string): number {
    let n = 0;
    for (const stream of this.streams.values()) n += stream.sessionViewerCount(session);
    return n;
  }

  stats(): StreamStats[] {
    return [...this.streams.values()].map((s) => s.stats());
  }

  close(): void {
    for (const stream of this.streams.values()) stream.dispose("relay shutting down");
    this.streams.clear();
  }
}
