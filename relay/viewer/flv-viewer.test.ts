import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FlvParser, parseFlvBuffer, type FlvTag } from "../flv/flv-parser.js";
import { GopCache } from "../stream/gop-cache.js";
import { FakeTransport } from "../testing/fake-transport.js";
import { CLOSE_CODES, FlvViewer, type ViewerOptions } from "./flv-viewer.js";

const clip = parseFlvBuffer(readFileSync(fileURLToPath(new URL("../../resources/demo/riverside.flv", import.meta.url))));
const tags = clip.tags.filter((t) => !t.video?.isEndOfSequence);
const HOUR = 3_600_000;

function viewer(transport: FakeTransport, extra: Partial<ViewerOptions> = {}): FlvViewer {
  return new FlvViewer({ channel: "cam1", session: "s1", deadline: Date.now() + HOUR, transport, ...extra });
}

/** Feeds tags as a stream would: into the cache and to the viewer. */
function feed(cache: GopCache, v: FlvViewer | null, list: readonly FlvTag[], offset = 0): void {
  for (const tag of list) {
    const shifted = { ...tag, timestamp: tag.timestamp + offset };
    cache.push(shifted);
    v?.push(shifted, cache.isRandomAccessPoint(shifted));
  }
}

function received(t: FakeTransport): FlvTag[] {
  const parser = new FlvParser();
  const out = parser.push(Buffer.concat(t.chunks));
  expect(parser.pendingBytes).toBe(0);
  return out;
}

afterEach(() => vi.useRealTimers());

describe("FlvViewer start and timestamps", () => {
  it("gets header, metadata, config, then the cached GOP from its keyframe, rebased to 0", () => {
    const cache = new GopCache();
    feed(cache, null, tags.filter((t) => t.timestamp <= 3200)); // GOP 3000..3200 cached
    const t = new FakeTransport();
    const v = viewer(t);
    v.start(clip.header, cache.snapshot());
    feed(cache, v, tags.filter((x) => x.timestamp > 3200 && x.timestamp <= 5000));
    expect(t.began).toBe(true);
    expect(t.chunks[0]?.subarray(0, 3).toString()).toBe("FLV");
    const out = received(t);
    expect(out[0]?.type).toBe(18);
    expect(out[1]?.video?.isSequenceHeader).toBe(true);
    expect(out[2]?.video?.isKeyframe).toBe(true);
    expect(out[2]?.timestamp).toBe(0);
    const media = out.slice(2);
    expect(media.length).toBe(51); // 3000..5000 every 40 ms
    for (let i = 1; i < media.length; i++) expect(media[i]!.timestamp - media[i - 1]!.timestamp).toBe(40);
    v.close(1000, "done");
  });

  it("waits for a keyframe when nothing is cached, and stays monotonic across a source loop", () => {
    const cache = new GopCache();
    feed(cache, null, tags.slice(0, 2)); // metadata + config only
    const t = new FakeTransport();
    const v = viewer(t);
    v.start(clip.header, cache.snapshot());
    const body = tags.slice(2);
    feed(cache, v, body.slice(5)); // starts mid-GOP: dropped until 1000 ms
    feed(cache, v, body, 8000); // the loop
    const media = received(t).filter((x) => x.video && !x.video.isSequenceHeader);
    expect(media[0]?.video?.isKeyframe).toBe(true);
    expect(media[0]?.timestamp).toBe(0);
    for (let i = 1; i < media.length; i++) expect(media[i]!.timestamp).toBeGreaterThanOrEqual(media[i - 1]!.timestamp);
    expect(media.at(-1)!.timestamp).toBe(8000 + 7960 - 1000); // second loop's last frame, minus the 1 s start
    v.close(1000, "done");
  });
});

describe("FlvViewer backpressure", () => {
  it("skips to the next keyframe when the queue is over the byte limit, and counts the skipped GOP", () => {
    const cache = new GopCache();
    const t = new FakeTransport();
    const v = viewer(t, { limits: { maxQueuedBytes: 100_000 } });
    feed(cache, null, tags.slice(0, 2));
    v.start(clip.header, cache.snapshot());
    const body = tags.slice(2);
    feed(cache, v, body.filter((x) => x.timestamp < 1200));
    t.queued = 150_000; // the peer falls behind
    const before = t.chunks.length;
    feed(cache, v, body.filter((x) => x.timestamp >= 1200 && x.timestamp < 2000));
    expect(t.chunks.length).toBe(before); // nothing written while over the limit
    expect(v.skippedGops).toBe(1);
    feed(cache, v, body.filter((x) => x.timestamp >= 2000 && x.timestamp < 2200)); // keyframe, but still full
    expect(t.chunks.length).toBe(before);
    t.queued = 0; // drained
    feed(cache, v, body.filter((x) => x.timestamp >= 2200 && x.timestamp < 3000)); // no keyframe yet: still skipping
    expect(t.chunks.length).toBe(before);
    feed(cache, v, body.filter((x) => x.timestamp >= 3000 && x.timestamp < 3200));
    const media = received(t).filter((x) => x.video && !x.video.isSequenceHeader);
    const resumed = media.find((x) => x.timestamp >= 1200);
    expect(resumed?.video?.isKeyframe).toBe(true);
    expect(resumed?.timestamp).toBe(3000); // real gap kept
    expect(v.skippedGops).toBe(1);
    v.close(1000, "done");
  });

  it("skips when more than ~2 s of media is undrained even if the bytes are few", () => {
    const cache = new GopCache();
    const t = new FakeTransport();
    t.stalled = true; // nothing drains; bytes stay under 4 MiB for 3 s of 600 kbps
    const v = viewer(t);
    feed(cache, null, tags.slice(0, 2));
    v.start(clip.header, cache.snapshot());
    feed(cache, v, tags.slice(2).filter((x) => x.timestamp < 3000));
    const media = received(t).filter((x) => x.video && !x.video.isSequenceHeader);
    expect(media.at(-1)!.timestamp).toBeLessThanOrEqual(2040);
    expect(v.skippedGops).toBe(1);
    expect(t.queuedBytes()).toBeLessThan(4 * 1024 * 1024);
    v.close(1000, "done");
  });

  it("holds bounded memory for a stalled peer and closes it after the stall timeout", () => {
    let clock = 0;
    const cache = new GopCache();
    const t = new FakeTransport();
    t.stalled = true;
    const v = viewer(t, { clock: () => clock, limits: { stallTimeoutMs: 10_000 } });
    feed(cache, null, tags.slice(0, 2));
    v.start(clip.header, cache.snapshot());
    // 40 loops of the clip = 320 s of media pushed at a peer that reads nothing.
    for (let loop = 0; loop < 40 && !v.isClosed; loop++) {
      feed(cache, v, tags.slice(2), loop * 8000);
      clock += 1000;
      v.checkHealth();
    }
    expect(v.isClosed).toBe(true);
    expect(v.closeReason).toBe("stalled");
    expect(t.destroyed).toBe(true);
    expect(t.written).toBeLessThan(1024 * 1024);
  });
});

describe("FlvViewer closing", () => {
  it("closes itself with 4401 when the token deadline passes", async () => {
    vi.useFakeTimers();
    const t = new FakeTransport();
    const v = viewer(t, { deadline: Date.now() + 1500 });
    const closed = vi.fn();
    v.onClose(closed);
    await vi.advanceTimersByTimeAsync(1400);
    expect(closed).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(t.closed).toEqual({ code: CLOSE_CODES.tokenExpired, reason: "token expired" });
    expect(closed).toHaveBeenCalledOnce();
  });

  it("is cut at a later deadline once main extends it, never at an earlier one", async () => {
    vi.useFakeTimers();
    const t = new FakeTransport();
    const v = viewer(t, { deadline: Date.now() + 1500 });
    expect(v.extendDeadline(Date.now() + 500)).toBe(false);
    const later = Date.now() + 5000;
    expect(v.extendDeadline(later)).toBe(true);
    expect(v.deadline).toBe(later);
    await vi.advanceTimersByTimeAsync(4900);
    expect(v.isClosed).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(t.closed).toEqual({ code: CLOSE_CODES.tokenExpired, reason: "token expired" });
    expect(v.extendDeadline(Date.now() + 10_000)).toBe(false);
  });

  it("re-arms deadlines beyond the 24.8-day timer limit instead of firing early", async () => {
    // Only timeouts are faked: the 500 ms health interval would run millions of times over 40 days.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const t = new FakeTransport();
    const v = viewer(t, { deadline: Date.now() + 40 * 24 * HOUR });
    await vi.advanceTimersByTimeAsync(30 * 24 * HOUR);
    expect(v.isClosed).toBe(false);
    await vi.advanceTimersByTimeAsync(10 * 24 * HOUR + 1000);
    expect(t.closed?.code).toBe(CLOSE_CODES.tokenExpired);
  });

  it("answers a source failure before start with 502, after start with close 1011", () => {
    const t1 = new FakeTransport();
    viewer(t1).fail("source error: boom");
    expect(t1.failed).toEqual({ status: 502, message: "source error: boom" });
    const t2 = new FakeTransport();
    const v2 = viewer(t2);
    v2.start(clip.header, new GopCache().snapshot());
    v2.fail("source error: boom");
    expect(t2.closed?.code).toBe(1011);
  });
});
