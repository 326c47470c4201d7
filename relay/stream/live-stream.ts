// Runs in the relay. One channel: its source (opened when the first viewer arrives, closed a linger
// after the last one leaves), its GOP cache, its measurements, and the fan-out to viewers.
import type { SourceSpec, StreamStats } from "../../contract/relay-control.js";
import { avcProfileName, parseAvcDecoderConfig } from "../flv/avc-config.js";
import type { FlvHeader, FlvTag } from "../flv/flv-parser.js";
import type { RelayLog } from "../relay-log.js";
import type { StreamSource } from "../sources/stream-source.js";
import type { FlvViewer } from "../viewer/flv-viewer.js";
import { CLOSE_CODES } from "../viewer/flv-viewer.js";
import { GopCache } from "./gop-cache.js";
import { StreamMeter } from "./stream-meter.js";

export interface LiveStreamDeps {
  createSource: (spec: SourceSpec) => StreamSource;
  log: RelayLog;
  lingerMs: number;
}

type StreamState = StreamStats["state"];

export class LiveStream {
  private spec: SourceSpec;
  private state: StreamState = "idle";
  private lastError: string | null = null;
  private source: StreamSource | null = null;
  private header: FlvHeader | null = null;
  private readonly gop = new GopCache();
  private readonly meter = new StreamMeter();
  private readonly viewers = new Set<FlvViewer>();
  private lingerTimer: NodeJS.Timeout | null = null;
  private video: { codec: string; width: number | null; height: number | null } | null = null;
  private disposed = false;

  constructor(
    readonly channel: string,
    spec: SourceSpec,
    private readonly deps: LiveStreamDeps,
  ) {
    this.spec = spec;
  }

  get viewerCount(): number {
    return this.viewers.size;
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
    if (!this.source) this.open();
    else if (this.header) viewer.start(this.header, this.gop.snapshot());
  }

  /** Replaces the source behind the channel. Viewers stay; new configs reach them in band. */
  replaceSpec(spec: SourceSpec): void {
    if (JSON.stringify(spec) === JSON.stringify(this.spec)) return;
    this.spec = spec;
    if (!this.source) return;
    this.closeSource();
    for (const viewer of this.viewers) viewer.restartTimeline();
    this.open();
  }

  closeSession(session: string, code: number, reason: string): number {
    let closed = 0;
    for (const viewer of [...this.viewers]) {
      if (viewer.session !== session) continue;
      viewer.close(code, reason);
      closed++;
    }
    return closed;
  }

  /** Closes every viewer and the source; the stream is gone. */
  dispose(reason: string): void {
    this.disposed = true;
    for (const viewer of [...this.viewers]) viewer.close(CLOSE_CODES.goingAway, reason);
    this.viewers.clear();
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.closeSource();
  }

  stats(): StreamStats {
    const { fps, bitrateKbps } = this.source ? this.meter.read() : { fps: null, bitrateKbps: null };
    return {
      channel: this.channel,
      state: this.state,
      codec: this.video?.codec ?? null,
      width: this.video?.width ?? null,
      height: this.video?.height ?? null,
      fps,
      bitrateKbps,
      viewers: [...this.viewers].map((v) => ({
        session: v.session,
        transport: v.transport.kind,
        queuedBytes: v.queuedBytes(),
        skippedGops: v.skippedGops,
      })),
      bytesIn: this.meter.bytesIn,
      lastError: this.lastError,
    };
  }

  private removeViewer(viewer: FlvViewer): void {
    if (!this.viewers.delete(viewer)) return;
    if (this.viewers.size > 0 || !this.source || this.disposed) return;
    // Keep the upstream a while: tiles flip between layouts, and reopening costs a keyframe wait.
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = null;
      if (this.viewers.size === 0) {
        this.closeSource();
        this.deps.log("info", `closed idle source after ${this.deps.lingerMs} ms`, this.channel);
      }
    }, this.deps.lingerMs);
    this.lingerTimer.unref();
  }

  private open(): void {
    this.state = "opening";
    this.lastError = null;
    let source: StreamSource;
    try {
      source = this.deps.createSource(this.spec);
    } catch (err) {
      this.onSourceError(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    this.source = source;
    source.on("header", (header) => this.onHeader(header));
    source.on("tag", (tag) => this.onTag(tag));
    source.on("error", (err) => this.onSourceError(err));
    this.deps.log("info", `opening ${source.description}`, this.channel);
    source.start();
  }

  private closeSource(): void {
    const source = this.source;
    this.source = null;
    this.header = null;
    this.gop.clear();
    this.meter.reset();
    if (this.state !== "error") this.state = "idle";
    if (source) {
      source.removeAllListeners();
      // A late error from a stopped source must not crash the process (unhandled 'error').
      source.on("error", () => {});
      source.stop();
    }
  }

  private onHeader(header: FlvHeader): void {
    this.header = header;
    for (const viewer of this.viewers) viewer.start(header, this.gop.snapshot());
  }

  private onTag(tag: FlvTag): void {
    this.state = "live";
    this.meter.record(tag);
    if (tag.video?.isSequenceHeader) this.describeVideo(tag);
    this.gop.push(tag);
    const randomAccess = this.gop.isRandomAccessPoint(tag);
    for (const viewer of this.viewers) viewer.push(tag, randomAccess);
  }

  private describeVideo(tag: FlvTag): void {
    const info = tag.video;
    if (!info) return;
    if (info.codec !== "avc") {
      this.video = { codec: info.codec === "hevc" ? "hevc" : (info.fourCC ?? `flv codec ${info.codecId ?? "?"}`), width: null, height: null };
      return;
    }
    try {
      const config = parseAvcDecoderConfig(tag.data.subarray(info.payloadOffset));
      // "h264" stays machine-readable for main (transcode decisions); profile/level go to the log once.
      this.video = { codec: "h264", width: config.width, height: config.height };
      this.deps.log("info", `video h264 ${avcProfileName(config.profileIdc)}@${(config.levelIdc / 10).toFixed(1)} ${config.width}x${config.height}`, this.channel);
    } catch (err) {
      this.video = { codec: "h264", width: null, height: null };
      this.deps.log("warn", `unreadable AVC sequence header: ${err instanceof Error ? err.message : String(err)}`, this.channel);
    }
  }

  private onSourceError(err: Error): void {
    this.state = "error";
    this.lastError = err.message;
    this.deps.log("error", `source failed: ${err.message}`, this.channel);
    this.closeSource();
    // The next viewer to arrive retries the open.
    for (const viewer of [...this.viewers]) viewer.fail(`source error: ${err.message}`);
    this.viewers.clear();
  }
}
