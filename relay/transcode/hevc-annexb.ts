// Runs in the relay. Debian's ffmpeg 5.1 cannot demux H.265 inside FLV (neither flavour), so the relay
// unwraps it: config record + length-prefixed NAL units → an Annex-B elementary stream ffmpeg reads with -f hevc.
import { HEVC_NAL, HevcConfigError, hevcNalType, parseHevcDecoderConfig, type HevcConfig } from "../flv/hevc-config.js";

const START_CODE = Buffer.from([0, 0, 0, 1]);
/** Access unit delimiter (type 35, pic_type 2 = any). Written after each frame: ffmpeg's raw parser closes a
 *  frame only when it sees the next access unit begin, so this saves a frame of latency. */
const AUD = Buffer.from([0, 0, 0, 1, HEVC_NAL.AUD << 1, 0x01, 0x50]);

export class HevcAnnexBWriter {
  private config: HevcConfig | null = null;
  private started = false;

  get hasConfig(): boolean {
    return this.config !== null;
  }

  get width(): number | null {
    return this.config?.width ?? null;
  }

  get height(): number | null {
    return this.config?.height ?? null;
  }

  /** Takes the HEVCDecoderConfigurationRecord; throws HevcConfigError when unreadable. */
  setConfig(record: Buffer): void {
    this.config = parseHevcDecoderConfig(record);
  }

  /** One coded frame as an Annex-B access unit (parameter sets first on keyframes); null before any config. */
  frame(payload: Buffer, keyframe: boolean): Buffer | null {
    const config = this.config;
    if (!config) return null;
    const nals = splitLengthPrefixed(payload, config.nalLengthSize);
    const parts: Buffer[] = [];
    if (!this.started) parts.push(AUD);
    this.started = true;
    const carriesParams = nals.some((n) => hevcNalType(n) === HEVC_NAL.SPS);
    if (keyframe && !carriesParams) for (const ps of config.parameterSets) parts.push(START_CODE, ps);
    for (const nal of nals) {
      if (hevcNalType(nal) === HEVC_NAL.AUD) continue; // ours closes the unit
      parts.push(START_CODE, nal);
    }
    parts.push(AUD);
    return Buffer.concat(parts);
  }
}

export function splitLengthPrefixed(payload: Buffer, lengthSize: number): Buffer[] {
  const nals: Buffer[] = [];
  let pos = 0;
  while (pos < payload.length) {
    if (pos + lengthSize > payload.length) throw new HevcConfigError("coded frame truncated in a NAL length");
    const len = payload.readUIntBE(pos, lengthSize);
    pos += lengthSize;
    if (len === 0) continue;
    if (pos + len > payload.length) throw new HevcConfigError(`coded frame truncated: NAL of ${len} bytes, ${payload.length - pos} left`);
    nals.push(payload.subarray(pos, pos + len));
    pos += len;
  }
  return nals;
}
