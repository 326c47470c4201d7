// In-process relay: token checks, routing, sharing and lingering of sources, revocation, stats.
import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceSpec } from "../contract/relay-control.js";
import { mintStreamToken } from "../contract/stream-token.js";
import type { RelayLog } from "./relay-log.js";
import { createRelayServer, type RelayServer } from "./relay-server.js";
import { createSourceFactory } from "./sources/source-factory.js";
import { StreamHub } from "./stream/stream-hub.js";
import { captureHttp, captureWs, flvStartProblem } from "./testing/flv-clients.js";

const mediaRoot = fileURLToPath(new URL("../resources/demo/", import.meta.url));
const key = randomBytes(32);
const logs: Array<{ level: string; message: string; channel?: string }> = [];
const log: RelayLog = (level, message, channel) => logs.push({ level, message, ...(channel ? { channel } : {}) });
let opened = 0;
const real = createSourceFactory({ mediaRoot });
const hub = new StreamHub({
  sources: { check: (s: SourceSpec) => real.check(s), create: (s: SourceSpec) => (opened++, real.create(s)) },
  log,
  lingerMs: 400,
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
    expect(await status("/health")).toEqual({ status: 200, body: JSON.stringify({ ok: true, streams: 2 }) });
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
    const cap = await captureHttp(url("cam1", token("cam1")), 1200);
    expect(cap.status).toBe(200);
    expect(cap.headers["content-type"]).toBe("video/x-flv");
    expect(cap.headers["access-control-allow-origin"]).toBe("*");
    expect(cap.headers["cache-control"]).toMatch(/no-cache/);
    expect(cap.headers["transfer-encoding"]).toBe("chunked");
    expect(flvStartProblem(cap)).toBeNull();
  });

  it("shares one source between simultaneous first viewers, lingers, then closes it", async () => {
    await new Promise((r) => setTimeout(r, 600)); // let the previous test's source linger out
    const before = opened;
    const [a, b] = await Promise.all([captureWs(url("cam2", token("cam2"), "ws"), 1200), captureWs(url("cam2", token("cam2"), "ws"), 1200)]);
    expect(opened - before).toBe(1);
    for (const cap of [a, b]) {
      expect(cap.headerFirst).toBe(true);
      expect(flvStartProblem(cap)).toBeNull();
    }
    // Back within the linger: same source.
    await new Promise((r) => setTimeout(r, 100));
    const c = await captureWs(url("cam2", token("cam2"), "ws"), 300);
    expect(flvStartProblem(c)).toBeNull();
    expect(c.firstByteMs!).toBeLessThan(200); // GOP cache: no wait for a keyframe
    expect(opened - before).toBe(1);
    await new Promise((r) => setTimeout(r, 700));
    expect(hub.stats().find((s) => s.channel === "cam2")?.state).toBe("idle");
    expect(logs.some((l) => l.channel === "cam2" && /closed idle source/.test(l.message))).toBe(true);
  });

  it("reports measured stats for a live stream", async () => {
    const deadline = Date.now() + 60_000;
    const pending = captureWs(url("cam1", mintStreamToken(key, { channel: "cam1", session: "stats-session", deadline }), "ws"), 2600);
    await new Promise((r) => setTimeout(r, 2400));
    const stats = hub.stats().find((s) => s.channel === "cam1");
    expect(stats).toMatchObject({ state: "live", codec: "h264", width: 640, height: 360, lastError: null });
    expect(stats?.fps).toBeGreaterThan(20);
    expect(stats?.fps).toBeLessThan(30);
    expect(stats?.bitrateKbps).toBeGreaterThan(100);
    expect(stats?.bytesIn).toBeGreaterThan(50_000);
    expect(stats?.viewers).toEqual([{ session: "stats-session", transport: "ws", queuedBytes: expect.any(Number), queuedMs: expect.any(Number), skippedGops: 0, deadline }]);
    expect(stats).toMatchObject({ transcoding: false, keyframeIntervalMs: 1000, reconnects: 0, timestampJumps: 0 });
    expect(stats?.keyframeAgeMs).toBeGreaterThanOrEqual(0);
    expect(stats?.keyframeAgeMs).toBeLessThan(1500);
    await pending;
  });

  it("closes a session's viewers on revoke (4403) and leaves others alone", async () => {
    const revoked = captureWs(url("cam1", token("cam1", "bad-session"), "ws"), 3000);
    const kept = captureWs(url("cam1", token("cam1", "good-session"), "ws"), 1500);
    const http = captureHttp(url("cam1", token("cam1", "bad-session")), 3000);
    await new Promise((r) => setTimeout(r, 500));
    const at = performance.now();
    expect(hub.revokeSession("bad-session")).toBe(2);
    const [r, k, h] = await Promise.all([revoked, kept, http]);
    expect(r.closeCode).toBe(4403);
    expect(r.closeReason).toBe("revoked");
    expect(performance.now() - at).toBeLessThan(1500);
    expect(h.closeCode).toBe(-1);
    expect(h.closedAfterMs!).toBeLessThan(1500);
    expect(k.closeCode).toBeNull();
    // The revoked session's URL is dead from now on, even though its token's deadline has not passed.
    const again = await captureHttp(url("cam1", token("cam1", "bad-session")), 1000);
    expect(again.status).toBe(401);
    expect(again.body).toContain("revoked");
  });

  it("closes a viewer when its token deadline passes (4401)", async () => {
    const cap = await captureWs(url("cam1", token("cam1", "short", 800), "ws"), 3000);
    expect(flvStartProblem(cap)).toBeNull();
    expect(cap.closeCode).toBe(4401);
    expect(cap.closeReason).toBe("token expired");
    expect(cap.closedAfterMs!).toBeGreaterThan(600);
    expect(cap.closedAfterMs!).toBeLessThan(1800);
  });

  it("keeps a viewer past its token deadline once main extends the session; stats show the new deadline", async () => {
    const capture = captureWs(url("cam1", token("cam1", "extended", 800), "ws"), 2500);
    const other = captureWs(url("cam1", token("cam1", "not-extended", 800), "ws"), 2500);
    await new Promise((r) => setTimeout(r, 300));
    const later = Date.now() + 60_000;
    expect(hub.extendSession("extended", later)).toBe(1);
    const viewers = hub.stats().find((s) => s.channel === "cam1")!.viewers;
    expect(viewers.find((v) => v.session === "extended")?.deadline).toBe(later);
    const [kept, cut] = await Promise.all([capture, other]);
    expect(flvStartProblem(kept)).toBeNull();
    expect(kept.closeCode).toBeNull();
    expect(cut.closeCode).toBe(4401);
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
    expect(flvStartProblem(await captureHttp(url("cam1", token("cam1")), 600))).toBeNull();
  });

  it("refuses a source outside the media root when it is registered", () => {
    expect(() => hub.ensureSource("evil", { kind: "file", path: "../../etc/passwd" })).toThrow(/outside the media root/);
    expect(hub.has("evil")).toBe(false);
  });

  it("keeps viewers across a source replacement, with monotonic timestamps", async () => {
    hub.ensureSource("swap", { kind: "file", path: "plaza.flv" });
    const pending = captureWs(url("swap", token("swap"), "ws"), 2000);
    await new Promise((r) => setTimeout(r, 800));
    hub.ensureSource("swap", { kind: "file", path: "mountain.flv" });
    const cap = await pending;
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
    const pending = captureWs(url("temp", token("temp"), "ws"), 3000);
    await new Promise((r) => setTimeout(r, 500));
    expect(hub.releaseSource("temp")).toBe(true);
    const cap = await pending;
    expect(cap.closeCode).toBe(1001);
    expect(cap.closedAfterMs!).toBeLessThan(1500);
  });
});
