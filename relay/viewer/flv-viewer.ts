// Runs in the relay. One viewer of one stream: sends the FLV start (header, metadata, configs, cached GOP),
// then live tags on its own timeline; bounds its queue by skipping to the next keyframe; is cut at
// its token deadline, on revocation, and when it stops draining.
import { performance } from "node:perf_hooks";
import { FLV_TAG_SCRIPT, type FlvHeader, type FlvTag } from "../flv/flv-parser.js";
import { flvHeaderBytes, flvTagBytes } from "../flv/flv-writer.js";
import type { GopSnapshot } from "../stream/gop-cache.js";
import { TimestampRebaser } from "./timestamp-rebaser.js";
import type { ViewerTransport } from "./viewer-transport.js";

/** WebSocket close codes the relay uses (4xxx: application-defined). HTTP viewers just see the response end. */
export const CLOSE_CODES = {
  tokenExpired: 4401,
  revoked: 4403,
  stalled: 4408,
  /** The upstream came back with other codec parameters: the player must start over. */
  codecChanged: 4409,
  sourceError: 1011,
  goingAway: 1001,
} as const;

export interface ViewerLimits {
  /** Above this many queued bytes the viewer skips to the next keyframe. */
  maxQueuedBytes: number;
  /** Above this much queued media (ms of timestamps) the viewer skips too. */
  maxQueuedMs: number;
  /** A viewer whose queue has not drained for this long is closed. */
  stallTimeoutMs: number;
}

export const DEFAULT_VIEWER_LIMITS: ViewerLimits = { maxQueuedBytes: 4 * 1024 * 1024, maxQueuedMs: 2000, stallTimeoutMs: 10_000 };

/** setTimeout overflows above 2^31-1 ms; longer deadlines are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const HEALTH_CHECK_MS = 500;

export interface ViewerOptions {
  channel: string;
  session: string;
  /** Grant id from the token, when main minted one (revokeGrant). */
  grant?: string | null;
  /** Wall-clock deadline (ms since epoch) from the token. */
  deadline: number;
  transport: ViewerTransport;
  limits?: Partial<ViewerLimits>;
  clock?: () => number;
  /** Wall clock, for the deadline. */
  now?: () => number;
}

type ViewerState = "waiting" | "live" | "closed";

let nextViewerId = 1;

export class FlvViewer {
  readonly id = nextViewerId++;
  readonly channel: string;
  readonly session: string;
  readonly grant: string | null;
  readonly transport: ViewerTransport;
  skippedGops = 0;
  closeReason: string | null = null;
  private state: ViewerState = "waiting";
  private readonly limits: ViewerLimits;
  private readonly clock: () => number;
  private readonly rebaser = new TimestampRebaser();
  /** True until a random access point is written: at start, and after the queue overflowed. */
  private skipping = true;
  /** (bytes written so far, output timestamp) per media tag, to know how much media sits in the queue. */
  private marks: Array<{ end: number; ts: number }> = [];
  private written = 0;
  /** Bytes the peer has taken so far (written minus queued); progress means this grew. */
  private lastDrained = 0;
  private lastDrainAt: number;
  private deadlineTimer: NodeJS.Timeout | null = null;
  /** Wall-clock ms when the viewer is cut: the token's deadline, or a later one main set (extendDeadline). */
  private deadlineAt: number;
  private readonly now: () => number;
  private healthTimer: NodeJS.Timeout | null = null;
  private readonly closeListeners: Array<(viewer: FlvViewer) => void> = [];

  constructor(options: ViewerOptions) {
    this.channel = options.channel;
    this.session = options.session;
    this.grant = options.grant ?? null;
    this.deadlineAt = options.deadline;
    this.now = options.now ?? Date.now;
    this.transport = options.transport;
    this.limits = { ...DEFAULT_VIEWER_LIMITS, ...options.limits };
    this.clock = options.clock ?? (() => performance.now());
    this.lastDrainAt = this.clock();
    this.transport.onClosed(() => this.finish("peer closed"));
    this.armDeadline();
    this.healthTimer = setInterval(() => this.checkHealth(), HEALTH_CHECK_MS);
    this.healthTimer.unref();
  }

  get deadline(): number {
    return this.deadlineAt;
  }

  /**
   * Main extended the access behind this viewer (a grant or application got longer): the cut moves later. Never
   * earlier — revocation is how a viewer ends early. True when the deadline moved.
   */
  extendDeadline(deadline: number): boolean {
    if (this.state === "closed" || !(deadline > this.deadlineAt)) return false;
    this.deadlineAt = deadline;
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    this.armDeadline();
    return true;
  }

  get isClosed(): boolean {
    return this.state === "closed";
  }

  get isStarted(): boolean {
    return this.state === "live";
  }

  onClose(listener: (viewer: FlvViewer) => void): void {
    this.closeListeners.push(listener);
  }

  queuedBytes(): number {
    return this.state === "closed" ? 0 : this.transport.queuedBytes();
  }

  /** Media duration in the queue: from the oldest undelivered tag to the newest one sent. */
  queuedMs(): number {
    const newest = this.marks[this.marks.length - 1];
    if (this.state !== "live" || !newest) return 0;
    return this.queuedMediaMs(this.transport.queuedBytes(), newest.ts);
  }

  /** Sends the FLV header and everything cached, so playback can begin without waiting for the next keyframe. */
  start(header: FlvHeader, snapshot: GopSnapshot): void {
    if (this.state !== "waiting") return;
    this.state = "live";
    this.transport.begin();
    this.write(flvHeaderBytes({ hasAudio: header.hasAudio, hasVideo: header.hasVideo }));
    for (const tag of [snapshot.metadata, snapshot.videoConfig, snapshot.audioConfig]) {
      if (tag) this.writeTag(tag, this.rebaser.current());
    }
    const first = snapshot.frames[0];
    for (const tag of snapshot.frames) this.push(tag, tag === first);
  }

  /** One live tag. `randomAccess`: a viewer may start or resume here (video keyframe). */
  push(tag: FlvTag, randomAccess: boolean): void {
    if (this.state !== "live") return;
    const isConfig = tag.type === FLV_TAG_SCRIPT || tag.video?.isSequenceHeader === true || tag.audio?.isSequenceHeader === true;
    if (isConfig) {
      // Tiny and needed by whatever comes next: always delivered, even while skipping.
      this.writeTag(tag, this.rebaser.current());
      return;
    }
    const queued = this.transport.queuedBytes();
    this.noteDrain(queued);
    if (!this.rebaser.isStarted) {
      // The first media tag written is the viewer's time zero, so nothing is stamped before it.
      if (!randomAccess || queued > this.limits.maxQueuedBytes / 2) return;
      this.skipping = false;
    }
    const ts = this.rebaser.media(tag.timestamp);
    const queuedMs = this.queuedMediaMs(queued, ts);
    if (!this.skipping && (queued > this.limits.maxQueuedBytes || queuedMs > this.limits.maxQueuedMs)) {
      this.skipping = true;
      this.skippedGops++;
    }
    if (this.skipping) {
      // Resume only at a keyframe and once the queue is well below the limit, to avoid flapping.
      const roomy = queued <= this.limits.maxQueuedBytes / 2 && queuedMs <= this.limits.maxQueuedMs / 2;
      if (!randomAccess || !roomy) return;
      this.skipping = false;
    }
    this.writeTag(tag, ts);
    this.marks.push({ end: this.written, ts });
  }

  /** A new upstream replaces the old one: wait for its keyframe and continue the timeline after the last tag sent. */
  restartTimeline(): void {
    this.rebaser.markDiscontinuity();
    this.skipping = true;
  }

  /** Closes with a reason the peer can see (WS close code; HTTP just ends). */
  close(code: number, reason: string): void {
    if (this.state === "closed") return;
    this.finish(reason);
    this.transport.close(code, reason);
  }

  /** The stream could not be opened or broke: HTTP viewers that got no header yet receive a status. */
  fail(message: string): void {
    if (this.state === "closed") return;
    const started = this.state === "live";
    this.finish(message);
    if (started) this.transport.close(CLOSE_CODES.sourceError, message);
    else this.transport.fail(502, message);
  }

  private finish(reason: string): void {
    if (this.state === "closed") return;
    this.state = "closed";
    this.closeReason = reason;
    this.marks = [];
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    if (this.healthTimer) clearInterval(this.healthTimer);
    for (const listener of this.closeListeners) listener(this);
  }

  private armDeadline(): void {
    const remaining = this.deadlineAt - this.now();
    if (remaining <= 0) {
      queueMicrotask(() => this.close(CLOSE_CODES.tokenExpired, "token expired"));
      return;
    }
    this.deadlineTimer = setTimeout(() => {
      if (remaining > MAX_TIMER_MS) this.armDeadline();
      else this.close(CLOSE_CODES.tokenExpired, "token expired");
    }, Math.min(remaining, MAX_TIMER_MS));
    this.deadlineTimer.unref();
  }

  private write(chunk: Buffer): void {
    this.transport.write(chunk);
    this.written += chunk.length;
  }

  private writeTag(tag: FlvTag, ts: number): void {
    this.write(flvTagBytes(tag.type, ts, tag.data));
  }

  /** ms of media between the oldest undrained tag and the newest one. */
  private queuedMediaMs(queued: number, newestTs: number): number {
    const drainedUpTo = this.written - queued;
    let drop = 0;
    while (drop < this.marks.length && (this.marks[drop]?.end ?? 0) <= drainedUpTo) drop++;
    if (drop > 0) this.marks.splice(0, drop);
    const oldest = this.marks[0];
    return oldest ? newestTs - oldest.ts : 0;
  }

  /** Progress is measured as bytes taken by the peer, so a slow but reading peer is never mistaken for a stalled one. */
  private noteDrain(queued: number): void {
    const drained = this.written - queued;
    if (queued === 0 || drained > this.lastDrained) this.lastDrainAt = this.clock();
    this.lastDrained = Math.max(this.lastDrained, drained);
  }

  /** Closes a viewer whose queue has not shrunk for the stall timeout. Memory stays bounded meanwhile because push() skips. */
  checkHealth(): void {
    if (this.state === "closed") return;
    const queued = this.transport.queuedBytes();
    this.noteDrain(queued);
    if (queued > 0 && this.clock() - this.lastDrainAt > this.limits.stallTimeoutMs) {
      this.finish("stalled");
      this.transport.destroy();
    }
  }
}
