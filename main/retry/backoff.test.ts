import { describe, expect, it } from "vitest";
import { RELAY_RESTART_BACKOFF, backoffDelayMs } from "./backoff.js";

describe("main's backoff policy", () => {
  it("restarts the relay after 0.5 s doubling, capped at 10 s", () => {
    expect([0, 1, 2, 3, 4, 5, 20].map((n) => backoffDelayMs(n, RELAY_RESTART_BACKOFF, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
  it("takes up to the jitter share off at random, never adding to the cap", () => {
    expect(backoffDelayMs(0, RELAY_RESTART_BACKOFF, () => 1)).toBe(400);
    expect(backoffDelayMs(0, RELAY_RESTART_BACKOFF, () => 0.5)).toBe(450);
    expect(backoffDelayMs(20, RELAY_RESTART_BACKOFF, () => 0)).toBe(10_000);
    // The audit uploader's "upper half": base·2^n, then a random point in [½, 1] of it.
    const audit = { baseMs: 2000, capMs: 300_000, jitter: 0.5 };
    expect(backoffDelayMs(2, audit, () => 0)).toBe(8000);
    expect(backoffDelayMs(2, audit, () => 1)).toBe(4000);
  });
  it("treats odd attempt counts as the first retry or the last step", () => {
    expect(backoffDelayMs(-1, RELAY_RESTART_BACKOFF, () => 0)).toBe(500);
    expect(backoffDelayMs(Number.NaN, RELAY_RESTART_BACKOFF, () => 0)).toBe(500);
    expect(backoffDelayMs(1e9, { baseMs: 1000, capMs: 30_000, jitter: 0 })).toBe(30_000);
  });
});
