import { describe, expect, it } from "vitest";
import { sameUpstreamIgnoringCredentials } from "./live-stream.js";

describe("same upstream, new ticket", () => {
  const base = { kind: "http-flv" as const, url: "http://10.0.0.5:8080/live/5203.live.flv?token=aaa" };
  it("treats a new token for the same stream as the same upstream", () => {
    expect(sameUpstreamIgnoringCredentials(base, { ...base, url: "http://10.0.0.5:8080/live/5203.live.flv?token=bbb" })).toBe(true);
  });
  it("sees another stream, host, kind or codec list as a new upstream", () => {
    expect(sameUpstreamIgnoringCredentials(base, { ...base, url: "http://10.0.0.5:8080/live/5204.live.flv?token=aaa" })).toBe(false);
    expect(sameUpstreamIgnoringCredentials(base, { ...base, url: "http://10.0.0.6:8080/live/5203.live.flv?token=aaa" })).toBe(false);
    expect(sameUpstreamIgnoringCredentials(base, { kind: "ws-flv", url: "ws://10.0.0.5:8080/live/5203.live.flv?token=aaa" })).toBe(false);
    expect(sameUpstreamIgnoringCredentials(base, { ...base, accept: ["h264", "hevc"] })).toBe(false);
    expect(sameUpstreamIgnoringCredentials({ kind: "file", path: "a.flv" }, { kind: "file", path: "a.flv" })).toBe(false);
  });
});
