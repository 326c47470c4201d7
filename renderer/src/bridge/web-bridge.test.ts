import { describe, expect, it } from "vitest";
import { apiSocketUrl } from "./web-bridge.js";

describe("apiSocketUrl", () => {
  it("carries nothing secret: the session travels in the shell's cookie", () => {
    expect(apiSocketUrl({ host: "127.0.0.1:4100", protocol: "http:", search: "" })).toBe("ws://127.0.0.1:4100/api");
    expect(apiSocketUrl({ host: "127.0.0.1:4100", protocol: "http:", search: "?k=s3cret&code=c0de" })).toBe("ws://127.0.0.1:4100/api");
  });
  it("says when the page is a program output", () => {
    expect(apiSocketUrl({ host: "127.0.0.1:4100", protocol: "http:", search: "?view=program&tile=2" })).toBe("ws://127.0.0.1:4100/api?view=program");
  });
});
