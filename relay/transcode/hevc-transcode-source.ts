// Runs in the relay. Wraps any FLV source: H.265 (Enhanced-RTMP 'hvc1' or legacy codec id 12) is turned into
// H.264 for displays that cannot decode it; anything else passes through untouched. The relay unwraps the
// H.265 to Annex-B itself and feeds ffmpeg with -f hevc (ffmpeg 5.1 cannot demux H.265 in FLV).
// Audio is dropped while transcoding: wall tiles play muted (hasAudio:false) and it keeps A/V ordering trivial.
import { FLV_TAG_SCRIPT, FLV_TAG_VIDEO, FlvParseError, FlvParser, type FlvHeader, type FlvTag } from "../flv/flv-parser.js";
import { describeExit, FfmpegProcess } from "../sources/ffmpeg-process.js";
import { x264Args } from "../sources/ffmpeg-source.js";
import { StreamSource } from "../sources/stream-source.js";
import { HevcAnnexBWriter } from "./hevc-annexb.js";
import { PtsQueue } from "./pts-queue.js";

export interface HevcTranscodeOptions {
  /** Resolves the ffmpeg binary; throws with a clear message when there is none. */
  ffmpeg: () => string;
  /** Output keyframe interval in frames. */
  gop?: number;
}

/** Tags held while waiting for the first video tag tells us the codec. */
const MAX_HELD_TAGS = 300;
/** Above this much unread input ffmpeg is not keeping up (CPU): drop to the next keyframe instead of queueing. */
const MAX_STDIN_BYTES = 4 * 1024 * 1024;

export class HevcTranscodeSource extends StreamSource {
  readonly description: string;
  private mode: "undecided" | "pass" | "transcode" = "undecided";
  private header: FlvHeader | null = null;
  private held: FlvTag[] = [];
  private stopped = false;
  private proc: FfmpegProcess | null = null;
  private readonly writer = new HevcAnnexBWriter();
  private readonly pts = new PtsQueue();
  private readonly output = new FlvParser();
  private outputHeaderSent = false;
  private waitingForKeyframe = true;
  private lastTs = 0;
  private stampedOnce = false;
  /** Input frames dropped because ffmpeg fell behind. */
  droppedFrames = 0;

  constructor(
    private readonly inner: StreamSource,
    private readonly options: HevcTranscodeOptions,
  ) {
    super();
    this.description = inner.description;
  }

  /** Ours when we transcode; the inner source's when it transcodes by itself (ffmpeg sources). */
  override get transcodedFrom(): string | null {
    return this.transcodedFromCodec ?? this.inner.transcodedFrom;
  }

  start(): void {
    this.inner.on("header", (header) => {
      this.header = header;
      if (this.mode === "pass") this.emit("header", header);
    });
    this.inner.on("tag", (tag) => this.onInputTag(tag));
    this.inner.on("error", (err) => this.fail(err.message));
    this.inner.start();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.inner.removeAllListeners();
    this.inner.on("error", () => {});
    this.inner.stop();
    this.proc?.kill();
    this.proc = null;
  }

  private fail(message: string): void {
    if (this.stopped) return;
    this.stop();
    this.emit("error", new Error(message));
  }

  private onInputTag(tag: FlvTag): void {
    if (this.stopped) return;
    if (this.mode === "undecided") {
      if (tag.type === FLV_TAG_VIDEO) this.decide(tag.video?.codec === "hevc");
      else if (this.held.length >= MAX_HELD_TAGS) this.decide(false);
      else {
        this.held.push(tag);
        return;
      }
    }
    if (this.mode === "pass") this.emit("tag", tag);
    else this.transcodeInput(tag);
  }

  private decide(transcode: boolean): void {
    this.mode = transcode ? "transcode" : "pass";
    const held = this.held;
    this.held = [];
    if (!transcode) {
      if (this.header) this.emit("header", this.header);
      for (const tag of held) if (!this.stopped) this.emit("tag", tag);
      return;
    }
    this.transcodedFromCodec = "hevc";
    try {
      this.spawn();
    } catch (err) {
      this.fail(err instanceof Error ? err.message : String(err));
    }
  }

  private spawn(): void {
    const path = this.options.ffmpeg();
    // Timestamps come from the upstream (PtsQueue); -framerate only has to be plausible.
    const args = [
      "-hide_banner", "-loglevel", "error", "-nostdin",
      "-fflags", "nobuffer", "-flags", "low_delay", "-probesize", "32", "-analyzeduration", "0",
      "-threads", "1", "-f", "hevc", "-framerate", "25", "-i", "pipe:0",
      "-map", "0:v:0", ...x264Args(this.options.gop ?? 50), "-vsync", "passthrough",
      "-f", "flv", "-flvflags", "no_duration_filesize", "-flush_packets", "1", "pipe:1",
    ];
    const proc = new FfmpegProcess(path, args);
    this.proc = proc;
    proc.child.stdout.on("data", (chunk: Buffer) => this.onOutput(chunk));
    proc.child.on("error", (err) => this.fail(`cannot start ffmpeg (${path}): ${err.message}`));
    proc.onExit((code, signal) => {
      if (this.proc === proc) this.fail(`H.265 transcoder stopped: ${describeExit(proc, code, signal)}`);
    });
  }

  private transcodeInput(tag: FlvTag): void {
    const video = tag.video;
    // Audio and upstream metadata are dropped; ffmpeg writes its own onMetaData.
    if (tag.type !== FLV_TAG_VIDEO || !video || video.isEndOfSequence) return;
    const payload = tag.data.subarray(video.payloadOffset);
    if (video.codec !== "hevc") return this.fail(`video codec changed from hevc to ${video.fourCC ?? video.codec} mid-stream`);
    try {
      if (video.isSequenceHeader) {
        this.writer.setConfig(payload);
        return;
      }
      if (this.waitingForKeyframe && !video.isKeyframe) return;
      const stdin = this.proc?.child.stdin;
      if (!stdin || !stdin.writable) return;
      if (stdin.writableLength > MAX_STDIN_BYTES) {
        this.droppedFrames++;
        this.waitingForKeyframe = true;
        return;
      }
      const unit = this.writer.frame(payload, video.isKeyframe);
      if (!unit) return; // no config yet
      this.waitingForKeyframe = false;
      this.pts.push(tag.timestamp + video.compositionTime);
      stdin.write(unit);
    } catch (err) {
      this.fail(`bad H.265 from upstream: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private onOutput(chunk: Buffer): void {
    if (this.stopped) return;
    let tags: FlvTag[];
    try {
      tags = this.output.push(chunk);
    } catch (err) {
      return this.fail(`H.265 transcoder wrote bad FLV: ${err instanceof FlvParseError ? err.message : String(err)}`);
    }
    if (!this.outputHeaderSent && this.output.header) {
      this.outputHeaderSent = true;
      this.emit("header", { ...this.output.header, hasAudio: false, hasVideo: true });
    }
    for (const tag of tags) {
      if (this.stopped) return;
      const isFrame = tag.video !== null && !tag.video.isSequenceHeader && !tag.video.isEndOfSequence;
      if (isFrame) this.lastTs = Math.max(this.lastTs, this.pts.next() ?? this.lastTs);
      else if (!this.stampedOnce) this.lastTs = this.pts.peek() ?? this.lastTs;
      this.stampedOnce ||= isFrame;
      if (tag.type === FLV_TAG_SCRIPT || tag.video) this.emit("tag", { ...tag, timestamp: this.lastTs });
    }
  }
}
