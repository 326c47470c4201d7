// Test helper: H.265 FLV in both flavours (Enhanced-RTMP 'hvc1' and legacy codec id 12) with a silent
// AAC track, built from real libx265 and AAC output. ffmpeg 5.1 cannot mux HEVC into FLV, so we do.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HEVC_NAL, hevcNalType, isHevcIrap } from "../flv/hevc-config.js";
import { toRbsp } from "../flv/rbsp-reader.js";
import { flvHeaderBytes, flvTagBytes } from "../flv/flv-writer.js";

export type HevcFlavour = "enhanced" | "legacy";

/** Splits an Annex-B byte stream into NAL units (start codes removed). */
export function splitAnnexB(bytes: Buffer): Buffer[] {
  const starts: Array<{ at: number; len: number }> = [];
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0 && bytes[i + 1] === 0 && bytes[i + 2] === 1) {
      const four = i > 0 && bytes[i - 1] === 0;
      starts.push({ at: four ? i - 1 : i, len: four ? 4 : 3 });
      i += 2;
    }
  }
  return starts.map((s, k) => bytes.subarray(s.at + s.len, starts[k + 1]?.at ?? bytes.length));
}

/** Groups NAL units into access units (new unit at AUD/VPS/SPS/PPS/prefix SEI or a first slice). */
export function accessUnits(nals: Buffer[]): Buffer[][] {
  const units: Buffer[][] = [];
  let current: Buffer[] = [];
  let hasVcl = false;
  for (const nal of nals) {
    const type = hevcNalType(nal);
    const opens = (type >= HEVC_NAL.VPS && type <= HEVC_NAL.AUD) || type === HEVC_NAL.SEI_PREFIX || (type < 32 && ((nal[2] ?? 0) & 0x80) !== 0);
    if (opens && hasVcl) {
      units.push(current);
      current = [];
      hasVcl = false;
    }
    current.push(nal);
    if (type < 32) hasVcl = true;
  }
  if (current.length) units.push(current);
  return units;
}

/** HEVCDecoderConfigurationRecord from VPS/SPS/PPS (4-byte NAL lengths). */
export function hevcConfigRecord(vps: Buffer, sps: Buffer, pps: Buffer): Buffer {
  const head = Buffer.alloc(23);
  head[0] = 1;
  // general profile_space/tier/idc, compatibility flags, constraint flags, level: RBSP bytes 1..12 of the SPS.
  toRbsp(sps.subarray(2)).copy(head, 1, 1, 13);
  head.writeUInt16BE(0xf000, 13);
  head[15] = 0xfc;
  head[16] = 0xfd; // chroma 4:2:0
  head[17] = 0xf8;
  head[18] = 0xf8;
  head.writeUInt16BE(0, 19);
  head[21] = 0x0f; // 1 temporal layer, nested, 4-byte lengths
  head[22] = 3;
  const array = (nal: Buffer) => {
    const a = Buffer.alloc(5);
    a[0] = 0x80 | hevcNalType(nal);
    a.writeUInt16BE(1, 1);
    a.writeUInt16BE(nal.length, 3);
    return Buffer.concat([a, nal]);
  };
  return Buffer.concat([head, array(vps), array(sps), array(pps)]);
}

function lengthPrefixed(nals: Buffer[]): Buffer {
  return Buffer.concat(nals.flatMap((n) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(n.length);
    return [len, n];
  }));
}

/** Video tag body in either flavour. packetType: 0 config, 1 frames, 2 end of sequence. */
export function hevcVideoBody(flavour: HevcFlavour, keyframe: boolean, packetType: 0 | 1 | 2, payload: Buffer, useX = false): Buffer {
  const frameType = keyframe ? 1 : 2;
  if (flavour === "legacy") {
    return Buffer.concat([Buffer.from([(frameType << 4) | 12, packetType, 0, 0, 0]), payload]);
  }
  // CodedFramesX (3): same as CodedFrames with composition time 0, and no CTS field.
  const exType = packetType === 1 && useX ? 3 : packetType;
  const head = Buffer.from([0x80 | (frameType << 4) | exType, ...Buffer.from("hvc1", "latin1")]);
  return Buffer.concat(exType === 1 ? [head, Buffer.from([0, 0, 0]), payload] : [head, payload]);
}

/** AAC ADTS stream → AudioSpecificConfig and raw frames. */
export function splitAdts(bytes: Buffer): { config: Buffer; frames: Buffer[]; sampleRate: number } {
  const rates = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];
  const frames: Buffer[] = [];
  let config: Buffer | null = null;
  let sampleRate = 44100;
  for (let pos = 0; pos + 7 <= bytes.length; ) {
    const protectionAbsent = (bytes[pos + 1] ?? 0) & 1;
    const profile = ((bytes[pos + 2] ?? 0) >> 6) + 1;
    const sfi = ((bytes[pos + 2] ?? 0) >> 2) & 0x0f;
    const channels = (((bytes[pos + 2] ?? 0) & 1) << 2) | ((bytes[pos + 3] ?? 0) >> 6);
    const len = (((bytes[pos + 3] ?? 0) & 3) << 11) | ((bytes[pos + 4] ?? 0) << 3) | ((bytes[pos + 5] ?? 0) >> 5);
    const headerLen = protectionAbsent ? 7 : 9;
    if (len < headerLen) break;
    config ??= Buffer.from([(profile << 3) | (sfi >> 1), ((sfi & 1) << 7) | (channels << 3)]);
    sampleRate = rates[sfi] ?? 44100;
    frames.push(bytes.subarray(pos + headerLen, pos + len));
    pos += len;
  }
  if (!config) throw new Error("no ADTS frames");
  return { config, frames, sampleRate };
}

function metadataBody(width: number, height: number, fps: number): Buffer {
  const str = (s: string) => {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(s.length);
    return Buffer.concat([b, Buffer.from(s, "latin1")]);
  };
  const num = (n: number) => {
    const b = Buffer.alloc(9);
    b[0] = 0;
    b.writeDoubleBE(n, 1);
    return b;
  };
  const count = Buffer.alloc(4);
  count.writeUInt32BE(3);
  return Buffer.concat([Buffer.from([2]), str("onMetaData"), Buffer.from([8]), count, str("width"), num(width), str("height"), num(height), str("framerate"), num(fps), Buffer.from([0, 0, 9])]);
}

export interface HevcClipOptions {
  dir: string;
  flavour: HevcFlavour;
  seconds?: number;
  width?: number;
  height?: number;
  fps?: number;
  /** Keyframe interval in frames. */
  gop?: number;
  audio?: boolean;
  ffmpeg?: string;
}

/** Writes an H.265 FLV clip and returns its path. Raw libx265 and AAC files are cached in `dir`. */
export function makeHevcFlv(opts: HevcClipOptions): string {
  const { dir, flavour, seconds = 3, width = 320, height = 180, fps = 25, gop = 25, audio = true, ffmpeg = "ffmpeg" } = opts;
  const hevcPath = join(dir, `clip-${width}x${height}-${fps}-${gop}-${seconds}.hevc`);
  const aacPath = join(dir, `silence-${seconds}.aac`);
  const run = (args: string[]) => execFileSync(ffmpeg, ["-hide_banner", "-loglevel", "error", "-y", ...args], { stdio: ["ignore", "ignore", "pipe"] });
  run(["-f", "lavfi", "-i", `testsrc2=size=${width}x${height}:rate=${fps}`, "-t", String(seconds), "-c:v", "libx265", "-preset", "ultrafast",
    "-x265-params", `keyint=${gop}:min-keyint=${gop}:scenecut=0:bframes=0:log-level=error`, "-f", "hevc", hevcPath]);
  if (audio) run(["-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono", "-t", String(seconds), "-c:a", "aac", "-b:a", "32k", "-f", "adts", aacPath]);

  const units = accessUnits(splitAnnexB(readFileSync(hevcPath)));
  const all = units.flat();
  const find = (type: number) => all.find((n) => hevcNalType(n) === type);
  const [vps, sps, pps] = [find(HEVC_NAL.VPS), find(HEVC_NAL.SPS), find(HEVC_NAL.PPS)];
  if (!vps || !sps || !pps) throw new Error("libx265 output lacks VPS/SPS/PPS");
  const tags: Array<{ type: 8 | 9 | 18; ts: number; data: Buffer }> = [];
  tags.push({ type: 18, ts: 0, data: metadataBody(width, height, fps) });
  tags.push({ type: 9, ts: 0, data: hevcVideoBody(flavour, true, 0, hevcConfigRecord(vps, sps, pps)) });
  units.forEach((unit, i) => {
    const keyframe = unit.some((n) => isHevcIrap(hevcNalType(n)));
    const nals = unit.filter((n) => ![HEVC_NAL.VPS, HEVC_NAL.SPS, HEVC_NAL.PPS, HEVC_NAL.AUD].includes(hevcNalType(n) as 32));
    tags.push({ type: 9, ts: Math.round((i * 1000) / fps), data: hevcVideoBody(flavour, keyframe, 1, lengthPrefixed(nals), i % 2 === 1) });
  });
  if (audio) {
    const aac = splitAdts(readFileSync(aacPath));
    tags.push({ type: 8, ts: 0, data: Buffer.concat([Buffer.from([0xaf, 0]), aac.config]) });
    aac.frames.forEach((f, i) => tags.push({ type: 8, ts: Math.round((i * 1024 * 1000) / aac.sampleRate), data: Buffer.concat([Buffer.from([0xaf, 1]), f]) }));
  }
  // Configs first, then media by timestamp (stable: video before audio at equal times).
  const order = (t: { type: number; data: Buffer }) => (t.type === 18 ? 0 : (t.type === 9 && (t.data[0]! & 0x80 ? (t.data[0]! & 0x0f) === 0 : t.data[1] === 0)) || (t.type === 8 && t.data[1] === 0) ? 1 : 2);
  tags.sort((a, b) => order(a) - order(b) || a.ts - b.ts);
  const last = tags[tags.length - 1]?.ts ?? 0;
  tags.push({ type: 9, ts: last, data: hevcVideoBody(flavour, false, 2, Buffer.alloc(0)) });
  const path = join(dir, `hevc-${flavour}-${width}x${height}${audio ? "" : "-noaudio"}.flv`);
  writeFileSync(path, Buffer.concat([flvHeaderBytes({ hasAudio: audio, hasVideo: true }), ...tags.map((t) => flvTagBytes(t.type, t.ts, t.data))]));
  return path;
}
