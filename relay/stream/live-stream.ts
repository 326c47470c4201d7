// Runs in the relay. One channel: its source (opened when the first viewer arrives, closed a linger
// after the last one leaves, reopened with backoff when it breaks), its GOP cache, one continuous
// timeline, its measurements, and the fan-out to viewers.
import { performance } from "node:perf_hooks";
import type { SourceSpec, StreamStats } from "../../contract/relay-control.js";
import { avcProfileName, parseAvcDecoderConfig } from "../flv/avc-config.js";
import { FLV_TAG_SCRIPT, FLV_TAG_VIDEO, type FlvHeader, type FlvTag } from "../flv/flv-parser.js";
import { parseHevcDecoderConfig } from "../flv/hevc-config.js";
import type { RelayLog } from "../relay-log.js";
import type { StreamSource } from "../sources/stream-source.js";
import type { FlvViewer } from "../viewer/flv-viewer.js";
import { CLOSE_CODES } from "../viewer/flv-viewer.js";
import { TimestampRebaser } from "../viewer/timestamp-rebaser.js";
import { GopCache } from "./gop-cache.js";
import { DEFAULT_BACKOFF, reconnectDelayMs, type BackoffPolicy } from "./reconnect-backoff.js";
import { StreamMeter } from "./stream-meter.js";

export interface StreamTimeouts {
  /** An upstream with video that sends no keyframe for this long (from open, or since the last one) is reopened. */
  keyframeTimeoutMs: number;
  /** An upstream that sends nothing at all for this long is reopened. */
  silenceTimeoutMs: number;
  /** Watching viewers are kept this long through an outage, then closed. */
  maxOutageMs: number;
  /** A source that stayed up this long resets the backoff. */
  stableAfterMs: number;
}

export const DEFAULT_TIMEOUTS: StreamTimeouts = { keyframeTimeoutMs: 15_000, silenceTimeoutMs: 10_000, maxOutageMs: 60_000, stableAfterMs: 5_000 };

export interface LiveStreamDeps {
  createSource: (spec: SourceSpec) => StreamSource;
  log: RelayLog;
  lingerMs: number;
  timeouts?: Partial<StreamTimeouts>;
  backoff?: BackoffPolicy;
  clock?: () => number;
  random?: () => number;
}

type StreamState = StreamStats["state"];
type ConfigKind = "video" | "audio" | "metadata";

const WATCHDOG_MS = 250;

export class LiveStream {
  private spec: SourceSpec;
  private state: StreamState = "idle";
  private lastError: string | null = null;
  private source: StreamSource | null = null;
  private header: FlvHeader | null = null;
  private readonly gop = new GopCache();
  private readonly meter: StreamMeter;
  private readonly viewers = new Set<FlvViewer>();
  private lingerTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private video: { codec: string; width: number | null; height: number | null } | null = null;
  private disposed = false;
  private readonly timeouts: StreamTimeouts;
  private readonly clock: () => number;
  /** One timeline for the channel across upstream jumps and reconnects. */
  private clockMap = new TimestampRebaser();
  /** Config bytes the watching viewers have: unchanged ones are not re-sent, changed ones after a reconnect end them. */
  private readonly delivered = new Map<ConfigKind, Buffer>();
  private afterReconnect = false;
  private attempt = 0;
  private reconnects = 0;
  private outageSince: number | null = null;
  private openedAt = 0;
  private lastTagAt = 0;
  private lastKeyAt: number | null = null;
  private lastKeyTs: number | null = null;
  private keyInterval: number | null = null;
  private sawVideo = false;

  constructor(
    readonly channel: string,
    spec: SourceSpec,
    private readonly deps: LiveStreamDeps,
  ) {
    this.spec = spec;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...deps.timeouts };
    this.clock = deps.clock ?? (() => performance.now());
    this.meter = new StreamMeter(2000, this.clock);
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  /** Viewers admitted with one console session's token (the relay's per-session cap counts these). */
  sessionViewerCount(session: string): number {
    let n = 0;
    for (const viewer of this.viewers) if (viewer.session === session) n++;
    return n;
  }

  get isOpen(): boolean {
    return this.source !== null;
  }

  /** Adds a viewer; it starts at once when the stream is live, else when the source delivers its header. */
  addViewer(viewer: FlvViewer): void {
    if (this.disposed) {
      viewer.fail("channel released");
      return;
    }
    this.viewers.add(viewer);
    viewer.onClose(() => this.removeViewer(viewer));
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.lingerTimer = null;
    if (this.source) {
      if (this.header) viewer.start(this.header, this.gop.snapshot());
    } else if (!this.retryTimer) {
      this.open();
    }
    // else: a reconnect is scheduled; the viewer starts when it succeeds or learns why it failed.
  }

  /** Replaces the source behind the channel. Viewers stay; new configs reach them in band. */
  replaceSpec(spec: SourceSpec): void {
    if (JSON.stringify(spec) === JSON.stringify(this.spec)) return;
    const sameUpstream = sameUpstreamIgnoringCredentials(this.spec, spec);
    this.spec = spec;
    // A fresh play ticket for the same stream (only the token in the query changed): the running pull stays,
    // the new URL is used at the next (re)connect.
    if (sameUpstream) return;
    if (!this.source && !this.retryTimer) return;
    this.closeSource();
    this.cancelRetry();
    this.afterReconnect = false;
    this.delivered.clear();
    this.clockMap.markDiscontinuity();
    for (const viewer of this.viewers) viewer.restartTimeline();
    this.open();
  }

  /** Closes the viewers `pick` selects with a reason they can see; returns how many. */
  closeViewers(pick: (viewer: FlvViewer) => boolean, code: number, reason: string): number {
    let closed = 0;
    for (const viewer of [...this.viewers]) {
      if (!pick(viewer)) continue;
      viewer.close(code, reason);
      closed++;
    }
    return closed;
  }

  closeSession(session: string, code: number, reason: string): number {
    return this.closeViewers((v) => v.session === session, code, reason);
  }

  /** Moves the deadline of a console session's viewers later; returns how many moved. */
  extendSession(session: string, deadline: number): number {
    let moved = 0;
    for (const viewer of this.viewers) if (viewer.session === session && viewer.extendDeadline(deadline)) moved++;
    return moved;
  }

  /** Closes every viewer and the source; the stream is gone. */
  dispose(reason: string): void {
    this.disposed = true;
    for (const viewer of [...this.viewers]) viewer.close(CLOSE_CODES.goingAway, reason);
    this.viewers.clear();
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.cancelRetry();
    this.closeSource();
  }

  stats(): StreamStats {
    const open = this.source !== null;
    const { fps, bitrateKbps } = open ? this.meter.read() : { fps: null, bitrateKbps: null };
    const transcodedFrom = this.source?.transcodedFrom ?? null;
    return {
      channel: this.channel,
      state: this.state,
      codec: transcodedFrom ?? this.video?.codec ?? null,
      transcoding: transcodedFrom !== null,
      width: this.video?.width ?? null,
      height: this.video?.height ?? null,
      fps,
      bitrateKbps,
      viewers: [...this.viewers].map((v) => ({
        session: v.session,
        transport: v.transport.kind,
        queuedBytes: v.queuedBytes(),
        queuedMs: v.queuedMs(),
        skippedGops: v.skippedGops,
        deadline: v.deadline,
      })),
      bytesIn: this.meter.bytesIn,
      keyframeIntervalMs: this.keyInterval,
      keyframeAgeMs: open && this.lastKeyAt !== null ? Math.round(this.clock() - this.lastKeyAt) : null,
      reconnects: this.reconnects,
      timestampJumps: this.clockMap.jumps,
      lastError: this.lastError,
    };
  }

  private removeViewer(viewer: FlvViewer): void {
    if (!this.viewers.delete(viewer)) return;
    if (this.viewers.size > 0 || this.disposed) return;
    if (this.retryTimer) {
      // Nobody is waiting for the reconnect any more.
      this.cancelRetry();
      this.resetSession();
      this.state = "error";
      return;
    }
    if (!this.source) return;
    // Keep the upstream a while: tiles flip between layouts, and reopening costs a keyframe wait.
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = null;
      if (this.viewers.size === 0) {
        this.closeSource();
        this.resetSession();
        this.state = "idle";
        this.deps.log("info", `closed idle source after ${this.deps.lingerMs} ms`, this.channel);
      }
    }, this.deps.lingerMs);
    this.lingerTimer.unref();
  }

  private open(): void {
    this.state = this.afterReconnect ? "reconnecting" : "opening";
    let source: StreamSource;
    try {
      source = this.deps.createSource(this.spec);
    } catch (err) {
      this.onSourceError(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    this.source = source;
    this.openedAt = this.lastTagAt = this.clock();
    this.lastKeyAt = null;
    this.lastKeyTs = null;
    source.on("header", (header) => this.onHeader(header));
    source.on("tag", (tag) => this.onTag(tag));
    source.on("error", (err) => this.onSourceError(err));
    this.deps.log("info", `opening ${source.description}`, this.channel);
    this.watchdog = setInterval(() => this.checkUpstream(), WATCHDOG_MS);
    this.watchdog.unref();
    source.start();
  }

  /** Stops the source; the timeline and what viewers were sent are kept for a reconnect. */
  private closeSource(): void {
    const source = this.source;
    this.source = null;
    this.header = null;
    this.gop.clear();
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    if (source) {
      source.removeAllListeners();
      // A late error from a stopped source must not crash the process (unhandled 'error').
      source.on("error", () => {});
      source.stop();
    }
  }

  /** Forgets the session's viewers-facing state: the next open starts a fresh timeline. */
  private resetSession(): void {
    this.meter.reset();
    this.delivered.clear();
    this.clockMap = new TimestampRebaser();
    this.afterReconnect = false;
    this.outageSince = null;
    this.attempt = 0;
    this.sawVideo = false;
    this.keyInterval = null;
  }

  private cancelRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private checkUpstream(): void {
    if (!this.source) return;
    const now = this.clock();
    const silentMs = Math.min(this.timeouts.silenceTimeoutMs, this.timeouts.keyframeTimeoutMs);
    if (now - this.lastTagAt > silentMs) {
      this.onSourceError(new Error(`upstream sent nothing for ${(silentMs / 1000).toFixed(1)} s`));
      return;
    }
    const hasVideo = this.sawVideo || this.header?.hasVideo === true;
    if (hasVideo && now - (this.lastKeyAt ?? this.openedAt) > this.timeouts.keyframeTimeoutMs) {
      const what = this.lastKeyAt === null ? "no keyframe from upstream" : "no new keyframe from upstream";
      this.onSourceError(new Error(`${what} for ${(this.timeouts.keyframeTimeoutMs / 1000).toFixed(1)} s`));
      return;
    }
    if (this.state === "live" && now - this.openedAt > this.timeouts.stableAfterMs) this.attempt = 0;
  }

  private onHeader(header: FlvHeader): void {
    this.header = header;
    for (const viewer of this.viewers) viewer.start(header, this.gop.snapshot());
  }

  private configKind(tag: FlvTag): ConfigKind | null {
    if (tag.type === FLV_TAG_SCRIPT) return "metadata";
    if (tag.video?.isSequenceHeader) return "video";
    if (tag.audio?.isSequenceHeader) return "audio";
    return null;
  }

  private onTag(input: FlvTag): void {
    const now = this.clock();
    this.lastTagAt = now;
    this.meter.record(input);
    const kind = this.configKind(input);
    const isMedia = kind === null && !input.video?.isEndOfSequence;
    const jumpsBefore = this.clockMap.jumps;
    const tag = { ...input, timestamp: isMedia ? this.clockMap.media(input.timestamp) : this.clockMap.current() };
    if (this.clockMap.jumps !== jumpsBefore) {
      this.deps.log("warn", `upstream timestamp jumped ${this.clockMap.lastJumpMs} ms; rebased so viewers stay continuous`, this.channel);
    }
    if (input.type === FLV_TAG_VIDEO) this.sawVideo = true;
    if (kind === "video") this.describeVideo(tag);
    if (tag.video?.isKeyframe && isMedia) this.noteKeyframe(tag.timestamp, now);
    if (isMedia && this.state !== "live") {
      this.state = "live";
      this.afterReconnect = false;
      this.outageSince = null;
    }
    this.gop.push(tag);
    if (kind && this.alreadyDelivered(kind, tag)) return;
    const randomAccess = this.gop.isRandomAccessPoint(tag);
    for (const viewer of this.viewers) viewer.push(tag, randomAccess);
  }

  /** True when viewers already have exactly this config. Changed codec parameters after a reconnect end the watching viewers. */
  private alreadyDelivered(kind: ConfigKind, tag: FlvTag): boolean {
    const previous = this.delivered.get(kind);
    if (previous?.equals(tag.data)) return true;
    if (previous && this.afterReconnect && kind !== "metadata") {
      const closed = this.closeViewers((v) => v.isStarted, CLOSE_CODES.codecChanged, "codec changed");
      this.deps.log("warn", `${kind} codec parameters changed across the reconnect: ${closed} viewer(s) closed to restart their decoder`, this.channel);
    }
    this.delivered.set(kind, tag.data);
    return false;
  }

  private noteKeyframe(ts: number, now: number): void {
    if (this.lastKeyTs !== null && ts > this.lastKeyTs) this.keyInterval = ts - this.lastKeyTs;
    this.lastKeyTs = ts;
    this.lastKeyAt = now;
  }

  private describeVideo(tag: FlvTag): void {
    const info = tag.video;
    if (!info) return;
    const payload = tag.data.subarray(info.payloadOffset);
    if (info.codec === "hevc") {
      try {
        const config = parseHevcDecoderConfig(payload);
        this.video = { codec: "hevc", width: config.width, height: config.height };
        this.deps.log("info", `video hevc profile ${config.profileIdc} level ${(config.levelIdc / 30).toFixed(1)} ${config.width ?? "?"}x${config.height ?? "?"}`, this.channel);
      } catch (err) {
        this.video = { codec: "hevc", width: null, height: null };
        this.deps.log("warn", `unreadable HEVC sequence header: ${err instanceof Error ? err.message : String(err)}`, this.channel);
      }
      return;
    }
    if (info.codec !== "avc") {
      this.video = { codec: info.fourCC ?? `flv codec ${info.codecId ?? "?"}`, width: null, height: null };
      return;
    }
    try {
      const config = parseAvcDecoderConfig(payload);
      // "h264" stays machine-readable for main (transcode decisions); profile/level go to the log once.
      this.video = { codec: "h264", width: config.width, height: config.height };
      this.deps.log("info", `video h264 ${avcProfileName(config.profileIdc)}@${(config.levelIdc / 10).toFixed(1)} ${config.width}x${config.height}`, this.channel);
    } catch (err) {
      this.video = { codec: "h264", width: null, height: null };
      this.deps.log("warn", `unreadable AVC sequence header: ${err instanceof Error ? err.message : String(err)}`, this.channel);
    }
  }

  private onSourceError(err: Error): void {
    this.lastError = err.message;
    this.closeSource();
    // Viewers that never got a header learn why now; the ones watching stay through the reconnect.
    for (const viewer of [...this.viewers]) {
      if (viewer.isStarted) continue;
      this.viewers.delete(viewer);
      viewer.fail(`source error: ${err.message}`);
    }
    const now = this.clock();
    this.outageSince ??= now;
    if (this.viewers.size === 0 || now - this.outageSince > this.timeouts.maxOutageMs) {
      const closed = this.closeViewers(() => true, CLOSE_CODES.sourceError, `upstream lost: ${err.message}`);
      this.viewers.clear();
      this.resetSession();
      this.state = "error";
      // The next viewer to arrive retries the open.
      this.deps.log("error", `source failed: ${err.message}${closed ? ` (${closed} viewer(s) closed after the outage)` : ""}`, this.channel);
      return;
    }
    const delay = reconnectDelayMs(this.attempt++, this.deps.backoff ?? DEFAULT_BACKOFF, this.deps.random);
    this.state = "reconnecting";
    this.afterReconnect = true;
    this.clockMap.markDiscontinuity();
    for (const viewer of this.viewers) viewer.restartTimeline();
    this.deps.log("error", `source failed: ${err.message}; reconnecting in ${delay} ms (attempt ${this.attempt})`, this.channel);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.disposed || this.viewers.size === 0) return;
      this.reconnects++;
      this.open();
    }, delay);
    this.retryTimer.unref();
  }
}

/** True when two specs name the same upstream and differ at most in the URL's query (tokens) or credentials. */
export function sameUpstreamIgnoringCredentials(a: SourceSpec, b: SourceSpec): boolean {
  if (a.kind !== b.kind || JSON.stringify(a.accept ?? null) !== JSON.stringify(b.accept ?? null)) return false;
  if (a.kind === "file" || b.kind === "file") return false;
  try {
    const ua = new URL(a.url);
    const ub = new URL(b.url);
    return ua.protocol === ub.protocol && ua.host === ub.host && ua.pathname === ub.pathname;
  } catch {
    return false;
  }
}
