import { describe, expect, it } from "vitest";
import { RECONNECT_BACKOFF, TILE_RETRY_BACKOFF, backoffDelayMs } from "./backoff.js";

describe("backoffDelayMs", () => {
  it("reconnects the core link after 0.5 s doubling, capped at 10 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffDelayMs(n, RECONNECT_BACKOFF))).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  });
  it("re-pulls a tile stream after 1, 2, 4, 8 s, then every 10 s", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => backoffDelayMs(n, TILE_RETRY_BACKOFF))).toEqual([0, 1000, 2000, 4000, 8000, 10000, 10000]);
  });
  it("waits nothing before a failure and stays finite for absurd counts", () => {
    expect(backoffDelayMs(0, RECONNECT_BACKOFF)).toBe(0);
    expect(backoffDelayMs(-3, RECONNECT_BACKOFF)).toBe(0);
    expect(backoffDelayMs(Number.NaN, RECONNECT_BACKOFF)).toBe(0);
    expect(backoffDelayMs(1e9, { baseMs: 1, capMs: 60_000 })).toBe(60_000);
  });
});
