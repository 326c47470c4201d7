// Runs in the relay. Incremental FLV demuxer: push byte chunks as they arrive, get whole tags back.
// Input comes from files and (later) remote upstreams, so every field is checked before it is trusted.

export const FLV_TAG_AUDIO = 8;
export const FLV_TAG_VIDEO = 9;
export const FLV_TAG_SCRIPT = 18;
export type FlvTagType = typeof FLV_TAG_AUDIO | typeof FLV_TAG_VIDEO | typeof FLV_TAG_SCRIPT;

/** Largest tag body we accept. Real frames are far smaller; a bigger size means corrupt input. */
export const MAX_TAG_DATA_SIZE = 8 * 1024 * 1024;
/** The FLV header's data offset is 9 in version 1; allow some slack for odd muxers, not megabytes. */
const MAX_HEADER_SIZE = 1024;
const TAG_HEADER_SIZE = 11;
const PREVIOUS_TAG_SIZE_BYTES = 4;

export class FlvParseError extends Error {
  override readonly name = "FlvParseError";
  /** Byte offset in the whole stream where the problem was found. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} (at byte ${offset})`);
    this.offset = offset;
  }
}

export interface FlvHeader {
  version: number;
  hasAudio: boolean;
  hasVideo: boolean;
  headerSize: number;
}

export type VideoCodec = "avc" | "hevc" | "other";

export interface VideoTagInfo {
  /** 1 = keyframe, 2 = inter frame, 5 = video info/command frame. */
  frameType: number;
  isKeyframe: boolean;
  /** Legacy FLV codec id (7 = AVC, 12 = HEVC by the common extension); null for Enhanced RTMP tags. */
  codecId: number | null;
  /** Enhanced RTMP FourCC ("hvc1", "avc1", "av01", …); null for legacy tags. */
  fourCC: string | null;
  codec: VideoCodec;
  /** True when the body carries a decoder configuration record (AVC/HEVC sequence header). */
  isSequenceHeader: boolean;
  /** AVC/HEVC end-of-sequence marker (muxers write one at the end of a file): carries no picture. */
  isEndOfSequence: boolean;
  /** Legacy AVCPacketType (0 sequence header, 1 NALU, 2 end of sequence) or Enhanced RTMP PacketType. */
  packetType: number | null;
  /** Composition time offset in ms (pts - dts). */
  compositionTime: number;
  /** Offset of the codec payload (config record or NAL units) inside the tag body. */
  payloadOffset: number;
}

export interface AudioTagInfo {
  /** 10 = AAC, 2 = MP3, … */
  soundFormat: number;
  /** AAC only: 0 = AudioSpecificConfig (sequence header), 1 = raw frame. */
  aacPacketType: number | null;
  isSequenceHeader: boolean;
}

export interface FlvTag {
  type: FlvTagType;
  /** Decoding timestamp in ms, 32 bits (extended byte included). */
  timestamp: number;
  /** Tag body (without the 11-byte tag header and the trailing PreviousTagSize). */
  data: Buffer;
  video: VideoTagInfo | null;
  audio: AudioTagInfo | null;
}

/** Reads the codec fields of a video tag body. Exported for sources that build tags themselves. */
export function describeVideoBody(data: Buffer, offset = 0): VideoTagInfo | null {
  const b0 = data[0];
  if (b0 === undefined) return null;
  const isExHeader = (b0 & 0x80) !== 0;
  const frameType = (b0 >> 4) & (isExHeader ? 0x07 : 0x0f);
  if (isExHeader) {
    // Enhanced RTMP: [1 bit ex][3 bits frameType][4 bits packetType][FourCC][...]
    if (data.length < 5) throw new FlvParseError("enhanced video tag shorter than its FourCC", offset);
    const packetType = b0 & 0x0f;
    const fourCC = data.toString("latin1", 1, 5);
    const codec: VideoCodec = fourCC === "hvc1" ? "hevc" : fourCC === "avc1" ? "avc" : "other";
    // PacketType 1 (CodedFrames) carries a 24-bit composition time for avc1/hvc1; 3 (CodedFramesX) does not.
    const hasCts = packetType === 1 && codec !== "other";
    if (hasCts && data.length < 8) throw new FlvParseError("enhanced video tag missing composition time", offset);
    return {
      frameType,
      isKeyframe: frameType === 1,
      codecId: null,
      fourCC,
      codec,
      isSequenceHeader: packetType === 0,
      isEndOfSequence: packetType === 2,
      packetType,
      compositionTime: hasCts ? data.readIntBE(5, 3) : 0,
      payloadOffset: hasCts ? 8 : 5,
    };
  }
  const codecId = b0 & 0x0f;
  const codec: VideoCodec = codecId === 7 ? "avc" : codecId === 12 ? "hevc" : "other";
  if (codec === "other") {
    return { frameType, isKeyframe: frameType === 1, codecId, fourCC: null, codec, isSequenceHeader: false, isEndOfSequence: false, packetType: null, compositionTime: 0, payloadOffset: 1 };
  }
  if (data.length < 5) throw new FlvParseError("AVC/HEVC video tag shorter than its 5-byte header", offset);
  const packetType = data[1] ?? 0;
  return {
    frameType,
    isKeyframe: frameType === 1,
    codecId,
    fourCC: null,
    codec,
    isSequenceHeader: packetType === 0,
    isEndOfSequence: packetType === 2,
    packetType,
    compositionTime: data.readIntBE(2, 3),
    payloadOffset: 5,
  };
}

export function describeAudioBody(data: Buffer, offset = 0): AudioTagInfo | null {
  const b0 = data[0];
  if (b0 === undefined) return null;
  const soundFormat = b0 >> 4;
  if (soundFormat !== 10) return { soundFormat, aacPacketType: null, isSequenceHeader: false };
  const aacPacketType = data[1];
  if (aacPacketType === undefined) throw new FlvParseError("AAC audio tag missing its packet type", offset);
  return { soundFormat, aacPacketType, isSequenceHeader: aacPacketType === 0 };
}

type ParserState = "header" | "tags";

/**
 * Push-based FLV demuxer. `push()` returns the tags completed by the new bytes; a partial tag
 * stays buffered until the rest arrives. After an FlvParseError the parser is unusable.
 */
export class FlvParser {
  private buffer: Buffer = Buffer.alloc(0);
  /** Stream offset of buffer[0], for error messages. */
  private bufferStart = 0;
  private state: ParserState = "header";
  private failed: FlvParseError | null = null;
  header: FlvHeader | null = null;

  push(chunk: Buffer): FlvTag[] {
    if (this.failed) throw this.failed;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const tags: FlvTag[] = [];
    let pos = 0;
    try {
      for (;;) {
        const used = this.state === "header" ? this.readHeader(pos) : this.readTag(pos, tags);
        if (used === 0) break;
        pos += used;
      }
    } catch (err) {
      if (err instanceof FlvParseError) this.failed = err;
      throw err;
    } finally {
      // Copy the remainder so a large chunk is not kept alive by a small leftover slice.
      this.buffer = pos >= this.buffer.length ? Buffer.alloc(0) : Buffer.from(this.buffer.subarray(pos));
      this.bufferStart += pos;
    }
    return tags;
  }

  /** Bytes held waiting for the rest of a tag. */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  private fail(message: string, pos: number): never {
    throw new FlvParseError(message, this.bufferStart + pos);
  }

  /** Returns the bytes consumed (header + PreviousTagSize0), or 0 when more input is needed. */
  private readHeader(pos: number): number {
    const buf = this.buffer;
    const available = buf.length - pos;
    // Check the signature as soon as its bytes arrive so garbage fails fast instead of waiting.
    const sig = "FLV";
    for (let i = 0; i < Math.min(3, available); i++) {
      if (buf[pos + i] !== sig.charCodeAt(i)) this.fail("not an FLV stream: bad signature (expected 'FLV')", pos);
    }
    if (available < 9) return 0;
    const version = buf[pos + 3] ?? 0;
    if (version !== 1) this.fail(`unsupported FLV version ${version} (expected 1)`, pos + 3);
    const flags = buf[pos + 4] ?? 0;
    const headerSize = buf.readUInt32BE(pos + 5);
    if (headerSize < 9 || headerSize > MAX_HEADER_SIZE) this.fail(`bad FLV header size ${headerSize}`, pos + 5);
    if (available < headerSize + PREVIOUS_TAG_SIZE_BYTES) return 0;
    const prev0 = buf.readUInt32BE(pos + headerSize);
    if (prev0 !== 0) this.fail(`PreviousTagSize0 is ${prev0}, expected 0`, pos + headerSize);
    this.header = { version, hasAudio: (flags & 0x04) !== 0, hasVideo: (flags & 0x01) !== 0, headerSize };
    this.state = "tags";
    return headerSize + PREVIOUS_TAG_SIZE_BYTES;
  }

  /** Returns the bytes consumed by one tag + its PreviousTagSize, or 0 when more input is needed. */
  private readTag(pos: number, out: FlvTag[]): number {
    const buf = this.buffer;
    const available = buf.length - pos;
    if (available < 1) return 0;
    const b0 = buf[pos] ?? 0;
    if (b0 & 0x20) this.fail("encrypted FLV tags (filter bit) are not supported", pos);
    const type = b0 & 0x1f;
    if (type !== FLV_TAG_AUDIO && type !== FLV_TAG_VIDEO && type !== FLV_TAG_SCRIPT) {
      this.fail(`bad tag type ${type} (expected 8 audio, 9 video or 18 script)`, pos);
    }
    if (available < 4) return 0;
    const dataSize = buf.readUIntBE(pos + 1, 3);
    if (dataSize > MAX_TAG_DATA_SIZE) this.fail(`absurd tag size ${dataSize} bytes (limit ${MAX_TAG_DATA_SIZE})`, pos + 1);
    const total = TAG_HEADER_SIZE + dataSize + PREVIOUS_TAG_SIZE_BYTES;
    if (available < total) return 0;
    // 24-bit timestamp, then the extended byte holds bits 24-31.
    const timestamp = ((buf[pos + 7] ?? 0) * 0x1000000 + buf.readUIntBE(pos + 4, 3)) >>> 0;
    const dataStart = pos + TAG_HEADER_SIZE;
    const previous = buf.readUInt32BE(dataStart + dataSize);
    if (previous !== TAG_HEADER_SIZE + dataSize) {
      this.fail(`PreviousTagSize ${previous} does not match tag size ${TAG_HEADER_SIZE + dataSize}`, dataStart + dataSize);
    }
    // Own copy: the body outlives this parser's buffer (GOP cache, viewers).
    const data = Buffer.from(buf.subarray(dataStart, dataStart + dataSize));
    const streamOffset = this.bufferStart + dataStart;
    out.push({
      type,
      timestamp,
      data,
      video: type === FLV_TAG_VIDEO ? describeVideoBody(data, streamOffset) : null,
      audio: type === FLV_TAG_AUDIO ? describeAudioBody(data, streamOffset) : null,
    });
    return total;
  }
}

/** Parses a whole FLV file held in memory. */
export function parseFlvBuffer(bytes: Buffer): { header: FlvHeader; tags: FlvTag[] } {
  const parser = new FlvParser();
  const tags = parser.push(bytes);
  if (!parser.header) throw new FlvParseError("truncated FLV: header incomplete", bytes.length);
  if (parser.pendingBytes > 0) throw new FlvParseError(`truncated FLV: ${parser.pendingBytes} bytes of an incomplete tag at the end`, bytes.length - parser.pendingBytes);
  return { header: parser.header, tags };
}
