import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConsoleApiError, type StreamTicket } from "../../../contract/console-api.js";
import { emptyEngineStats, type TilePlayer, type TilePlayerEngine, type TilePlayerEvent } from "./tile-player.js";
import { TileStream, type StreamApi } from "./tile-stream.js";

const CAM = "52030200001320001000";

/** Just enough of a <video> for the frame clock: requestVideoFrameCallback driven by the test. */
function fakeVideo() {
  let cb: ((now: number, meta: { mediaTime: number; presentedFrames: number }) => void) | null = null;
  let mediaTime = 0;
  const video = {
    currentTime: 0,
    paused: false,
    videoWidth: 640,
    videoHeight: 360,
    buffered: { length: 0, end: () => 0 },
    addEventListener: () => {},
    removeEventListener: () => {},
    requestVideoFrameCallback: (f: typeof cb) => ((cb = f), 1),
    cancelVideoFrameCallback: () => (cb = null),
  };
  return {
    video: video as unknown as HTMLVideoElement,
    frame() {
      mediaTime += 0.04;
      cb?.(performance.now(), { mediaTime, presentedFrames: 0 });
    },
  };
}

function fakeEngine() {
  const players: { destroyed: boolean; emit: (e: TilePlayerEvent) => void; url: string }[] = [];
  const engine: TilePlayerEngine = {
    name: "fake",
    isSupported: () => true,
    create(_video, source) {
      const listeners = new Set<(e: TilePlayerEvent) => void>();
      const rec = { destroyed: false, url: source.url, emit: (e: TilePlayerEvent) => listeners.forEach((l) => l(e)) };
      players.push(rec);
      const p: TilePlayer = {
        on: (l) => (listeners.add(l), () => listeners.delete(l)),
        stats: () => emptyEngineStats,
        destroy: () => void (rec.destroyed = true),
      };
      return p;
    },
  };
  return { engine, players };
}

function fakeApi(
  opts: { expiresIn?: () => number; fail?: () => ConsoleApiError | null; access?: () => Pick<StreamTicket, "basis" | "refId">; delayMs?: number } = {},
) {
  let seq = 0;
  const closed: string[] = [];
  const api: StreamApi = {
    openStream: vi.fn(async ({ wall = 1, tile }: { wall?: number; tile: number; output?: "wall" | "program" }): Promise<StreamTicket> => {
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      const err = opts.fail?.();
      if (err) throw err;
      seq += 1;
      const access = opts.access?.() ?? { basis: "UNCONDITIONAL", refId: null };
      return {
        wall,
        tile,
        cameraId: CAM,
        sessionId: `s${seq}`,
        url: `ws://127.0.0.1:1/live/a.flv?token=${seq}`,
        expiresAt: Date.now() + (opts.expiresIn?.() ?? 3_600_000),
        ...access,
      };
    }),
    closeStream: vi.fn(async ({ sessionId }: { sessionId: string }) => (closed.push(sessionId), { closed: true })),
  };
  return { api, closed };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe("TileStream", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("is connecting until a frame renders, then playing", async () => {
    const v = fakeVideo();
    const { engine, players } = fakeEngine();
    const { api } = fakeApi();
    const s = new TileStream({ tile: 0, cameraId: CAM, video: v.video, engine, api, blocked: null });
    expect(s.status().state).toBe("connecting");
    await flush();
    expect(players).toHaveLength(1);
    expect(s.status().state).toBe("connecting");
    v.frame();
    expect(s.status().state).toBe("playing");
    s.dispose();
  });

  it("stalls after 4 s without frames, gives the ticket back and re-pulls with a fresh one after 1 s", async () => {
    const v = fakeVideo();
    const { engine, players } = fakeEngine();
    const { api, closed } = fakeApi();
    const s = new TileStream({ tile: 0, cameraId: CAM, video: v.video, engine, api, blocked: null });
    await flush();
    v.frame();
    await vi.advanceTimersByTimeAsync(3000);
    expect(s.status().state).toBe("playing");
    await vi.advanceTimersByTimeAsync(2000);
    expect(s.status().state).toBe("stalled");
    expect(players[0]!.destroyed).toBe(true);
    expect(closed).toEqual(["s1"]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(players).toHaveLength(2);
    expect(players[1]!.url).toContain("token=2");
    v.frame();
    expect(s.status().state).toBe("playing");
    s.dispose();
    expect(closed).toEqual(["s1", "s2"]);
  });

  it("treats LOADING_COMPLETE (ended) as a stall and backs off 1 s, 2 s, 4 s", async () => {
    const v = fakeVideo();
    const { engine, players } = fakeEngine();
    const { api } = fakeApi();
    const s = new TileStream({ tile: 0, cameraId: CAM, video: v.video, engine, api, blocked: null });
    await flush();
    for (const wait of [1000, 2000, 4000]) {
      const before = players.length;
      players[players.length - 1]!.emit({ type: "ended" });
      expect(s.status().state).toBe("stalled");
      await vi.advanceTimersByTimeAsync(wait - 10);
      expect(players.length).toBe(before);
      await vi.advanceTimersByTimeAsync(10);
      expect(players.length).toBe(before + 1);
    }
    s.dispose();
  });

  it("shows an offline camera as error with the localized reason", async () => {
    const v = fakeVideo();
    const { engine } = fakeEngine();
    const { api } = fakeApi({ fail: () => new ConsoleApiError("CAMERA_OFFLINE", "offline") });
    const s = new TileStream({ tile: 0, cameraId: CAM, video: v.video, engine, api, blocked: null });
    await flush();
    expect(s.status()).toMatchObject({ state: "error", message: "error.CAMERA_OFFLINE" });
    s.dispose();
  });

  it("shows a camera the user may not open as locked with its reason, and retries quietly", async () => {
    const v = fakeVideo();
    const { engine, players } = fakeEngine();
    let locked = true;
    const { api } = fakeApi({ fail: () => (locked ? new ConsoleApiError("ACCESS_DENIED", "[NOT_SHARED] camera is locked") : null) });
    const s = new TileStream({ tile: 0, cameraId: CAM, video: v.video, engine, api, blocked: null });
    await flush();
    expect(s.status()).toMatchObject({ state: "locked", message: "lock.detail.NOT_SHARED", retryAt: null });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(s.status().state).toBe("locked");
    locked = false;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(players).toHaveLength(1);
    v.frame();
    expect(s.status().state).toBe("playing");
    s.dispose();
  });

  it("shows a lost session as locked (NOT_LOGGED_IN) and a platform outage as reconnecting", async () => {
    const v = fakeVideo();
    const { engine } = fakeEngine();
    let err = new ConsoleApiError("NOT_LOGGED_IN", "session ended");
    const { api } = fakeApi({ fail: () => err });
    const s = new TileStream({ tile: 0, cameraId: CAM, video: v.video, engine, api, blocked: null });
    await flush();
    expect(s.status()).toMatchObject({ state: "locked", message: "lock.detail.NOT_LOGGED_IN" });
    s.dispose();
    err = new ConsoleApiError("PLATFORM_UNREACHABLE", "down");
    const s2 = new TileStream({ tile: 0, cameraId: CAM, video: v.video, engine, api, blocked: null });
    await flush();
    expect(s2.status()).toMatchObject({ state: "connecting", message: "error.PLATFORM_UNREACHABLE" });
    s2.dispose();
  });

  it("waits while the relay is down and reconnects when it is up", async () => {
    const v = fakeVideo();
    const { engine, players } = fakeEngine();
    const { api, closed } = fakeApi();
    const s = new TileStream({ tile: 0, cameraId: CAM, video: v.video, engine, api, blocked: null });
    await flush();
    v.frame();
    s.setBlocked("relay");
    expect(s.status()).toMatchObject({ state: "connecting", message: "tile.state.relayDown" });
    expect(players[0]!.destroyed).toBe(true);
    expect(closed).toEqual(["s1"]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(players).toHaveLength(1);
    s.setBlocked(null);
    await flush();
    expect(players).toHaveLength(2);
    v.frame();
    expect(s.status().state).toBe("playing");
    s.dispose();
  });

  it("renews a ticket cut at its deadline, and shows expired when no longer granted", async () => {
    const v = fakeVideo();
    const { engine, players } = fakeEngine();
    let grant = 5000;
    const { api } = fakeApi({ expiresIn: () => grant });
    const s = new TileStream({ tile: 0, cameraId: CAM, video: v.video, engine, api, blocked: null });
    await flush();
    v.frame();
    await vi.advanceTimersByTimeAsync(4900);
    v.frame();
    players[0]!.emit({ type: "ended" });
    await flush();
    expect(players).toHaveLength(2);
    v.frame();
    expect(s.status().state).toBe("playing");
    grant = 0;
    await vi.advanceTimersByTimeAsync(4900);
    v.frame();
    players[1]!.emit({ type: "ended" });
    await flush();
    expect(s.status().state).toBe("expired");
    s.dispose();
  });

  it("expires at once when main ends its session: player destroyed, no reconnect, says why", async () => {
    const v = fakeVideo();
    const { engine, players } = fakeEngine();
    const { api, closed } = fakeApi({ access: () => ({ basis: "GRANT", refId: "G-7" }) });
    const s = new TileStream({ tile: 3, cameraId: CAM, video: v.video, engine, api, blocked: null });
    await flush();
    v.frame();
    expect(s.status()).toMatchObject({ state: "playing", access: { basis: "GRANT", refId: "G-7" } });
    expect(s.streamEnded({ sessionId: "s1", wall: 1, tile: 3, cameraId: CAM, reason: "expired", refId: "G-7" })).toBe(true);
    expect(s.status()).toMatchObject({ state: "expired", message: "tile.ended.expired", retryAt: null, end: { reason: "expired", refId: "G-7" } });
    expect(players[0]!.destroyed).toBe(true);
    expect(closed).toEqual(["s1"]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(api.openStream).toHaveBeenCalledTimes(1);
    expect(s.status().state).toBe("expired");
    s.dispose();
  });

  it("says revoked and access-lost apart", async () => {
    const v = fakeVideo();
    const { engine } = fakeEngine();
    const { api } = fakeApi();
    const s = new TileStream({ tile: 0, cameraId: CAM, video: v.video, engine, api, blocked: null });
    await flush();
    s.expire("revoked", "G-2");
    expect(s.status()).toMatchObject({ state: "expired", message: "tile.ended.revoked", end: { reason: "revoked", refId: "G-2" } });
    s.expire("access-lost", null);
    expect(s.status()).toMatchObject({ message: "tile.ended.access-lost", end: { reason: "access-lost", refId: null } });
    s.dispose();
  });

  it("ignores the end of another session, another camera, or a stale one", async () => {
    const v = fakeVideo();
    const { engine, players } = fakeEngine();
    const { api } = fakeApi();
    const s = new TileStream({ tile: 0, cameraId: CAM, video: v.video, engine, api, blocked: null });
    await flush();
    v.frame();
    expect(s.streamEnded({ sessionId: "other", wall: 1, tile: 0, cameraId: CAM, reason: "expired", refId: null })).toBe(false);
    expect(s.streamEnded({ sessionId: "s1", wall: 1, tile: 0, cameraId: "52030200001320009999", reason: "expired", refId: null })).toBe(false);
    // A stall moves it to a fresh session; the first one's end is stale then.
    players[0]!.emit({ type: "ended" });
    await vi.advanceTimersByTimeAsync(1000);
    v.frame();
    expect(s.streamEnded({ sessionId: "s1", wall: 1, tile: 0, cameraId: CAM, reason: "expired", refId: null })).toBe(false);
    expect(s.status().state).toBe("playing");
    s.dispose();
  });

  it("expires a tile whose ticket is still on its way (tile + camera), and gives that ticket back", async () => {
    const v = fakeVideo();
    const { engine, players } = fakeEngine();
    const { api, closed } = fakeApi({ delayMs: 200 });
    const s = new TileStream({ tile: 4, cameraId: CAM, video: v.video, engine, api, blocked: null });
    expect(s.streamEnded({ sessionId: "unknown", wall: 1, tile: 4, cameraId: CAM, reason: "revoked", refId: "G-1" })).toBe(true);
    await vi.advanceTimersByTimeAsync(300);
    expect(players).toHaveLength(0);
    expect(closed).toEqual(["s1"]);
    expect(s.status().state).toBe("expired");
    s.dispose();
  });

  it("is not ended by another session on its tile while it waits to retry (the program output's, say)", async () => {
    const v = fakeVideo();
    const { engine, players } = fakeEngine();
    const { api } = fakeApi();
    const s = new TileStream({ tile: 1, cameraId: CAM, video: v.video, engine, api, blocked: null });
    await flush();
    players[0]!.emit({ type: "ended" });
    expect(s.status().state).toBe("stalled");
    expect(s.streamEnded({ sessionId: "program-1", wall: 1, tile: 1, cameraId: CAM, reason: "expired", refId: "M-1" })).toBe(false);
    // Its own previous session's end still counts.
    expect(s.streamEnded({ sessionId: "s1", wall: 1, tile: 1, cameraId: CAM, reason: "revoked", refId: "G-1" })).toBe(true);
    expect(s.status().state).toBe("expired");
    s.dispose();
  });

  it("stays expired through relay and core outages, and leaves it only by retry", async () => {
    const v = fakeVideo();
    const { engine, players } = fakeEngine();
    let denied = false;
    const { api } = fakeApi({ fail: () => (denied ? new ConsoleApiError("ACCESS_DENIED", "[NOT_SHARED] locked") : null) });
    const s = new TileStream({ tile: 0, cameraId: CAM, video: v.video, engine, api, blocked: null });
    await flush();
    s.expire("expired", "G-1");
    s.setBlocked("relay");
    expect(s.status().state).toBe("expired");
    s.setBlocked(null);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(s.status().state).toBe("expired");
    expect(players).toHaveLength(1);
    // Retry with access still gone: locked, as any refused open.
    denied = true;
    s.retryNow();
    await flush();
    expect(s.status()).toMatchObject({ state: "locked", message: "lock.detail.NOT_SHARED", end: null });
    // Access back (the quiet retry of a lock): plays again.
    denied = false;
    await vi.advanceTimersByTimeAsync(15_000);
    v.frame();
    expect(s.status().state).toBe("playing");
    s.dispose();
  });

  it("retry while the relay is down leaves expired and opens when it is back", async () => {
    const v = fakeVideo();
    const { engine, players } = fakeEngine();
    const { api } = fakeApi();
    const s = new TileStream({ tile: 0, cameraId: CAM, video: v.video, engine, api, blocked: null, ended: { reason: "expired", refId: "G-1" } });
    expect(s.status()).toMatchObject({ state: "expired", end: { reason: "expired", refId: "G-1" } });
    s.setBlocked("relay");
    s.retryNow();
    expect(s.status()).toMatchObject({ state: "connecting", message: "tile.state.relayDown", end: null });
    s.setBlocked(null);
    await flush();
    expect(players).toHaveLength(1);
    s.dispose();
  });

  it("starts ended without opening when the tile already expired for this camera", async () => {
    const v = fakeVideo();
    const { engine } = fakeEngine();
    const { api } = fakeApi();
    const s = new TileStream({ tile: 0, cameraId: CAM, video: v.video, engine, api, blocked: null, ended: { reason: "revoked", refId: "G-3" } });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(api.openStream).not.toHaveBeenCalled();
    expect(s.status()).toMatchObject({ state: "expired", message: "tile.ended.revoked" });
    s.dispose();
  });

  it("expires (not locked) when the relay cut it at its deadline and main refuses a new ticket", async () => {
    const v = fakeVideo();
    const { engine, players } = fakeEngine();
    let denied = false;
    const { api } = fakeApi({
      expiresIn: () => 5000,
      access: () => ({ basis: "GRANT", refId: "G-5" }),
      fail: () => (denied ? new ConsoleApiError("ACCESS_DENIED", "[NOT_SHARED] locked") : null),
    });
    const s = new TileStream({ tile: 0, cameraId: CAM, video: v.video, engine, api, blocked: null });
    await flush();
    v.frame();
    await vi.advanceTimersByTimeAsync(4900);
    v.frame();
    denied = true;
    players[0]!.emit({ type: "ended" });
    await flush();
    expect(s.status()).toMatchObject({ state: "expired", message: "tile.ended.expired", end: { reason: "expired", refId: "G-5" } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.openStream).toHaveBeenCalledTimes(2);
    s.dispose();
  });

  it("judges the deadline on the access clock, not the system clock", async () => {
    const v = fakeVideo();
    const { engine, players } = fakeEngine();
    let skew = 0;
    // Tickets end one hour from the system clock; the access clock runs ahead by `skew`.
    const { api } = fakeApi({ access: () => ({ basis: "GRANT", refId: "G-8" }), fail: () => (skew ? new ConsoleApiError("ACCESS_DENIED", "[NOT_SHARED] x") : null) });
    const s = new TileStream({ tile: 0, cameraId: CAM, video: v.video, engine, api, blocked: null, now: () => Date.now() + skew });
    await flush();
    v.frame();
    // Not at the deadline: an ordinary stall.
    players[0]!.emit({ type: "ended" });
    expect(s.status().state).toBe("stalled");
    await vi.advanceTimersByTimeAsync(1000);
    v.frame();
    // The access clock passed the deadline (the system clock was set back): expiry.
    skew = 3_600_000;
    players[1]!.emit({ type: "ended" });
    await flush();
    expect(s.status()).toMatchObject({ state: "expired", end: { reason: "expired", refId: "G-8" } });
    s.dispose();
  });

  it("asks for the program output when it is one", async () => {
    const v = fakeVideo();
    const { engine } = fakeEngine();
    const { api } = fakeApi({ access: () => ({ basis: "MEDIA_GRANT", refId: "M-1" }) });
    const s = new TileStream({ wall: 2, tile: 2, cameraId: CAM, video: v.video, engine, api, blocked: null, output: "program" });
    await flush();
    expect(api.openStream).toHaveBeenCalledWith({ wall: 2, tile: 2, output: "program" });
    expect(s.status().access).toEqual({ basis: "MEDIA_GRANT", refId: "M-1" });
    s.dispose();
    const w = new TileStream({ tile: 1, cameraId: CAM, video: v.video, engine, api, blocked: null });
    await flush();
    expect(api.openStream).toHaveBeenLastCalledWith({ wall: 1, tile: 1 });
    w.dispose();
  });
});
