import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseFlvBuffer, type FlvTag } from "../flv/flv-parser.js";
import { GopCache, scriptTagName } from "./gop-cache.js";

const tags = parseFlvBuffer(readFileSync(fileURLToPath(new URL("../../resources/demo/crossroads.flv", import.meta.url)))).tags;

function audio(ts: number, config = false): FlvTag {
  return { type: 8, timestamp: ts, data: Buffer.from([0xaf, config ? 0 : 1, 0x12]), video: null, audio: { soundFormat: 10, aacPacketType: config ? 0 : 1, isSequenceHeader: config } };
}

describe("GopCache", () => {
  it("holds metadata, sequence header and the frames since the last keyframe", () => {
    const cache = new GopCache();
    // Up to and including the frame at 2480 ms: the last keyframe is at 2000 ms → 13 frames.
    for (const tag of tags) if (tag.timestamp <= 2480) cache.push(tag);
    const snap = cache.snapshot();
    expect(snap.metadata && scriptTagName(snap.metadata.data)).toBe("onMetaData");
    expect(snap.videoConfig?.video?.isSequenceHeader).toBe(true);
    expect(snap.audioConfig).toBeNull();
    expect(snap.frames.map((t) => t.timestamp)).toEqual(Array.from({ length: 13 }, (_, i) => 2000 + i * 40));
    expect(snap.frames[0]?.video?.isKeyframe).toBe(true);
  });

  it("ignores frames before the first keyframe and the end-of-sequence marker", () => {
    const cache = new GopCache();
    const frames = tags.filter((t) => t.video && !t.video.isSequenceHeader);
    for (const tag of frames.slice(1, 10)) cache.push(tag); // no keyframe among them
    expect(cache.snapshot().frames).toHaveLength(0);
    for (const tag of tags) cache.push(tag);
    // Last GOP: 7000..7960 = 25 frames; the trailing end-of-sequence tag is not cached.
    expect(cache.snapshot().frames).toHaveLength(25);
  });

  it("keeps audio inside the GOP and the AAC config aside", () => {
    const cache = new GopCache();
    cache.push(audio(0, true));
    for (const tag of tags.slice(0, 4)) cache.push(tag);
    cache.push(audio(45));
    const snap = cache.snapshot();
    expect(snap.audioConfig?.audio?.isSequenceHeader).toBe(true);
    expect(snap.frames.map((t) => t.type)).toEqual([9, 9, 8]);
  });

  it("treats every audio frame as a start point when there is no video", () => {
    const cache = new GopCache();
    cache.push(audio(0, true));
    cache.push(audio(23));
    cache.push(audio(46));
    expect(cache.snapshot().frames.map((t) => t.timestamp)).toEqual([46]);
  });

  it("drops the cached frames when they exceed the limit or the video config changes", () => {
    const small = new GopCache({ maxBytes: 1_000_000, maxTags: 5 });
    for (const tag of tags.slice(0, 12)) small.push(tag);
    expect(small.snapshot().frames).toHaveLength(0);

    const cache = new GopCache();
    for (const tag of tags.slice(0, 6)) cache.push(tag);
    expect(cache.snapshot().frames.length).toBeGreaterThan(0);
    const seq = tags[1]!;
    cache.push(seq); // same config: kept
    expect(cache.snapshot().frames.length).toBeGreaterThan(0);
    cache.push({ ...seq, data: Buffer.concat([seq.data, Buffer.from([0])]) });
    expect(cache.snapshot().frames).toHaveLength(0);
  });
});
