import { describe, expect, it } from "vitest";
import { accessClockNow } from "./access-clock.js";

describe("accessClockNow", () => {
  it("counts from main's clock with the monotonic clock", () => {
    expect(accessClockNow({ now: 1_000_000, receivedAt: 500 }, 2_500, 0)).toBe(1_002_000);
  });
  it("ignores the system clock once anchored (setting it back never extends access)", () => {
    const anchor = { now: 1_000_000, receivedAt: 500 };
    expect(accessClockNow(anchor, 1_500, 5)).toBe(accessClockNow(anchor, 1_500, 9_999_999_999));
  });
  it("never runs backwards from the anchor", () => {
    expect(accessClockNow({ now: 1_000_000, receivedAt: 500 }, 400, 0)).toBe(1_000_000);
  });
  it("falls back to the system clock before any access state arrived", () => {
    expect(accessClockNow(null, 1, 1234)).toBe(1234);
  });
});
