import { describe, expect, it } from "vitest";
import { reconnectDelayMs } from "./reconnect-backoff.js";
import { apiSocketUrl } from "./web-bridge.js";

describe("reconnectDelayMs", () => {
  it("doubles from 0.5 s and caps at 10 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => reconnectDelayMs(n))).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  });
});

describe("apiSocketUrl", () => {
  it("carries the page secret to the socket", () => {
    expect(apiSocketUrl({ host: "127.0.0.1:4100", protocol: "http:", search: "?k=a+b/c" })).toBe("ws://127.0.0.1:4100/api?k=a%20b%2Fc");
  });
});
