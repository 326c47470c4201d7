import { describe, expect, it } from "vitest";
import { DEFAULT_BACKOFF, reconnectDelayMs } from "./reconnect-backoff.js";

describe("upstream reconnect backoff", () => {
  it("doubles from 0.5 s up to 15 s, half of each step certain and half random", () => {
    expect([0, 1, 2, 5, 30, 1000].map((n) => reconnectDelayMs(n, DEFAULT_BACKOFF, () => 1))).toEqual([500, 1000, 2000, 15_000, 15_000, 15_000]);
    expect(reconnectDelayMs(0, DEFAULT_BACKOFF, () => 0)).toBe(250);
    expect(reconnectDelayMs(5, DEFAULT_BACKOFF, () => 0)).toBe(7500);
  });
  it("follows a shorter policy (tests, benches)", () => {
    expect(reconnectDelayMs(3, { baseMs: 10, capMs: 50 }, () => 1)).toBe(50);
  });
});
