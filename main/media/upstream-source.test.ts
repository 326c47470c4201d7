import { describe, expect, it } from "vitest";
import { upstreamSource } from "./upstream-source.js";

describe("upstream choice", () => {
  it("prefers HTTP-FLV, then WS-FLV, RTMP, RTSP", () => {
    const all = { httpFlv: "http://m/live/a.live.flv?token=t", wsFlv: "ws://m/live/a.live.flv?token=t", rtmp: "rtmp://m/live/a", rtsp: "rtsp://c/1" };
    expect(upstreamSource(all)).toEqual({ kind: "http-flv", url: all.httpFlv });
    expect(upstreamSource({ wsFlv: all.wsFlv, rtsp: all.rtsp })).toEqual({ kind: "ws-flv", url: all.wsFlv });
    expect(upstreamSource({ rtmp: all.rtmp, rtsp: all.rtsp })).toEqual({ kind: "rtmp", url: all.rtmp });
    expect(upstreamSource({ rtsp: all.rtsp })).toEqual({ kind: "rtsp", url: all.rtsp });
  });
  it("refuses a ticket without URLs", () => {
    expect(() => upstreamSource({})).toThrow(/without a URL/);
  });
});
