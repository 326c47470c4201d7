// Runs in the bench:latency orchestrator. Raw 640×360 yuv420p frames, each stamped with Date.now() as it is handed
// to ffmpeg, paced at 25 fps, encoded live (x264 veryfast zerolatency) and pushed over RTMP to the upstream server.
import { startChild, type Child } from "../common/children.js";
import { BLOCK, COLUMNS, ROWS, encodeBits } from "./timecode.js";

export const WIDTH = 640;
export const HEIGHT = 360;
export const FPS = 25;

export interface ClockSource {
  child: Child;
  framesSent(): number;
  stop(): Promise<void>;
}

function paintBackground(frame: Buffer, index: number): void {
  const ySize = WIDTH * HEIGHT;
  // Moving diagonal bands so the encoder has motion to code, as a camera would.
  for (let y = 0; y < HEIGHT; y++) {
    const row = y * WIDTH;
    for (let x = 0; x < WIDTH; x++) frame[row + x] = 60 + (((x + y + index * 4) >> 4) & 7) * 16;
  }
  frame.fill(128, ySize); // neutral chroma: grey picture
}

function paintTimecode(frame: Buffer, ms: number): void {
  const bits = encodeBits(ms);
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < COLUMNS; c++) {
      const v = bits[r * COLUMNS + c] ? 235 : 16;
      for (let y = r * BLOCK; y < (r + 1) * BLOCK; y++) frame.fill(v, y * WIDTH + c * BLOCK, y * WIDTH + (c + 1) * BLOCK);
    }
  }
}

export function startClockSource(rtmpUrl: string, gop = 25): ClockSource {
  const child = startChild(
    "ffmpeg clock source",
    "ffmpeg",
    [
      "-hide_banner", "-loglevel", "error",
      "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", `${WIDTH}x${HEIGHT}`, "-r", String(FPS), "-i", "pipe:0",
      "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
      "-g", String(gop), "-keyint_min", String(gop), "-sc_threshold", "0", "-b:v", "800k", "-maxrate", "800k", "-bufsize", "800k",
      "-f", "flv", "-flvflags", "no_duration_filesize", rtmpUrl,
    ],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  const stdin = child.process.stdin!;
  stdin.on("error", () => { /* ffmpeg exited: stop() handles it */ });
  const frame = Buffer.alloc((WIDTH * HEIGHT * 3) / 2);
  const t0 = performance.now();
  let sent = 0;
  let stopped = false;
  // Paced against the start time, not the previous tick, so timer jitter never accumulates into drift.
  const tick = (): void => {
    if (stopped) return;
    paintBackground(frame, sent);
    paintTimecode(frame, Date.now());
    // A frame that cannot be written at once is still queued: the stamp then includes that queueing (honest latency).
    stdin.write(Buffer.from(frame));
    sent++;
    const next = t0 + (sent * 1000) / FPS;
    setTimeout(tick, Math.max(0, next - performance.now()));
  };
  tick();
  return {
    child,
    framesSent: () => sent,
    async stop() {
      stopped = true;
      stdin.end();
      await child.stop();
    },
  };
}
