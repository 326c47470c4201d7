// Runs in the relay. Serializes FLV bytes for viewers: the file header and single tags.
import type { FlvTagType } from "./flv-parser.js";

/** FLV header (9 bytes) followed by PreviousTagSize0 (4 zero bytes): what a viewer receives first. */
export function flvHeaderBytes(opts: { hasAudio: boolean; hasVideo: boolean }): Buffer {
  const out = Buffer.alloc(13);
  out.write("FLV", 0, "latin1");
  out[3] = 1;
  out[4] = (opts.hasAudio ? 0x04 : 0) | (opts.hasVideo ? 0x01 : 0);
  out.writeUInt32BE(9, 5);
  // bytes 9..12 stay 0: PreviousTagSize0
  return out;
}

/** One tag: 11-byte header, body, PreviousTagSize. Timestamp is 32-bit (low 24 bits + extended byte). */
export function flvTagBytes(type: FlvTagType, timestamp: number, data: Buffer): Buffer {
  if (data.length > 0xffffff) throw new RangeError(`FLV tag body too large: ${data.length} bytes`);
  const ts = Math.max(0, Math.floor(timestamp)) >>> 0;
  const out = Buffer.allocUnsafe(11 + data.length + 4);
  out[0] = type;
  out.writeUIntBE(data.length, 1, 3);
  out.writeUIntBE(ts & 0xffffff, 4, 3);
  out[7] = (ts >>> 24) & 0xff;
  out.writeUIntBE(0, 8, 3); // stream id, always 0
  data.copy(out, 11);
  out.writeUInt32BE(11 + data.length, 11 + data.length);
  return out;
}
