// Runs in the relay. Reads the HEVCDecoderConfigurationRecord of an H.265 sequence header (both FLV
// flavours carry the same record) and the picture size from its SPS, for stats and for Annex-B output.
import { BitReader, toRbsp } from "./rbsp-reader.js";

export class HevcConfigError extends Error {
  override readonly name = "HevcConfigError";
}

export const HEVC_NAL = { VPS: 32, SPS: 33, PPS: 34, AUD: 35, SEI_PREFIX: 39 } as const;

export interface HevcConfig {
  /** Bytes per NAL unit length prefix in coded frames (1, 2 or 4). */
  nalLengthSize: number;
  /** Parameter sets in decoder order (VPS, SPS, PPS, SEI…), without start codes. */
  parameterSets: Buffer[];
  profileIdc: number;
  levelIdc: number;
  width: number | null;
  height: number | null;
}

/** NAL unit type from the 2-byte H.265 NAL header. */
export function hevcNalType(nal: Buffer): number {
  return ((nal[0] ?? 0) >> 1) & 0x3f;
}

/** IRAP pictures (BLA, IDR, CRA: types 16-23) are where a decoder can start. */
export function isHevcIrap(type: number): boolean {
  return type >= 16 && type <= 23;
}

/** Parses the record (the codec payload of the sequence-header tag). */
export function parseHevcDecoderConfig(record: Buffer): HevcConfig {
  if (record.length < 23) throw new HevcConfigError(`HEVC config record too short (${record.length} bytes)`);
  if (record[0] !== 1) throw new HevcConfigError(`HEVC config record version ${record[0]} (expected 1)`);
  const profileIdc = (record[1] ?? 0) & 0x1f;
  const levelIdc = record[12] ?? 0;
  const nalLengthSize = ((record[21] ?? 0) & 0x03) + 1;
  if (nalLengthSize === 3) throw new HevcConfigError("HEVC config record uses a 3-byte NAL length, which is invalid");
  const arrays = record[22] ?? 0;
  let pos = 23;
  const parameterSets: Buffer[] = [];
  for (let a = 0; a < arrays; a++) {
    if (pos + 3 > record.length) throw new HevcConfigError("HEVC config record truncated in an array header");
    const count = record.readUInt16BE(pos + 1);
    pos += 3;
    for (let i = 0; i < count; i++) {
      if (pos + 2 > record.length) throw new HevcConfigError("HEVC config record truncated in a NAL length");
      const len = record.readUInt16BE(pos);
      pos += 2;
      if (len === 0 || pos + len > record.length) throw new HevcConfigError("HEVC config record truncated in NAL data");
      parameterSets.push(record.subarray(pos, pos + len));
      pos += len;
    }
  }
  const sps = parameterSets.find((n) => hevcNalType(n) === HEVC_NAL.SPS);
  if (!sps) throw new HevcConfigError("HEVC config record has no SPS");
  let size: { width: number; height: number } | null = null;
  try {
    size = parseHevcSpsSize(sps);
  } catch {
    // The size is for stats only; a decoder may still cope with an SPS we cannot read.
  }
  return { nalLengthSize, parameterSets, profileIdc, levelIdc, width: size?.width ?? null, height: size?.height ?? null };
}

/** Picture size after the conformance window (ITU-T H.265 7.3.2.2). */
export function parseHevcSpsSize(nal: Buffer): { width: number; height: number } {
  if (nal.length < 4 || hevcNalType(nal) !== HEVC_NAL.SPS) throw new HevcConfigError("not an SPS NAL unit");
  const r = new BitReader(toRbsp(nal.subarray(2)), (m) => new HevcConfigError(`SPS ${m}`));
  r.u(4); // sps_video_parameter_set_id
  const maxSubLayersMinus1 = r.u(3);
  r.u(1); // sps_temporal_id_nesting_flag
  // profile_tier_level(1, maxSubLayersMinus1): 88 bits general profile, 8 bits general level.
  r.u(32);
  r.u(32);
  r.u(24);
  r.u(8);
  const subProfile: boolean[] = [];
  const subLevel: boolean[] = [];
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    subProfile.push(r.u(1) === 1);
    subLevel.push(r.u(1) === 1);
  }
  if (maxSubLayersMinus1 > 0) for (let i = maxSubLayersMinus1; i < 8; i++) r.u(2);
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    if (subProfile[i]) {
      r.u(32);
      r.u(32);
      r.u(24);
    }
    if (subLevel[i]) r.u(8);
  }
  r.ue(); // sps_seq_parameter_set_id
  const chromaFormatIdc = r.ue();
  if (chromaFormatIdc === 3) r.u(1); // separate_colour_plane_flag
  const width = r.ue();
  const height = r.ue();
  let crop = { left: 0, right: 0, top: 0, bottom: 0 };
  if (r.u(1)) crop = { left: r.ue(), right: r.ue(), top: r.ue(), bottom: r.ue() };
  const subWidthC = chromaFormatIdc === 1 || chromaFormatIdc === 2 ? 2 : 1;
  const subHeightC = chromaFormatIdc === 1 ? 2 : 1;
  const w = width - subWidthC * (crop.left + crop.right);
  const h = height - subHeightC * (crop.top + crop.bottom);
  if (w <= 0 || h <= 0 || w > 16384 || h > 16384) throw new HevcConfigError(`SPS gives an impossible picture size ${w}x${h}`);
  return { width: w, height: h };
}
