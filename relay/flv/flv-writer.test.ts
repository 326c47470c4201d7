import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { FlvParser, parseFlvBuffer } from "./flv-parser.js";
import { flvHeaderBytes, flvTagBytes } from "./flv-writer.js";

it("writes header flags for video-only and audio+video", () => {
  expect(flvHeaderBytes({ hasAudio: false, hasVideo: true }).toString("hex")).toBe("464c5601010000000900000000");
  expect(flvHeaderBytes({ hasAudio: true, hasVideo: true })[4]).toBe(0x05);
  expect(new FlvParser().push(flvHeaderBytes({ hasAudio: true, hasVideo: false }))).toEqual([]);
});

it("round-trips a whole demo clip byte for byte", () => {
  const clip = readFileSync(fileURLToPath(new URL("../../resources/demo/plaza.flv", import.meta.url)));
  const { header, tags } = parseFlvBuffer(clip);
  const rebuilt = Buffer.concat([flvHeaderBytes(header), ...tags.map((t) => flvTagBytes(t.type, t.timestamp, t.data))]);
  expect(rebuilt.equals(clip)).toBe(true);
});

it("writes timestamps above 24 bits into the extended byte", () => {
  const bytes = flvTagBytes(9, 0x01abcdef, Buffer.from([0x27, 1, 0, 0, 0]));
  expect(bytes.readUIntBE(4, 3)).toBe(0xabcdef);
  expect(bytes[7]).toBe(0x01);
  expect(bytes.readUInt32BE(bytes.length - 4)).toBe(16);
  const [tag] = new FlvParser().push(Buffer.concat([flvHeaderBytes({ hasAudio: false, hasVideo: true }), bytes]));
  expect(tag?.timestamp).toBe(0x01abcdef);
});
