import { describe, expect, it } from "vitest";
import { endedByDeadline, isLastingStreamError, watchdogFires } from "./tile-stream-policy.js";

describe("watchdogFires", () => {
  const base = { playerCreatedAt: 0, hidden: false };
  it("waits up to 10 s for the first frame", () => {
    expect(watchdogFires({ ...base, now: 9000, lastFrameAt: null })).toBe(false);
    expect(watchdogFires({ ...base, now: 10_500, lastFrameAt: null })).toBe(true);
  });
  it("fires after 4 s without a new frame", () => {
    expect(watchdogFires({ ...base, now: 20_000, lastFrameAt: 17_000 })).toBe(false);
    expect(watchdogFires({ ...base, now: 20_000, lastFrameAt: 15_500 })).toBe(true);
  });
  it("never fires for a hidden page", () => {
    expect(watchdogFires({ ...base, now: 60_000, lastFrameAt: 1, hidden: true })).toBe(false);
  });
});

describe("stream errors", () => {
  it("treats offline/missing cameras as lasting and relay trouble as transient", () => {
    expect(isLastingStreamError("CAMERA_OFFLINE")).toBe(true);
    expect(isLastingStreamError("MEDIA_MISSING")).toBe(true);
    expect(isLastingStreamError("RELAY_UNAVAILABLE")).toBe(false);
    expect(isLastingStreamError("INTERNAL")).toBe(false);
  });
  it("recognizes a stream cut at its deadline", () => {
    expect(endedByDeadline(10_000, 10_500)).toBe(true);
    expect(endedByDeadline(10_000, 30_000)).toBe(false);
  });
});
