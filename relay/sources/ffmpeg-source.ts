// Runs in the relay. RTSP and RTMP cameras through an ffmpeg child that copies the stream into FLV on its stdout.
// ffmpeg 5.1 cannot put H.265 into FLV; when it says so, the child restarts transcoding to H.264.
import { describeExit, FfmpegProcess } from "./ffmpeg-process.js";
import { FlvByteSource, redactUrl } from "./flv-byte-source.js";

export interface FfmpegSourceOptions {
  kind: "rtsp" | "rtmp";
  url: string;
  /** Resolves the ffmpeg binary; throws FfmpegMissingError with a clear message. */
  ffmpeg: () => string;
  /** Keyframe interval (frames) when transcoding. */
  gop?: number;
}

const IO_TIMEOUT_US = "10000000";
const HEVC_NOT_IN_FLV = /hevc not compatible with flv|codec not currently supported in container/i;

export function ffmpegInputArgs(kind: "rtsp" | "rtmp", url: string): string[] {
  // Probing 1 s instead of 5 s: copy only needs the codec parameters, and every second here is a black tile.
  // No "-fflags nobuffer": it discards the probed packets, so copy waits for the *next* keyframe (first picture
  // 2.2 s instead of 1.3 s against a 1 s GOP, worse with 2–4 s GOPs). The probed second then arrives as one burst,
  // which the relay's GOP cache absorbs and the tile player's live-edge chasing skips.
  // RTSP over TCP: UDP loses packets through NAT and firewalls, and camera streams are large.
  const protocol = kind === "rtsp" ? ["-rtsp_transport", "tcp", "-timeout", IO_TIMEOUT_US] : ["-rw_timeout", IO_TIMEOUT_US];
  return ["-hide_banner", "-loglevel", "error", "-nostdin", "-analyzeduration", "1000000", "-probesize", "512000", ...protocol, "-i", url];
}

/** H.264 that every browser decodes, one frame in, one frame out, no lookahead. */
export function x264Args(gop: number): string[] {
  return ["-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p", "-bf", "0", "-g", String(gop)];
}

export class FfmpegSource extends FlvByteSource {
  readonly description: string;
  private proc: FfmpegProcess | null = null;
  private mode: "copy" | "h264" = "copy";

  constructor(private readonly options: FfmpegSourceOptions) {
    super();
    this.description = `${options.kind} ${redactUrl(options.url)} via ffmpeg`;
  }

  start(): void {
    let path: string;
    try {
      path = this.options.ffmpeg();
    } catch (err) {
      // Async, like every other source failure: the stream has attached its listeners by then.
      queueMicrotask(() => this.fail(err instanceof Error ? err.message : String(err)));
      return;
    }
    this.spawn(path);
  }

  private spawn(path: string): void {
    // Audio is dropped: wall tiles play muted, and camera audio (G.711, Opus…) often cannot go into FLV anyway.
    const video = this.mode === "copy" ? ["-c:v", "copy"] : x264Args(this.options.gop ?? 50);
    const args = [...ffmpegInputArgs(this.options.kind, this.options.url), "-map", "0:v:0", "-an", ...video, "-f", "flv", "-flvflags", "no_duration_filesize", "-flush_packets", "1", "pipe:1"];
    const proc = new FfmpegProcess(path, args);
    this.proc = proc;
    proc.child.stdout.on("data", (chunk: Buffer) => this.feed(chunk));
    proc.child.on("error", (err) => this.fail(`cannot start ffmpeg (${path}): ${err.message}`));
    proc.onExit((code, signal) => {
      if (this.proc !== proc || this.isStopped) return;
      if (this.mode === "copy" && HEVC_NOT_IN_FLV.test(proc.stderrText)) {
        // The camera sends H.265 and this ffmpeg cannot wrap it: transcode instead (the display gets H.264 either way).
        this.mode = "h264";
        this.transcodedFromCodec = "hevc";
        this.resetParser();
        this.spawn(path);
        return;
      }
      this.fail(describeExit(proc, code, signal));
    });
  }

  protected teardown(): void {
    this.proc?.kill();
    this.proc = null;
  }
}
