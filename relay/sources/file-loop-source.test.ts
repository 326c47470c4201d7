import { mkdtempSync, rmSync, symlinkSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parseFlvBuffer, type FlvTag } from "../flv/flv-parser.js";
import { flvHeaderBytes, flvTagBytes } from "../flv/flv-writer.js";
import { FileLoopSource } from "./file-loop-source.js";
import { within } from "../../tests/support/wait-for.js";
import { MediaPathError, resolveMediaPath } from "./media-path.js";

const demoRoot = fileURLToPath(new URL("../../resources/demo/", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "vigil-loop-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** First second of a demo clip (config + one GOP) plus the trailing end-of-sequence tag: loops every second. */
function writeOneSecondClip(): string {
  const { header, tags } = parseFlvBuffer(readFileSync(join(demoRoot, "crossroads.flv")));
  const keep = [...tags.filter((t) => t.timestamp < 1000 && !t.video?.isEndOfSequence), ...tags.filter((t) => t.video?.isEndOfSequence)];
  const path = join(dir, "one-second.flv");
  writeFileSync(path, Buffer.concat([flvHeaderBytes(header), ...keep.map((t) => flvTagBytes(t.type, t.timestamp, t.data))]));
  return path;
}

function firstError(source: FileLoopSource): Promise<Error> {
  return new Promise((resolve) => {
    source.on("error", resolve);
    source.start();
  });
}

describe("media root confinement", () => {
  it("resolves relative paths inside the root and refuses traversal, absolute escapes and no root", () => {
    expect(resolveMediaPath(demoRoot, "plaza.flv")).toBe(join(demoRoot, "plaza.flv"));
    expect(resolveMediaPath(demoRoot, join(demoRoot, "sub", "x.flv"))).toBe(join(demoRoot, "sub", "x.flv"));
    expect(() => resolveMediaPath(demoRoot, "../../etc/passwd")).toThrow(MediaPathError);
    expect(() => resolveMediaPath(demoRoot, "../../etc/passwd")).toThrow(/"..\/..\/etc\/passwd" refused: it resolves outside the media root/);
    expect(() => resolveMediaPath(demoRoot, "/etc/passwd")).toThrow(/outside the media root/);
    expect(() => resolveMediaPath(demoRoot, `${demoRoot.replace(/\/$/, "")}-evil/x.flv`)).toThrow(/outside the media root/);
    expect(() => resolveMediaPath(demoRoot, ".")).toThrow(/outside the media root/);
    expect(() => resolveMediaPath(null, "plaza.flv")).toThrow(/no media root configured/);
  });

  it("reports a missing file by name", async () => {
    const path = join(dir, "nope.flv");
    const err = await firstError(new FileLoopSource({ path, mediaRoot: dir }));
    expect(err.message).toBe(`source file not found: ${path}`);
  });

  it("refuses a symlink that leads out of the root", async () => {
    const link = join(dir, "escape.flv");
    symlinkSync("/etc/hostname", link);
    const err = await firstError(new FileLoopSource({ path: link, mediaRoot: dir }));
    expect(err.message).toMatch(/links outside the media root/);
  });

  it("names the file when it is not FLV", async () => {
    const path = join(dir, "text.flv");
    writeFileSync(path, "hello, not video");
    const err = await firstError(new FileLoopSource({ path, mediaRoot: dir }));
    expect(err.message).toMatch(new RegExp(`bad FLV file ${path}: not an FLV stream`));
  });
});

describe("FileLoopSource", () => {
  it("paces tags in real time and loops with continuous timestamps, config sent once", async () => {
    const source = new FileLoopSource({ path: writeOneSecondClip(), mediaRoot: dir });
    const got: Array<{ tag: FlvTag; at: number }> = [];
    let startedAt = 0;
    source.on("header", (h) => {
      expect(h.hasVideo).toBe(true);
      startedAt = performance.now();
    });
    // Stops right after the frame at 2280 ms: 2.3 s of media, across two seams.
    const stopped = new Promise<void>((resolve) => {
      source.on("tag", (tag) => {
        got.push({ tag, at: performance.now() });
        if (tag.video && !tag.video.isSequenceHeader && tag.timestamp >= 2280) {
          source.stop();
          resolve();
        }
      });
    });
    source.start();
    await within("2.3 s of media", stopped);
    const count = got.length;
    // Nothing after stop(): a yardstick source started now paces its first frames; by its frame at 80 ms two frame
    // slots have passed, in which the stopped source would have sent, had it not stopped.
    const yardstick = new FileLoopSource({ path: writeOneSecondClip(), mediaRoot: dir });
    const twoSlots = new Promise<void>((resolve) => yardstick.on("tag", (tag) => void (tag.video && !tag.video.isSequenceHeader && tag.timestamp >= 80 && resolve())));
    yardstick.start();
    try {
      await within("the yardstick's frame at 80 ms", twoSlots);
    } finally {
      yardstick.stop();
    }
    expect(got.length).toBe(count);

    expect(got[0]?.tag.type).toBe(18);
    expect(got[1]?.tag.video?.isSequenceHeader).toBe(true);
    const configs = got.filter((g) => g.tag.type === 18 || g.tag.video?.isSequenceHeader);
    expect(configs).toHaveLength(2); // not re-sent on later loops
    expect(got.some((g) => g.tag.video?.isEndOfSequence)).toBe(false);

    const media = got.filter((g) => g.tag.video && !g.tag.video.isSequenceHeader);
    // 0..2280 ms at 25 fps, across two seams (1000 and 2000 ms), each a keyframe.
    expect(media).toHaveLength(58);
    media.forEach((g, i) => expect(g.tag.timestamp).toBe(i * 40));
    expect(media.filter((g) => g.tag.video?.isKeyframe).map((g) => g.tag.timestamp)).toEqual([0, 1000, 2000]);
    for (const g of media) {
      const late = g.at - startedAt - g.tag.timestamp;
      expect(late).toBeGreaterThan(-5);
      expect(late).toBeLessThan(400); // generous: CI has two busy cores
    }
  });
});
