import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { AvcConfigError, parseAvcDecoderConfig, parseSps } from "./avc-config.js";
import { parseFlvBuffer } from "./flv-parser.js";

function sequenceHeader(name: string): Buffer {
  const { tags } = parseFlvBuffer(readFileSync(fileURLToPath(new URL(`../../resources/demo/${name}.flv`, import.meta.url))));
  const seq = tags.find((t) => t.video?.isSequenceHeader);
  if (!seq?.video) throw new Error("no sequence header");
  return seq.data.subarray(seq.video.payloadOffset);
}

it.each(["crossroads", "riverside", "plaza", "mountain"])("reads 640x360 Main@3.0 from the %s sequence header", (name) => {
  const config = parseAvcDecoderConfig(sequenceHeader(name));
  expect(config).toMatchObject({ profileIdc: 77, levelIdc: 30, nalLengthSize: 4, width: 640, height: 360, codecString: "avc1.4d401e" });
  expect(config.sps).toHaveLength(1);
  expect(config.pps).toHaveLength(1);
});

// Hand-assembled SPS bit strings, to cover cropping, fields and High profile.
function spsFromBits(bits: string): Buffer {
  const padded = `${bits}1`.padEnd(Math.ceil((bits.length + 1) / 8) * 8, "0");
  const bytes = [0x67];
  for (let i = 0; i < padded.length; i += 8) bytes.push(parseInt(padded.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}
const ue = (v: number) => {
  const code = (v + 1).toString(2);
  return "0".repeat(code.length - 1) + code;
};
const u8 = (v: number) => v.toString(2).padStart(8, "0");

it("applies cropping for 1920x1080 (68 macroblock rows cropped by 8 lines)", () => {
  // Baseline 66, level 40; poc type 2; 120x68 MBs; frame_mbs_only; crop bottom 4 (x2 lines).
  const bits = u8(66) + u8(0) + u8(40) + ue(0) + ue(0) + ue(2) + ue(1) + "0" + ue(119) + ue(67) + "1" + "1" + "1" + ue(0) + ue(0) + ue(0) + ue(4) + "0";
  expect(parseSps(spsFromBits(bits))).toEqual({ profileIdc: 66, levelIdc: 40, width: 1920, height: 1080 });
});

it("handles High profile fields and interlaced (frame_mbs_only = 0) pictures", () => {
  // High 100: chroma 1, depths 0, no scaling; poc type 0; 45x18 map units, fields → 720x576.
  const bits = u8(100) + u8(0) + u8(30) + ue(0) + ue(1) + ue(0) + ue(0) + "0" + "0" + ue(0) + ue(0) + ue(0) + ue(4) + "0" + ue(44) + ue(17) + "0" + "0" + "1" + "0" + "0";
  expect(parseSps(spsFromBits(bits))).toMatchObject({ width: 720, height: 576 });
});

it("rejects truncated records with a clear error", () => {
  const record = sequenceHeader("crossroads");
  expect(() => parseAvcDecoderConfig(record.subarray(0, 10))).toThrow(AvcConfigError);
  expect(() => parseAvcDecoderConfig(record.subarray(0, 10))).toThrow(/truncated in SPS data/);
  expect(() => parseSps(Buffer.from([0x68, 1, 2, 3]))).toThrow(/not an SPS/);
});
