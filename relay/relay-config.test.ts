import { expect, it } from "vitest";
import { readRelayConfig } from "./relay-config.js";

const key = "ab".repeat(32);

it("reads port, key and media root", () => {
  expect(readRelayConfig({ VIGIL_RELAY_PORT: "0", VIGIL_RELAY_TOKEN_KEY: key, VIGIL_RELAY_MEDIA_ROOT: "/media" })).toEqual({
    port: 0,
    tokenKey: Buffer.from(key, "hex"),
    mediaRoot: "/media",
  });
  expect(readRelayConfig({ VIGIL_RELAY_TOKEN_KEY: key })).toMatchObject({ port: 0, mediaRoot: null });
});

it("explains what is wrong", () => {
  expect(() => readRelayConfig({})).toThrow("VIGIL_RELAY_TOKEN_KEY is required");
  expect(() => readRelayConfig({ VIGIL_RELAY_TOKEN_KEY: "xyz" })).toThrow(/must be hex/);
  expect(() => readRelayConfig({ VIGIL_RELAY_TOKEN_KEY: "abcd" })).toThrow(/at least 16 bytes/);
  expect(() => readRelayConfig({ VIGIL_RELAY_TOKEN_KEY: key, VIGIL_RELAY_PORT: "70000" })).toThrow(/0-65535/);
  expect(() => readRelayConfig({ VIGIL_RELAY_TOKEN_KEY: key, VIGIL_RELAY_PORT: "-1" })).toThrow(/0-65535/);
});
