// Runs in the renderer. Notices when a video element actually presents new frames (requestVideoFrameCallback,
// with currentTime advancing as the fallback) and measures the rendered frame rate. Engine-agnostic.

export type FrameClock = {
  /** performance.now() of the last presented frame, or null before the first. */
  lastFrameAt(): number | null;
  /** Frames per second rendered over the last ~2 s, or null when unknown. */
  measuredFps(): number | null;
  stop(): void;
};

type VideoWithRvfc = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number, meta: { presentedFrames: number; mediaTime: number }) => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

export function startFrameClock(video: HTMLVideoElement, onFrame: () => void): FrameClock {
  const v = video as VideoWithRvfc;
  let last: number | null = null;
  let stopped = false;
  let handle: number | null = null;
  const samples: number[] = [];
  let lastMediaTime = -1;

  const frame = (at: number) => {
    last = at;
    samples.push(at);
    while (samples.length > 0 && at - samples[0]! > 2000) samples.shift();
    onFrame();
  };

  if (typeof v.requestVideoFrameCallback === "function") {
    const loop = (now: number, meta: { mediaTime: number }) => {
      if (stopped) return;
      if (meta.mediaTime !== lastMediaTime) {
        lastMediaTime = meta.mediaTime;
        frame(now);
      }
      handle = v.requestVideoFrameCallback!(loop);
    };
    handle = v.requestVideoFrameCallback(loop);
  }
  // Fallback and second opinion: currentTime advancing while playing means frames are being rendered.
  let lastTime = video.currentTime;
  const onTimeUpdate = () => {
    if (video.currentTime > lastTime && !video.paused) {
      lastTime = video.currentTime;
      if (handle === null || last === null || performance.now() - last > 1000) frame(performance.now());
    }
  };
  video.addEventListener("timeupdate", onTimeUpdate);

  return {
    lastFrameAt: () => last,
    measuredFps() {
      if (samples.length < 3) return null;
      const span = samples[samples.length - 1]! - samples[0]!;
      return span > 0 ? ((samples.length - 1) * 1000) / span : null;
    },
    stop() {
      stopped = true;
      if (handle !== null) v.cancelVideoFrameCallback?.(handle);
      video.removeEventListener("timeupdate", onTimeUpdate);
    },
  };
}

/** Seconds of media buffered ahead of the playhead (buffered end − currentTime), or null. */
export function bufferLatency(video: HTMLVideoElement): number | null {
  const b = video.buffered;
  if (b.length === 0) return null;
  const ahead = b.end(b.length - 1) - video.currentTime;
  return Number.isFinite(ahead) ? Math.max(0, ahead) : null;
}
