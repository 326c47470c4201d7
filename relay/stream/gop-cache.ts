// Runs in the relay. What a new viewer needs to start at once: metadata, decoder configs and every
// frame since the last keyframe. Bounded, so a stream with no keyframes cannot grow it forever.
import { FLV_TAG_AUDIO, FLV_TAG_SCRIPT, FLV_TAG_VIDEO, type FlvTag } from "../flv/flv-parser.js";

export interface GopSnapshot {
  metadata: FlvTag | null;
  videoConfig: FlvTag | null;
  audioConfig: FlvTag | null;
  /** Starts with a random access point (video keyframe, or any audio frame in audio-only streams); may be empty. */
  frames: readonly FlvTag[];
}

export interface GopCacheLimits {
  maxBytes: number;
  maxTags: number;
}

const DEFAULT_LIMITS: GopCacheLimits = { maxBytes: 16 * 1024 * 1024, maxTags: 1500 };

/** Reads the AMF0 string name of a script tag ("onMetaData", "onCuePoint", …). */
export function scriptTagName(data: Buffer): string | null {
  if (data[0] !== 2 || data.length < 3) return null;
  const len = data.readUInt16BE(1);
  if (3 + len > data.length) return null;
  return data.toString("utf8", 3, 3 + len);
}

export class GopCache {
  private metadata: FlvTag | null = null;
  private videoConfig: FlvTag | null = null;
  private audioConfig: FlvTag | null = null;
  private frames: FlvTag[] = [];
  private frameBytes = 0;
  /** Once any video is seen, only video keyframes open a GOP. */
  hasVideo = false;

  constructor(private readonly limits: GopCacheLimits = DEFAULT_LIMITS) {}

  /** True when a viewer may start (or resume after skipping) at this tag. */
  isRandomAccessPoint(tag: FlvTag): boolean {
    if (tag.type === FLV_TAG_VIDEO) return tag.video?.isKeyframe === true && !tag.video.isSequenceHeader && !tag.video.isEndOfSequence;
    if (tag.type === FLV_TAG_AUDIO) return !this.hasVideo && tag.audio?.isSequenceHeader !== true;
    return false;
  }

  push(tag: FlvTag): void {
    if (tag.type === FLV_TAG_SCRIPT) {
      if (scriptTagName(tag.data) === "onMetaData") this.metadata = tag;
      return;
    }
    if (tag.type === FLV_TAG_VIDEO) this.hasVideo = true;
    if (tag.video?.isSequenceHeader) {
      // Frames cached under an old config would not decode with the new one.
      if (this.videoConfig && !this.videoConfig.data.equals(tag.data)) this.clearFrames();
      this.videoConfig = tag;
      return;
    }
    if (tag.audio?.isSequenceHeader) {
      this.audioConfig = tag;
      return;
    }
    if (tag.video?.isEndOfSequence) return; // no picture; a new viewer has no use for it
    if (this.isRandomAccessPoint(tag)) {
      // Audio-only streams: one frame is a whole "GOP"; keep the last one so a viewer starts with sound.
      this.clearFrames();
    } else if (this.frames.length === 0) {
      return; // nothing to hang a non-key frame on
    }
    this.frames.push(tag);
    this.frameBytes += tag.data.length;
    if (this.frameBytes > this.limits.maxBytes || this.frames.length > this.limits.maxTags) this.clearFrames();
  }

  snapshot(): GopSnapshot {
    return { metadata: this.metadata, videoConfig: this.videoConfig, audioConfig: this.audioConfig, frames: [...this.frames] };
  }

  clear(): void {
    this.metadata = this.videoConfig = this.audioConfig = null;
    this.hasVideo = false;
    this.clearFrames();
  }

  private clearFrames(): void {
    this.frames = [];
    this.frameBytes = 0;
  }

  get cachedBytes(): number {
    return this.frameBytes;
  }
}
