import { expect, it } from "vitest";
import { readRelayConfig } from "./relay-config.js";

const key = "ab".repeat(32);

it("reads port, key and media root", () => {
  expect(readRelayConfig({ VIGIL_RELAY_PORT: "0", VIGIL_RELAY_TOKEN_KEY: key, VIGIL_RELAY_MEDIA_ROOT: "/media" })).toEqual({
    port: 0,
    tokenKey: Buffer.from(key, "hex"),
    mediaRoot: "/media",
    tuning: { lingerMs: 10_000, maxViewers: 256, maxViewersPerSession: 4, maxViewersPerChannel: 32, keyframeTimeoutMs: 15_000, ffmpegPath: null },
  });
  expect(readRelayConfig({ VIGIL_RELAY_TOKEN_KEY: key })).toMatchObject({ port: 0, mediaRoot: null });
});

it("explains what is wrong", () => {
  expect(() => readRelayConfig({})).toThrow("VIGIL_RELAY_TOKEN_KEY is required");
  expect(() => readRelayConfig({ VIGIL_RELAY_TOKEN_KEY: "xyz" })).toThrow(/must be hex/);
  expect(() => readRelayConfig({ VIGIL_RELAY_TOKEN_KEY: "abcd" })).toThrow(/at least 16 bytes/);
  expect(() => readRelayConfig({ VIGIL_RELAY_TOKEN_KEY: key, VIGIL_RELAY_PORT: "70000" })).toThrow(/0-65535/);
  expect(() => readRelayConfig({ VIGIL_RELAY_TOKEN_KEY: key, VIGIL_RELAY_PORT: "-1" })).toThrow(/0-65535/);
  expect(() => readRelayConfig({ VIGIL_RELAY_TOKEN_KEY: key, VIGIL_RELAY_MAX_VIEWERS: "0" })).toThrow(/VIGIL_RELAY_MAX_VIEWERS must be a whole number 1-100000/);
  expect(() => readRelayConfig({ VIGIL_RELAY_TOKEN_KEY: key, VIGIL_RELAY_LINGER_MS: "soon" })).toThrow(/VIGIL_RELAY_LINGER_MS/);
});

it("reads the optional tuning knobs", () => {
  const env = {
    VIGIL_RELAY_TOKEN_KEY: key,
    VIGIL_RELAY_LINGER_MS: "0",
    VIGIL_RELAY_MAX_VIEWERS: "3",
    VIGIL_RELAY_MAX_VIEWERS_PER_SESSION: "2",
    VIGIL_RELAY_MAX_VIEWERS_PER_CHANNEL: "3",
    VIGIL_RELAY_KEYFRAME_TIMEOUT_MS: "2000",
    VIGIL_FFMPEG: "/opt/ffmpeg",
  };
  expect(readRelayConfig(env).tuning).toEqual({ lingerMs: 0, maxViewers: 3, maxViewersPerSession: 2, maxViewersPerChannel: 3, keyframeTimeoutMs: 2000, ffmpegPath: "/opt/ffmpeg" });
  expect(() => readRelayConfig({ VIGIL_RELAY_TOKEN_KEY: key, VIGIL_RELAY_MAX_VIEWERS_PER_SESSION: "0" })).toThrow(/VIGIL_RELAY_MAX_VIEWERS_PER_SESSION must be a whole number 1-100000/);
});
