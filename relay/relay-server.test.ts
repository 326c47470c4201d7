// In-process relay: token checks, routing, sharing and lingering of sources, revocation, stats.
import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { SourceSpec } from "../contract/relay-control.js";
import { mintStreamToken } from "../contract/stream-token.js";
import type { RelayLog } from "./relay-log.js";
import { createRelayServer, type RelayServer } from "./relay-server.js";
import { createSourceFactory } from "./sources/source-factory.js";
import { StreamHub } from "./stream/stream-hub.js";
import { waitFor } from "../tests/support/wait-for.js";
import { captureHttp, captureWs, flvStartProblem, hasFrames, videoFrames, watchHttp, watchWs, type FlvCapture } from "./testing/flv-clients.js";

const mediaRoot = fileURLToPath(new URL("../resources/demo/", import.meta.url));
const key = randomBytes(32);
const logs: Array<{ level: string; message: string; channel?: string }> = [];
const log: RelayLog = (level, message, channel) => logs.push({ level, message, ...(channel ? { channel } : {}) });
let opened = 0;
const real = createSourceFactory({ mediaRoot });
const hub = new StreamHub({
  sources: { check: (s: SourceSpec) => real.check(s), create: (s: SourceSpec) => (opened++, real.create(s)) },
  log,
  // Long enough that a viewer coming back at once on a loaded machine still finds the source lingering.
  lingerMs: 1000,
});
let relay: RelayServer;
let base = "";

const token = (channel: string, session = "sess-1", ttl = 60_000) => mintStreamToken(key, { channel, session, deadline: Date.now() + ttl });
const url = (channel: string, tok: string, scheme = "http") => `${scheme}://${base}/live/${channel}.flv?token=${encodeURIComponent(tok)}`;

function status(path: string, method = "GET"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`http://${base}${path}`, { method }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  hub.ensureSource("cam1", { kind: "file", path: "crossroads.flv" });
  hub.ensureSource("cam2", { kind: "file", path: "mountain.flv" });
  relay = createRelayServer({ hub, tokenKey: key, log });
  const port = await relay.listen(0);
  base = `127.0.0.1:${port}`;
});

afterAll(async () => {
  hub.close();
  await relay.close();
});

describe("admission", () => {
  it("answers /health and 404s anything else", async () => {
    // Other tests register channels of their own: count what is registered now.
    expect(await status("/health")).toEqual({ status: 200, body: JSON.stringify({ ok: true, streams: hub.size }) });
    expect((await status("/")).status).toBe(404);
    expect((await status("/live/cam1.mp4")).status).toBe(404);
    expect((await status(`/live/cam1.flv?token=${token("cam1")}`, "POST")).status).toBe(405);
  });

  it.each([
    ["missing", () => url("cam1", "").replace(/\?token=$/, ""), /token missing/],
    ["forged", () => url("cam1", mintStreamToken(randomBytes(32), { channel: "cam1", session: "x", deadline: Date.now() + 60_000 })), /token bad-signature/],
    ["for another channel", () => url("cam1", token("cam2")), /token wrong-channel/],
    ["expired", () => url("cam1", token("cam1", "s", -1000)), /token expired/],
    ["malformed", () => url("cam1", "abc"), /token malformed/],
  ])("refuses a %s token with 401 over HTTP and WS, and logs why", async (_name, makeUrl, reason) => {
    logs.length = 0;
    const http = await captureHttp(makeUrl(), 1000);
    expect(http.status).toBe(401);
    await expect(captureWs(makeUrl().replace(/^http/, "ws"), 1000)).rejects.toMatchObject({ statusCode: 401 });
    expect(logs.filter((l) => l.level === "warn" && reason.test(l.message) && l.channel === "cam1")).toHaveLength(2);
  });

  it("404s an unknown channel with a valid token, and a bad channel name", async () => {
    expect((await captureHttp(url("nope", token("nope")), 1000)).status).toBe(404);
    await expect(captureWs(url("nope", token("nope"), "ws"), 1000)).rejects.toMatchObject({ statusCode: 404 });
    expect((await status(`/live/${encodeURIComponent("../x")}.flv?token=a.b`)).status).toBe(404);
  });
});

describe("viewing", () => {
  it("serves HTTP-FLV with the right headers and a proper start", async () => {
    const cap = await captureHttp(url("cam1", token("cam1")), 10_000, { until: hasFrames() });
    expect(cap.status).toBe(200);
    expect(cap.headers["content-type"]).toBe("video/x-flv");
    expect(cap.headers["access-control-allow-origin"]).toBe("*");
    expect(cap.headers["cache-control"]).toMatch(/no-cache/);
    expect(cap.headers["transfer-encoding"]).toBe("chunked");
    expect(flvStartProblem(cap)).toBeNull();
  });

  it("shares one source between simultaneous first viewers, lingers, then closes it", async () => {
    // A channel of its own: no other test's viewers or lingering source.
    hub.ensureSource("share", { kind: "file", path: "mountain.flv" });
    const viewers = () => hub.stats().find((s) => s.channel === "share")?.viewers.length ?? 0;
    const before = opened;
    const [a, b] = await Promise.all([
      captureWs(url("share", token("share"), "ws"), 10_000, { until: hasFrames() }),
      captureWs(url("share", token("share"), "ws"), 10_000, { until: hasFrames() }),
    ]);
    expect(opened - before).toBe(1);
    for (const cap of [a, b]) {
      expect(cap.headerFirst).toBe(true);
      expect(flvStartProblem(cap)).toBeNull();
    }
    // Back within the linger (both viewers gone, the source still open): same source.
    await waitFor("both viewers to leave the relay", () => viewers() === 0);
    expect(hub.stats().find((s) => s.channel === "share")?.state).not.toBe("idle");
    const c = await captureWs(url("share", token("share"), "ws"), 10_000, { until: hasFrames() });
    expect(flvStartProblem(c)).toBeNull();
    expect(opened - before).toBe(1);
    await waitFor("the idle source to linger out", () => hub.stats().find((s) => s.channel === "share")?.state === "idle");
    expect(logs.some((l) => l.channel === "share" && /closed idle source/.test(l.message))).toBe(true);
    hub.releaseSource("share");
  });

  it("starts a new viewer from the GOP cache: its first keyframe is one already sent, not the next one", async () => {
    hub.ensureSource("gop", { kind: "file", path: "crossroads.flv" });
    const keyframes: Buffer[] = [];
    const watcher = watchWs(url("gop", token("gop"), "ws"), { onTag: (t) => void (t.video?.isKeyframe && !t.video.isSequenceHeader && keyframes.push(t.data)) });
    // Right after a live keyframe: the next one is a second (the clip's keyframe interval) away.
    await watcher.until("a second keyframe", () => keyframes.length >= 2);
    const sent = keyframes.length;
    const late = await captureWs(url("gop", token("gop"), "ws"), 10_000, { until: hasFrames() });
    expect(flvStartProblem(late)).toBeNull();
    const first = videoFrames(late)[0]!;
    expect(keyframes.slice(0, sent).some((k) => k.equals(first.data))).toBe(true);
    await watcher.stop();
    hub.releaseSource("gop");
  });

  it("reports measured stats for a live stream", async () => {
    // A channel of its own, so the viewers listed are this test's.
    hub.ensureSource("stats", { kind: "file", path: "crossroads.flv" });
    const deadline = Date.now() + 60_000;
    const viewer = watchWs(url("stats", mintStreamToken(key, { channel: "stats", session: "stats-session", deadline }), "ws"));
    // The meter's window is 2 s: measure once the stream has run that long.
    await viewer.until("2 s of video", (c) => (videoFrames(c).at(-1)?.timestamp ?? 0) >= 2000);
    const stats = hub.stats().find((s) => s.channel === "stats");
    expect(stats).toMatchObject({ state: "live", codec: "h264", width: 640, height: 360, lastError: null });
    expect(stats?.fps).toBeGreaterThan(20);
    expect(stats?.fps).toBeLessThan(30);
    expect(stats?.bitrateKbps).toBeGreaterThan(100);
    expect(stats?.bytesIn).toBeGreaterThan(50_000);
    expect(stats?.viewers).toEqual([{ session: "stats-session", transport: "ws", queuedBytes: expect.any(Number), queuedMs: expect.any(Number), skippedGops: 0, deadline }]);
    expect(stats).toMatchObject({ transcoding: false, keyframeIntervalMs: 1000, reconnects: 0, timestampJumps: 0 });
    expect(stats?.keyframeAgeMs).toBeGreaterThanOrEqual(0);
    expect(stats?.keyframeAgeMs).toBeLessThan(1500);
    await viewer.stop();
    hub.releaseSource("stats");
  });

  it("closes a session's viewers on revoke (4403) and leaves others alone", async () => {
    const revoked = watchWs(url("cam1", token("cam1", "bad-session"), "ws"));
    const kept = watchWs(url("cam1", token("cam1", "good-session"), "ws"));
    const http = watchHttp(url("cam1", token("cam1", "bad-session")));
    // Media flowing to a viewer means the relay has registered it.
    await Promise.all([revoked, kept, http].map((v) => v.until("the first frame", hasFrames())));
    const at = performance.now();
    expect(hub.revokeSession("bad-session")).toBe(2);
    const [r, h] = await Promise.all([revoked.ended, http.ended]);
    expect(r.closeCode).toBe(4403);
    expect(r.closeReason).toBe("revoked");
    expect(h.closeCode).toBe(-1);
    expect(performance.now() - at).toBeLessThan(1500);
    // The other session plays on: more frames after the cut, still open.
    const seen = videoFrames(kept.cap).length;
    const k = await kept.until("5 more frames after the revoke", hasFrames(seen + 5));
    expect(k.closeCode).toBeNull();
    await kept.stop();
    // The revoked session's URL is dead from now on, even though its token's deadline has not passed.
    const again = await captureHttp(url("cam1", token("cam1", "bad-session")), 1000);
    expect(again.status).toBe(401);
    expect(again.body).toContain("revoked");
  });

  it("closes a viewer when its token deadline passes (4401)", async () => {
    const cap = await captureWs(url("cam1", token("cam1", "short", 800), "ws"), 10_000);
    expect(flvStartProblem(cap)).toBeNull();
    expect(cap.closeCode).toBe(4401);
    expect(cap.closeReason).toBe("token expired");
    expect(cap.closedAfterMs!).toBeGreaterThan(600);
    expect(cap.closedAfterMs!).toBeLessThan(1800);
  });

  it("keeps a viewer past its token deadline once main extends the session; stats show the new deadline", async () => {
    const extended = watchWs(url("cam1", token("cam1", "extended", 1500), "ws"));
    const other = watchWs(url("cam1", token("cam1", "not-extended", 1500), "ws"));
    await Promise.all([extended, other].map((v) => v.until("the first frame", hasFrames())));
    const later = Date.now() + 60_000;
    expect(hub.extendSession("extended", later)).toBe(1);
    const viewers = hub.stats().find((s) => s.channel === "cam1")!.viewers;
    expect(viewers.find((v) => v.session === "extended")?.deadline).toBe(later);
    // The old deadline passes (the viewer that was not extended is cut there); the extended one plays on.
    const cut = await other.ended;
    expect(cut.closeCode).toBe(4401);
    const seen = videoFrames(extended.cap).length;
    const kept = await extended.until("5 more frames past the old deadline", hasFrames(seen + 5));
    expect(flvStartProblem(kept)).toBeNull();
    expect(kept.closeCode).toBeNull();
    await extended.stop();
    // A revoked session is never revived by an extension.
    hub.revokeSession("extended");
    expect(hub.extendSession("extended", later + 1000)).toBe(0);
  });

  it("fails viewers of a missing file with 502 naming the file, and keeps serving others", async () => {
    hub.ensureSource("gone", { kind: "file", path: "gone.flv" });
    const cap = await captureHttp(url("gone", token("gone")), 2000);
    expect(cap.status).toBe(502);
    expect(cap.body).toContain(`source file not found: ${mediaRoot}gone.flv`);
    const ws = await captureWs(url("gone", token("gone"), "ws"), 2000);
    expect(ws.closeCode).toBe(1011);
    expect(hub.stats().find((s) => s.channel === "gone")).toMatchObject({ state: "error", lastError: expect.stringContaining("gone.flv") });
    expect(flvStartProblem(await captureHttp(url("cam1", token("cam1")), 10_000, { until: hasFrames() }))).toBeNull();
  });

  it("refuses a source outside the media root when it is registered", () => {
    expect(() => hub.ensureSource("evil", { kind: "file", path: "../../etc/passwd" })).toThrow(/outside the media root/);
    expect(hub.has("evil")).toBe(false);
  });

  it("keeps viewers across a source replacement, with monotonic timestamps", async () => {
    hub.ensureSource("swap", { kind: "file", path: "plaza.flv" });
    const viewer = watchWs(url("swap", token("swap"), "ws"));
    await viewer.until("frames from the first source", hasFrames(5));
    hub.ensureSource("swap", { kind: "file", path: "mountain.flv" });
    const configsOf = (c: FlvCapture) => c.tags.filter((t) => t.video?.isSequenceHeader);
    await viewer.until("the new source's config and a frame after it", (c) => configsOf(c).length >= 2 && c.tags.at(-1)!.video?.isSequenceHeader === false);
    const cap = await viewer.stop();
    expect(cap.closeCode).toBeNull();
    expect(flvStartProblem(cap)).toBeNull(); // includes: timestamps never go backwards
    const configs = cap.tags.filter((t) => t.video?.isSequenceHeader);
    expect(configs).toHaveLength(2); // the new source's config arrived in band
    const afterSwap = cap.tags.slice(cap.tags.indexOf(configs[1]!) + 1).find((t) => t.video && !t.video.isSequenceHeader);
    expect(afterSwap?.video?.isKeyframe).toBe(true);
    const before = cap.tags.slice(0, cap.tags.indexOf(configs[1]!)).filter((t) => t.video).at(-1)!;
    expect(afterSwap!.timestamp - before.timestamp).toBe(40); // continues one frame later, no pile-up
    hub.releaseSource("swap");
  });

  it("closes viewers when the channel is released", async () => {
    hub.ensureSource("temp", { kind: "file", path: "plaza.flv" });
    const viewer = watchWs(url("temp", token("temp"), "ws"));
    await viewer.until("the first frame", hasFrames());
    const releasedAt = performance.now();
    expect(hub.releaseSource("temp")).toBe(true);
    const cap = await viewer.ended;
    expect(cap.closeCode).toBe(1001);
    expect(cap.startedAt + cap.closedAfterMs! - releasedAt).toBeLessThan(1500);
  });
});

describe("viewer caps (issue 10: one token must not fill the relay)", () => {
  /** Opens a WS-FLV viewer; resolves with the socket once admitted, or with the refusal's status. */
  function connect(u: string): Promise<{ ws: WebSocket; status: 101 } | { ws: null; status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(u);
      ws.once("open", () => resolve({ ws, status: 101 }));
      ws.once("unexpected-response", (_req, res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ ws: null, status: res.statusCode ?? 0, body }));
        res.on("error", reject);
      });
      ws.once("error", reject);
    });
  }

  it("refuses more than 4 viewers on one session's token with 429 and a log line, even when they arrive at once", async () => {
    hub.ensureSource("one-token", { kind: "file", path: "plaza.flv" });
    logs.length = 0;
    const shared = token("one-token", "greedy-session");
    const answers = await Promise.all(Array.from({ length: 6 }, () => connect(url("one-token", shared, "ws"))));
    try {
      expect(answers.filter((a) => a.status === 101)).toHaveLength(4);
      const refused = answers.filter((a) => a.status !== 101);
      expect(refused.map((a) => a.status)).toEqual([429, 429]);
      expect(refused[0] && "body" in refused[0] ? refused[0].body : "").toBe("viewer cap per session reached (4)");
      expect(hub.sessionViewerCount("greedy-session")).toBe(4);
      expect(logs.filter((l) => l.channel === "one-token" && /session greedy-session already holds its cap of 4 viewers/.test(l.message))).toHaveLength(2);
      // HTTP-FLV counts against the same cap; another session's viewer is still welcome.
      expect((await captureHttp(url("one-token", shared), 300)).status).toBe(429);
      const other = await connect(url("one-token", token("one-token", "modest-session"), "ws"));
      expect(other.status).toBe(101);
      other.ws?.terminate();
    } finally {
      for (const a of answers) a.ws?.terminate();
    }
    // A viewer that leaves frees its slot.
    await expect.poll(() => hub.sessionViewerCount("greedy-session")).toBe(0);
    const again = await connect(url("one-token", shared, "ws"));
    expect(again.status).toBe(101);
    again.ws?.terminate();
    hub.releaseSource("one-token");
  });

  it("caps the viewers of one channel across sessions with 503 (VIGIL_RELAY_MAX_VIEWERS_PER_CHANNEL)", async () => {
    hub.ensureSource("popular", { kind: "file", path: "mountain.flv" });
    const capped = createRelayServer({ hub, tokenKey: key, log, maxViewersPerChannel: 3 });
    const cappedBase = `127.0.0.1:${await capped.listen(0)}`;
    const at = (session: string) => `ws://${cappedBase}/live/popular.flv?token=${encodeURIComponent(token("popular", session))}`;
    logs.length = 0;
    const answers = await Promise.all(["s1", "s2", "s3", "s4"].map((s) => connect(at(s))));
    try {
      expect(answers.map((a) => a.status).sort()).toEqual([101, 101, 101, 503]);
      expect(answers.find((a) => a.status === 503)).toMatchObject({ body: "viewer cap per channel reached (3)" });
      expect(logs.some((l) => l.channel === "popular" && /the channel already serves its cap of 3 viewers/.test(l.message))).toBe(true);
      // Other channels are not affected by one channel's cap.
      const elsewhere = await connect(`ws://${cappedBase}/live/cam2.flv?token=${encodeURIComponent(token("cam2", "s4"))}`);
      expect(elsewhere.status).toBe(101);
      elsewhere.ws?.terminate();
    } finally {
      for (const a of answers) a.ws?.terminate();
      await capped.close();
    }
    hub.releaseSource("popular");
  });
});
