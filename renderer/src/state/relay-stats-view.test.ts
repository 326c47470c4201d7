import { describe, expect, it } from "vitest";
import type { StreamStats } from "../../../contract/relay-control.js";
import type { WallState } from "../../../contract/wall.js";
import { presetLayout } from "../../../contract/wall-layout.js";
import {
  channelFor,
  codecLabel,
  formatBytes,
  formatKbps,
  formatMs,
  formatNumber,
  formatResolution,
  keyframeLate,
  parseChannel,
  sortStreams,
  statsForTile,
  tileProfile,
  tileUpstream,
  viewerSummary,
} from "./relay-stats-view.js";
import { relayStatsWanted } from "./relay-stats.js";

const A = "52030200001320000001";
const B = "52030200001320000002";

function stream(over: Partial<StreamStats>): StreamStats {
  return {
    channel: `${A}_sub`,
    state: "live",
    codec: "h264",
    transcoding: false,
    width: 640,
    height: 360,
    fps: 25,
    bitrateKbps: 800,
    viewers: [],
    bytesIn: 0,
    keyframeIntervalMs: 1000,
    keyframeAgeMs: 200,
    reconnects: 0,
    timestampJumps: 0,
    lastError: null,
    ...over,
  };
}

describe("matching relay streams to tiles", () => {
  it("serves the main stream to a single or maximized tile, a sub-stream otherwise (as main does)", () => {
    expect(tileProfile(presetLayout("1"), null, 0)).toBe("main");
    expect(tileProfile(presetLayout("4"), null, 0)).toBe("sub");
    expect(tileProfile(presetLayout("4"), 2, 2)).toBe("main");
    expect(tileProfile(presetLayout("4"), 2, 1)).toBe("sub");
    // The big cell of a focus layout covers a third of the window or more: the main stream, like main serves it.
    expect(tileProfile(presetLayout("1+5"), null, 0)).toBe("main");
    expect(tileProfile(presetLayout("1+5"), null, 1)).toBe("sub");
    expect(tileProfile(presetLayout("1+12"), null, 5)).toBe("sub");
  });
  it("finds the tile's channel by camera id and profile", () => {
    const streams = [stream({ channel: `${A}_main`, codec: "hevc" }), stream({ channel: `${A}_sub` }), stream({ channel: `${B}_sub` })];
    expect(statsForTile(streams, A, "main")?.codec).toBe("hevc");
    expect(statsForTile(streams, A, "sub")?.channel).toBe(`${A}_sub`);
    expect(statsForTile(streams, B, "main")).toBeUndefined();
    expect(statsForTile(streams, null, "sub")).toBeUndefined();
    expect(statsForTile(undefined, A, "sub")).toBeUndefined();
  });
  it("tells the tile its codec, transcoding and upstream reconnects", () => {
    expect(tileUpstream(undefined)).toBeNull();
    expect(tileUpstream(stream({ codec: "hevc", transcoding: true }))).toEqual({ codec: "hevc", transcoding: true, reconnecting: false, reconnects: 0 });
    expect(tileUpstream(stream({ state: "reconnecting", reconnects: 3 }))).toMatchObject({ reconnecting: true, reconnects: 3 });
  });
  it("splits channel names", () => {
    expect(channelFor(A, "main")).toBe(`${A}_main`);
    expect(parseChannel(`${A}_main`)).toEqual({ cameraId: A, profile: "main" });
    expect(parseChannel(`${A}_sub`)).toEqual({ cameraId: A, profile: "sub" });
    expect(parseChannel("cam1")).toEqual({ cameraId: "cam1", profile: null });
  });
});

describe("relay panel figures", () => {
  it("summarizes viewers: count, deepest queue, skipped GOPs in total", () => {
    expect(viewerSummary([])).toEqual({ count: 0, worstQueueMs: null, worstQueueBytes: null, skippedGops: 0 });
    const v = (queuedMs: number, queuedBytes: number, skippedGops: number) => ({ session: "s", transport: "ws" as const, queuedMs, queuedBytes, skippedGops, deadline: 0 });
    expect(viewerSummary([v(120, 5000, 1), v(900, 2000, 2), v(0, 0, 0)])).toEqual({ count: 3, worstQueueMs: 900, worstQueueBytes: 5000, skippedGops: 3 });
  });
  it("puts troubled streams first and keeps the rest in channel order", () => {
    const order = sortStreams([
      stream({ channel: "c_sub" }),
      stream({ channel: "b_sub", state: "reconnecting" }),
      stream({ channel: "a_sub" }),
      stream({ channel: "d_sub", state: "error" }),
    ]).map((s) => s.channel);
    expect(order).toEqual(["d_sub", "b_sub", "a_sub", "c_sub"]);
  });
  it("flags a late keyframe only on a live stream", () => {
    expect(keyframeLate(stream({ keyframeIntervalMs: 1000, keyframeAgeMs: 4000 }))).toBe(false);
    expect(keyframeLate(stream({ keyframeIntervalMs: 1000, keyframeAgeMs: 6000 }))).toBe(true);
    expect(keyframeLate(stream({ keyframeIntervalMs: 4000, keyframeAgeMs: 6000 }))).toBe(false);
    expect(keyframeLate(stream({ keyframeIntervalMs: 4000, keyframeAgeMs: 9000 }))).toBe(true);
    expect(keyframeLate(stream({ state: "reconnecting", keyframeAgeMs: 60_000 }))).toBe(false);
    expect(keyframeLate(stream({ keyframeAgeMs: null }))).toBe(false);
  });
  it("names codecs as operators know them", () => {
    expect(codecLabel("h264")).toBe("H.264");
    expect(codecLabel("hevc")).toBe("H.265");
    expect(codecLabel("av1")).toBe("AV1");
    expect(codecLabel(null)).toBeNull();
  });
  it("formats numbers, durations, bytes and bitrates, with a dash when unknown", () => {
    expect(formatNumber(null)).toBe("–");
    expect(formatNumber(24.96, 1)).toBe("25.0");
    expect(formatResolution(1920, 1080)).toBe("1920×1080");
    expect(formatResolution(null, 1080)).toBe("–");
    expect(formatMs(null)).toBe("–");
    expect(formatMs(850.4)).toBe("850 ms");
    expect(formatMs(4000)).toBe("4000 ms");
    expect(formatMs(12_340)).toBe("12.3 s");
    expect(formatBytes(950)).toBe("950 B");
    expect(formatBytes(12_400)).toBe("12.4 kB");
    expect(formatBytes(3_210_000)).toBe("3.2 MB");
    expect(formatBytes(123_400_000)).toBe("123.4 MB");
    expect(formatBytes(1_050_000_000)).toBe("1.05 GB");
    expect(formatKbps(null)).toBe("–");
    expect(formatKbps(812.6)).toBe("813 kbps");
    expect(formatKbps(12_500)).toBe("12.5 Mbps");
  });
});

describe("relay stats subscription", () => {
  const tiles = (first: string | null) => Array.from({ length: 4 }, (_, i) => (i === 0 ? first : null));
  const wall = (over: Partial<WallState>): WallState => ({ wall: 1, layout: presetLayout("4"), layoutRef: "preset:4", tiles: tiles(null), parked: [], maximized: null, revision: 1, ...over });
  const user = { platformUrl: null, embedded: true, demoAccounts: [], user: { username: "u", displayName: "U", departmentId: "d", department: "D", roles: [] } };
  it("is wanted while the panel is open or a visible tile has a camera, and only when logged in", () => {
    expect(relayStatsWanted({ relayPanelOpen: false, wall: wall({}), session: user })).toBe(false);
    expect(relayStatsWanted({ relayPanelOpen: true, wall: wall({}), session: user })).toBe(true);
    expect(relayStatsWanted({ relayPanelOpen: false, wall: wall({ tiles: tiles(A) }), session: user })).toBe(true);
    // Parked cameras are not shown, so they want no stats.
    expect(relayStatsWanted({ relayPanelOpen: false, wall: wall({ parked: [A] }), session: user })).toBe(false);
    expect(relayStatsWanted({ relayPanelOpen: true, wall: null, session: { ...user, user: null } })).toBe(false);
  });
});
