// Runs in bench viewer processes. A lean FLV tag walker for clients that must stay cheap at 200 connections:
// it reads only tag headers (no copies of tag bodies) and reports video frames and keyframes as they complete.

export interface VideoTagEvent {
  keyframe: boolean;
  /** FLV timestamp, ms. */
  timestamp: number;
}

const FLV_HEADER = 9;
const PREV_TAG_SIZE = 4;
const TAG_HEADER = 11;

export class FlvTagCounter {
  private headerLeft = FLV_HEADER + PREV_TAG_SIZE;
  /** Bytes of the current tag (header + body + trailing size) still to skip. */
  private skipLeft = 0;
  private readonly head = Buffer.alloc(TAG_HEADER + 2);
  private headFill = 0;
  private pending: VideoTagEvent | null = null;
  videoFrames = 0;
  keyframes = 0;
  bytes = 0;

  /** Feeds a chunk; calls `onVideo` once per completed video picture tag (sequence headers excluded). */
  push(chunk: Buffer, onVideo?: (e: VideoTagEvent) => void): void {
    this.bytes += chunk.length;
    let i = 0;
    while (i < chunk.length) {
      if (this.headerLeft > 0) {
        const n = Math.min(this.headerLeft, chunk.length - i);
        this.headerLeft -= n;
        i += n;
        continue;
      }
      if (this.skipLeft > 0) {
        const n = Math.min(this.skipLeft, chunk.length - i);
        this.skipLeft -= n;
        i += n;
        if (this.skipLeft === 0 && this.pending) {
          const e = this.pending;
          this.pending = null;
          this.videoFrames++;
          if (e.keyframe) this.keyframes++;
          onVideo?.(e);
        }
        continue;
      }
      // Collect the tag header plus the first two body bytes (frame type/codec, AVC packet type).
      const n = Math.min(this.head.length - this.headFill, chunk.length - i);
      chunk.copy(this.head, this.headFill, i, i + n);
      this.headFill += n;
      i += n;
      if (this.headFill < this.head.length) continue;
      this.headFill = 0;
      const type = this.head[0]! & 0x1f;
      const size = this.head.readUIntBE(1, 3);
      const timestamp = this.head.readUIntBE(4, 3) | (this.head[7]! << 24);
      const b0 = this.head[TAG_HEADER]!;
      const b1 = this.head[TAG_HEADER + 1]!;
      // The two body bytes were consumed already; size >= 2 for any real video/audio tag.
      this.skipLeft = Math.max(0, size - 2) + PREV_TAG_SIZE;
      if (type === 9 && size >= 2) {
        const exHeader = (b0 & 0x80) !== 0; // Enhanced RTMP: low nibble is the packet type (1 coded frames, 3 coded frames X)
        const frameType = (b0 >> 4) & (exHeader ? 0x07 : 0x0f);
        const isPicture = exHeader ? (b0 & 0x0f) === 1 || (b0 & 0x0f) === 3 : b1 === 1;
        if (isPicture && frameType !== 5) this.pending = { keyframe: frameType === 1, timestamp };
      }
    }
  }
}
