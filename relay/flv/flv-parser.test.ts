import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FLV_TAG_SCRIPT, FLV_TAG_VIDEO, FlvParseError, FlvParser, parseFlvBuffer, type FlvTag } from "./flv-parser.js";
import { flvHeaderBytes, flvTagBytes } from "./flv-writer.js";

const clipPath = (name: string) => fileURLToPath(new URL(`../../resources/demo/${name}.flv`, import.meta.url));
const crossroads = readFileSync(clipPath("crossroads"));

function expectParseError(fn: () => unknown, message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(FlvParseError);
  expect((caught as Error).message).toMatch(message);
}

describe("FlvParser on the demo clips", () => {
  it("reads the header and the first tags: metadata, AVC sequence header, keyframe", () => {
    const { header, tags } = parseFlvBuffer(crossroads);
    expect(header).toEqual({ version: 1, hasAudio: false, hasVideo: true, headerSize: 9 });
    const [script, seq, key, inter] = tags as [FlvTag, FlvTag, FlvTag, FlvTag];
    expect(script.type).toBe(FLV_TAG_SCRIPT);
    expect(script.data.toString("latin1", 3, 13)).toBe("onMetaData");
    expect(seq.type).toBe(FLV_TAG_VIDEO);
    expect(seq.video).toMatchObject({ codec: "avc", codecId: 7, isSequenceHeader: true, packetType: 0, isKeyframe: true });
    expect(key.video).toMatchObject({ codec: "avc", isSequenceHeader: false, packetType: 1, isKeyframe: true, compositionTime: 0 });
    expect(key.timestamp).toBe(0);
    expect(inter.video?.isKeyframe).toBe(false);
    expect(inter.timestamp).toBe(40);
  });

  it.each(["crossroads", "riverside", "plaza", "mountain"])("parses all of %s: 200 frames, a keyframe every second, monotonic timestamps", (name) => {
    const { tags } = parseFlvBuffer(readFileSync(clipPath(name)));
    const frames = tags.filter((t) => t.video && !t.video.isSequenceHeader && !t.video.isEndOfSequence);
    expect(frames).toHaveLength(200);
    // ffmpeg ends the file with an AVC end-of-sequence tag.
    expect(tags.at(-1)?.video).toMatchObject({ isEndOfSequence: true, packetType: 2 });
    expect(frames.filter((t) => t.video?.isKeyframe).map((t) => t.timestamp)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000]);
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.timestamp).toBeGreaterThanOrEqual(frames[i - 1]!.timestamp);
  });
});

describe("FlvParser chunking", () => {
  const whole = parseFlvBuffer(crossroads).tags;
  const summary = (tags: FlvTag[]) => tags.map((t) => `${t.type}:${t.timestamp}:${t.data.length}:${t.data.subarray(0, 8).toString("hex")}`);

  it("gives the same tags for a two-way split at every byte of a small slice", () => {
    // Header + metadata + sequence header: a few hundred bytes, every split point tried.
    let end = 13;
    for (let i = 0; i < 2; i++) end += 11 + crossroads.readUIntBE(end + 1, 3) + 4;
    const slice = crossroads.subarray(0, end);
    const expected = summary(parseFlvBuffer(slice).tags);
    expect(expected).toHaveLength(2);
    for (let split = 0; split <= slice.length; split++) {
      const parser = new FlvParser();
      const tags = [...parser.push(slice.subarray(0, split)), ...parser.push(slice.subarray(split))];
      expect(summary(tags)).toEqual(expected);
      expect(parser.pendingBytes).toBe(0);
    }
  });

  it("gives the same tags when fed one byte at a time and in random chunks", () => {
    const slice = crossroads.subarray(0, 64 * 1024);
    const parser = new FlvParser();
    const byByte: FlvTag[] = [];
    for (let i = 0; i < slice.length; i++) byByte.push(...parser.push(slice.subarray(i, i + 1)));
    expect(summary(byByte)).toEqual(summary(whole.slice(0, byByte.length)));
    expect(byByte.length).toBeGreaterThan(3);

    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) % 5000) + 1;
    const chunked = new FlvParser();
    const out: FlvTag[] = [];
    for (let pos = 0; pos < crossroads.length; ) {
      const n = rand();
      out.push(...chunked.push(crossroads.subarray(pos, pos + n)));
      pos += n;
    }
    expect(summary(out)).toEqual(summary(whole));
  });
});

describe("FlvParser bad input", () => {
  it("rejects a wrong signature as soon as the first bytes arrive", () => {
    expectParseError(() => new FlvParser().push(Buffer.from("GIF89a")), /not an FLV stream: bad signature/);
    expectParseError(() => new FlvParser().push(Buffer.from("FX")), /bad signature/);
  });

  it("rejects an unsupported version and a bad header size", () => {
    const v2 = Buffer.from(flvHeaderBytes({ hasAudio: false, hasVideo: true }));
    v2[3] = 2;
    expectParseError(() => new FlvParser().push(v2), /unsupported FLV version 2/);
    const big = Buffer.from(flvHeaderBytes({ hasAudio: false, hasVideo: true }));
    big.writeUInt32BE(1 << 30, 5);
    expectParseError(() => new FlvParser().push(big), /bad FLV header size/);
  });

  it("rejects an absurd tag size without waiting for the bytes", () => {
    const tag = Buffer.from([9, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0]);
    expectParseError(() => new FlvParser().push(Buffer.concat([flvHeaderBytes({ hasAudio: false, hasVideo: true }), tag])), /absurd tag size 16777215/);
  });

  it("rejects a bad tag type and names it", () => {
    const tag = flvTagBytes(9, 0, Buffer.from([0x27, 1, 0, 0, 0]));
    tag[0] = 7;
    expectParseError(() => new FlvParser().push(Buffer.concat([flvHeaderBytes({ hasAudio: false, hasVideo: true }), tag])), /bad tag type 7/);
  });

  it("rejects an inconsistent PreviousTagSize", () => {
    const tag = flvTagBytes(9, 0, Buffer.from([0x27, 1, 0, 0, 0]));
    tag.writeUInt32BE(99, tag.length - 4);
    expectParseError(() => new FlvParser().push(Buffer.concat([flvHeaderBytes({ hasAudio: false, hasVideo: true }), tag])), /PreviousTagSize 99 does not match tag size 16/);
  });

  it("waits on truncated input, and parseFlvBuffer reports the truncation", () => {
    const parser = new FlvParser();
    expect(parser.push(crossroads.subarray(0, 100))).toEqual([]);
    expect(parser.pendingBytes).toBe(87);
    expectParseError(() => parseFlvBuffer(crossroads.subarray(0, 5000)), /truncated FLV/);
    expectParseError(() => parseFlvBuffer(crossroads.subarray(0, 5)), /truncated FLV: header incomplete/);
  });

  it("stays failed after an error", () => {
    const parser = new FlvParser();
    expectParseError(() => parser.push(Buffer.from("XYZ")), /bad signature/);
    expectParseError(() => parser.push(crossroads), /bad signature/);
  });
});

describe("FlvParser codec fields", () => {
  const header = flvHeaderBytes({ hasAudio: true, hasVideo: true });
  const parseOne = (type: 8 | 9 | 18, ts: number, body: number[]) => {
    const tags = new FlvParser().push(Buffer.concat([header, flvTagBytes(type, ts, Buffer.from(body))]));
    expect(tags).toHaveLength(1);
    return tags[0]!;
  };

  it("reads the extended timestamp byte", () => {
    expect(parseOne(9, 0x12345678, [0x27, 1, 0, 0, 0]).timestamp).toBe(0x12345678);
    expect(parseOne(9, 0xfffffffe, [0x27, 1, 0, 0, 0]).timestamp).toBe(0xfffffffe);
  });

  it("reads a negative composition time and legacy HEVC (codec id 12)", () => {
    expect(parseOne(9, 0, [0x27, 1, 0xff, 0xff, 0xd8]).video?.compositionTime).toBe(-40);
    expect(parseOne(9, 0, [0x1c, 0, 0, 0, 0]).video).toMatchObject({ codec: "hevc", codecId: 12, isSequenceHeader: true, isKeyframe: true });
  });

  it("recognises Enhanced RTMP hvc1 tags", () => {
    const fourCC = [...Buffer.from("hvc1")];
    expect(parseOne(9, 0, [0x90, ...fourCC]).video).toMatchObject({ codec: "hevc", fourCC: "hvc1", isSequenceHeader: true, codecId: null });
    expect(parseOne(9, 0, [0x91, ...fourCC, 0, 0, 80, 0xaa]).video).toMatchObject({ codec: "hevc", isKeyframe: true, isSequenceHeader: false, compositionTime: 80, payloadOffset: 8 });
    expect(parseOne(9, 0, [0xa3, ...fourCC, 0xaa]).video).toMatchObject({ isKeyframe: false, compositionTime: 0, payloadOffset: 5 });
  });

  it("reads AAC packet types", () => {
    expect(parseOne(8, 0, [0xaf, 0, 0x12, 0x10]).audio).toEqual({ soundFormat: 10, aacPacketType: 0, isSequenceHeader: true });
    expect(parseOne(8, 23, [0xaf, 1, 0x21]).audio).toEqual({ soundFormat: 10, aacPacketType: 1, isSequenceHeader: false });
    expect(parseOne(8, 0, [0x2f, 0xff]).audio).toEqual({ soundFormat: 2, aacPacketType: null, isSequenceHeader: false });
  });

  it("rejects a video tag too short for its AVC header", () => {
    expectParseError(() => new FlvParser().push(Buffer.concat([header, flvTagBytes(9, 0, Buffer.from([0x17, 1]))])), /shorter than its 5-byte header/);
  });
});
