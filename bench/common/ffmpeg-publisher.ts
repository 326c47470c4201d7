// Runs in bench orchestrators. The live upstream: ffmpeg's testsrc2 encoded like a camera (x264 veryfast,
// zerolatency, fixed GOP) and pushed over RTMP — to one stream name, or to many through the tee muxer so
// 32 streams cost one encode.
import { startChild, type Child } from "./children.js";

export interface TestSource {
  width: number;
  height: number;
  /** Keyframe interval in frames at 25 fps (25 = 1 s, 100 = 4 s). */
  gop: number;
  kbps: number;
}

export function sourceLabel(s: TestSource): string {
  return `${s.width}x${s.height}-g${s.gop}`;
}

export function publishTestSource(src: TestSource, rtmpUrls: string[]): Child {
  const output =
    rtmpUrls.length === 1
      ? ["-f", "flv", rtmpUrls[0]!]
      : ["-f", "tee", "-map", "0:v", rtmpUrls.map((u) => `[f=flv:onfail=ignore]${u}`).join("|")];
  const args = [
    "-hide_banner", "-loglevel", "error", "-nostdin",
    "-re", "-f", "lavfi", "-i", `testsrc2=size=${src.width}x${src.height}:rate=25`,
    "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
    "-g", String(src.gop), "-keyint_min", String(src.gop), "-sc_threshold", "0",
    "-b:v", `${src.kbps}k`, "-maxrate", `${src.kbps}k`, "-bufsize", `${src.kbps}k`,
    ...output,
  ];
  return startChild(`ffmpeg ${sourceLabel(src)}`, "ffmpeg", args);
}
