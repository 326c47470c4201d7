// Runs in the relay. Reads the AVCDecoderConfigurationRecord of an AVC sequence header and the
// first SPS inside it, so stream stats can show profile, level and the real picture size.

import { BitReader, toRbsp } from "./rbsp-reader.js";

export class AvcConfigError extends Error {
  override readonly name = "AvcConfigError";
}

export interface AvcConfig {
  profileIdc: number;
  profileCompatibility: number;
  levelIdc: number;
  /** Bytes per NAL unit length prefix (1, 2 or 4). */
  nalLengthSize: number;
  sps: Buffer[];
  pps: Buffer[];
  width: number;
  height: number;
  /** RFC 6381 codec string, e.g. "avc1.4d401e". */
  codecString: string;
}

const PROFILE_NAMES: Record<number, string> = {
  66: "Baseline", 77: "Main", 88: "Extended", 100: "High", 110: "High 10", 122: "High 4:2:2", 244: "High 4:4:4",
};

export function avcProfileName(profileIdc: number): string {
  return PROFILE_NAMES[profileIdc] ?? `profile ${profileIdc}`;
}

/** Parses the record (the tag body after the 5-byte AVC video header). */
export function parseAvcDecoderConfig(record: Buffer): AvcConfig {
  if (record.length < 7) throw new AvcConfigError(`AVC config record too short (${record.length} bytes)`);
  if (record[0] !== 1) throw new AvcConfigError(`AVC config record version ${record[0]} (expected 1)`);
  const nalLengthSize = ((record[4] ?? 0) & 0x03) + 1;
  let pos = 6; // after version, profile, compat, level, length size, SPS count
  const readSets = (count: number, what: string): Buffer[] => {
    const sets: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      if (pos + 2 > record.length) throw new AvcConfigError(`AVC config record truncated in ${what} length`);
      const len = record.readUInt16BE(pos);
      pos += 2;
      if (pos + len > record.length) throw new AvcConfigError(`AVC config record truncated in ${what} data`);
      sets.push(record.subarray(pos, pos + len));
      pos += len;
    }
    return sets;
  };
  const sps = readSets((record[5] ?? 0) & 0x1f, "SPS");
  if (pos >= record.length) throw new AvcConfigError("AVC config record truncated before PPS count");
  const ppsCount = record[pos] ?? 0;
  pos += 1;
  const pps = readSets(ppsCount, "PPS");
  const first = sps[0];
  if (!first) throw new AvcConfigError("AVC config record has no SPS");
  const info = parseSps(first);
  const hex = (n: number) => n.toString(16).padStart(2, "0");
  return {
    profileIdc: record[1] ?? 0,
    profileCompatibility: record[2] ?? 0,
    levelIdc: record[3] ?? 0,
    nalLengthSize,
    sps,
    pps,
    width: info.width,
    height: info.height,
    codecString: `avc1.${hex(record[1] ?? 0)}${hex(record[2] ?? 0)}${hex(record[3] ?? 0)}`,
  };
}

const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

/** Picture size from an SPS NAL unit (with its 1-byte NAL header), after cropping (ITU-T H.264 7.3.2.1.1). */
export function parseSps(nal: Buffer): { profileIdc: number; levelIdc: number; width: number; height: number } {
  if (nal.length < 4 || ((nal[0] ?? 0) & 0x1f) !== 7) throw new AvcConfigError("not an SPS NAL unit");
  const r = new BitReader(toRbsp(nal.subarray(1)), (m) => new AvcConfigError(`SPS ${m}`));
  const profileIdc = r.u(8);
  r.u(8); // constraint flags
  const levelIdc = r.u(8);
  r.ue(); // seq_parameter_set_id
  let chromaFormatIdc = 1;
  let separateColourPlane = 0;
  if (HIGH_PROFILES.has(profileIdc)) {
    chromaFormatIdc = r.ue();
    if (chromaFormatIdc === 3) separateColourPlane = r.u(1);
    r.ue(); // bit_depth_luma_minus8
    r.ue(); // bit_depth_chroma_minus8
    r.u(1); // qpprime_y_zero_transform_bypass_flag
    if (r.u(1)) {
      const lists = chromaFormatIdc === 3 ? 12 : 8;
      for (let i = 0; i < lists; i++) {
        if (r.u(1)) skipScalingList(r, i < 6 ? 16 : 64);
      }
    }
  }
  r.ue(); // log2_max_frame_num_minus4
  const pocType = r.ue();
  if (pocType === 0) {
    r.ue(); // log2_max_pic_order_cnt_lsb_minus4
  } else if (pocType === 1) {
    r.u(1); // delta_pic_order_always_zero_flag
    r.se(); // offset_for_non_ref_pic
    r.se(); // offset_for_top_to_bottom_field
    const cycle = r.ue();
    if (cycle > 255) throw new AvcConfigError("SPS num_ref_frames_in_pic_order_cnt_cycle out of range");
    for (let i = 0; i < cycle; i++) r.se();
  }
  r.ue(); // max_num_ref_frames
  r.u(1); // gaps_in_frame_num_value_allowed_flag
  const widthMbs = r.ue() + 1;
  const heightMapUnits = r.ue() + 1;
  const frameMbsOnly = r.u(1);
  if (!frameMbsOnly) r.u(1); // mb_adaptive_frame_field_flag
  r.u(1); // direct_8x8_inference_flag
  let cropLeft = 0, cropRight = 0, cropTop = 0, cropBottom = 0;
  if (r.u(1)) {
    cropLeft = r.ue();
    cropRight = r.ue();
    cropTop = r.ue();
    cropBottom = r.ue();
  }
  // Crop units depend on chroma subsampling and on field coding (Table 6-1, eq. 7-19..7-22).
  const chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
  const subWidthC = chromaFormatIdc === 3 ? 1 : 2;
  const subHeightC = chromaFormatIdc === 1 ? 2 : 1;
  const cropUnitX = chromaArrayType === 0 ? 1 : subWidthC;
  const cropUnitY = (chromaArrayType === 0 ? 1 : subHeightC) * (2 - frameMbsOnly);
  const width = widthMbs * 16 - cropUnitX * (cropLeft + cropRight);
  const height = (2 - frameMbsOnly) * heightMapUnits * 16 - cropUnitY * (cropTop + cropBottom);
  if (width <= 0 || height <= 0) throw new AvcConfigError(`SPS gives an impossible picture size ${width}x${height}`);
  return { profileIdc, levelIdc, width, height };
}

function skipScalingList(r: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j++) {
    if (next !== 0) next = (last + r.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}
