// Real upstreams against an in-process relay: HTTP-FLV and WS-FLV pulls from a small media server, RTMP and
// RTSP through ffmpeg (RTSP playback against a real server: rtsp-source.test.ts), and every kind of bad upstream:
// each gives a clear error (viewer, log, stats), no crash.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceSpec, StreamStats } from "../../contract/relay-control.js";
import { mintStreamToken } from "../../contract/stream-token.js";
import { flvHeaderBytes, flvTagBytes } from "../../relay/flv/flv-writer.js";
import type { RelayLog } from "../../relay/relay-log.js";
import { createRelayServer, type RelayServer } from "../../relay/relay-server.js";
import { createSourceFactory } from "../../relay/sources/source-factory.js";
import { StreamHub } from "../../relay/stream/stream-hub.js";
import { captureHttp, captureWs, flvStartProblem, hasFrames, videoFrames, watchWs } from "../../relay/testing/flv-clients.js";
import { fixedRoute, flvRoute, flvWsRoute, startUpstream, type Upstream } from "../../relay/testing/flv-upstream.js";
import { waitFor } from "../support/wait-for.js";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const clip = join(root, "resources", "demo", "crossroads.flv");
const dir = mkdtempSync(join(tmpdir(), "vigil-upstreams-"));
const key = randomBytes(32);
const logs: Array<{ level: string; message: string; channel?: string }> = [];
const log: RelayLog = (level, message, channel) => logs.push({ level, message, ...(channel ? { channel } : {}) });
const children: ChildProcess[] = [];

let upstream: Upstream;
let hub: StreamHub;
let relay: RelayServer;
let base = "";
let smallClip = "";
/** Connections to /flaky: the first serves 1.2 s of video and drops, later ones stay. */
let flakyHits = 0;
let switchingHits = 0;

const token = (channel: string) => mintStreamToken(key, { channel, session: "s", deadline: Date.now() + 60_000 });
const httpUrl = (channel: string) => `http://${base}/live/${channel}.flv?token=${token(channel)}`;
const wsUrl = (channel: string) => `ws://${base}/live/${channel}.flv?token=${token(channel)}`;
const statsOf = (channel: string): StreamStats => {
  const s = hub.stats().find((x) => x.channel === channel);
  if (!s) throw new Error(`no stats for ${channel}`);
  return s;
};

function freePort(): Promise<number> {
  return new Promise((res) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
  });
}

/** Whether something listens on 127.0.0.1:port, read from /proc/net/tcp: a probe connection would be the one client ffmpeg's RTMP server takes. */
function listening(port: number): boolean {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  return readFileSync("/proc/net/tcp", "utf8").split("\n").some((line) => {
    const [, address, , state] = line.trim().split(/\s+/);
    return address === local && state === "0A"; // 0A: LISTEN
  });
}

function register(channel: string, spec: SourceSpec): void {
  hub.ensureSource(channel, spec);
}

/** Crafted bytes: a valid FLV header, then whatever follows. */
function flvBytes(...rest: Buffer[]): Buffer {
  return Buffer.concat([flvHeaderBytes({ hasAudio: false, hasVideo: true }), ...rest]);
}

beforeAll(async () => {
  // A second H.264 clip with other codec parameters (320x180), for the codec-change case.
  smallClip = join(dir, "small.flv");
  execFileSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-t", "3", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", smallClip]);
  const absurd = Buffer.from([9, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0]);
  upstream = await startUpstream(
    {
      "/live/cam.live.flv": flvRoute(clip),
      "/missing.live.flv": fixedRoute(404, "text/html", "<h1>Not Found</h1>"),
      "/login.live.flv": fixedRoute(200, "text/html; charset=utf-8", "<html>please log in</html>"),
      "/json.live.flv": fixedRoute(200, "application/json", '{"code":-500,"msg":"stream not found"}'),
      "/garbage.live.flv": fixedRoute(200, "video/x-flv", Buffer.from("RIFF....not flv at all"), true),
      "/absurd.live.flv": fixedRoute(200, "video/x-flv", flvBytes(absurd), true),
      "/truncated.live.flv": fixedRoute(200, "video/x-flv", flvBytes(flvTagBytes(9, 0, Buffer.alloc(500)).subarray(0, 300))),
      "/silent.live.flv": fixedRoute(200, "video/x-flv", flvBytes(), true),
      "/jumpy.live.flv": flvRoute(clip, {
        // Back 5 s after 30 tags, then 100 s forward after 60: what a camera rebooting its clock looks like.
        mapTag: (tag, n) => ({ ...tag, timestamp: n < 30 ? tag.timestamp : n < 60 ? tag.timestamp + 100_000 - 105_000 : tag.timestamp + 100_000 }),
      }),
      "/nokey.live.flv": flvRoute(clip, { mapTag: (tag) => (tag.video?.isKeyframe ? null : tag) }),
      "/flaky.live.flv": (req, res) => flvRoute(clip, flakyHits++ === 0 ? { endAfterMs: 1200 } : {})(req, res),
      "/switching.live.flv": (req, res) => flvRoute(switchingHits++ === 0 ? clip : smallClip, switchingHits === 1 ? { endAfterMs: 1200 } : {})(req, res),
    },
    { "/live/cam.live.flv": flvWsRoute(clip), "/text": (ws) => ws.send("hello") },
  );
  hub = new StreamHub({
    sources: createSourceFactory({ mediaRoot: dir, ffmpeg: { explicit: null, resourcesDirs: [], pathEnv: process.env.PATH } }),
    log,
    lingerMs: 300,
    timeouts: { keyframeTimeoutMs: 1500 },
    backoff: { baseMs: 200, capMs: 800 },
  });
  relay = createRelayServer({ hub, tokenKey: key, log });
  base = `127.0.0.1:${await relay.listen(0)}`;
}, 30_000);

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  hub.close();
  await relay.close();
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("pulling real upstreams", () => {
  it("relays HTTP-FLV and WS-FLV pulls with a proper start and stats", async () => {
    register("http1", { kind: "http-flv", url: upstream.http("/live/cam.live.flv?token=secret") });
    register("ws1", { kind: "ws-flv", url: upstream.ws("/live/cam.live.flv") });
    const [h, w] = await Promise.all([captureHttp(httpUrl("http1"), 15_000, { until: hasFrames(31) }), captureWs(wsUrl("ws1"), 15_000, { until: hasFrames(31) })]);
    expect(flvStartProblem(h)).toBeNull();
    expect(flvStartProblem(w)).toBeNull();
    expect(videoFrames(h).length).toBeGreaterThan(30);
    expect(videoFrames(w).length).toBeGreaterThan(30);
    expect(statsOf("http1")).toMatchObject({ codec: "h264", transcoding: false, width: 640, height: 360, lastError: null });
    // Play tokens in upstream URLs stay out of the log.
    expect(logs.some((l) => l.message.includes("secret"))).toBe(false);
    expect(logs.some((l) => l.channel === "http1" && l.message.includes("opening http-flv http://127.0.0.1"))).toBe(true);
  });

  it.each([
    ["a 404", "/missing.live.flv", "upstream answered 404 Not Found"],
    ["an HTML page", "/login.live.flv", "upstream answered text/html, not FLV"],
    ["a JSON error", "/json.live.flv", "upstream answered application/json, not FLV"],
    ["a wrong FLV signature", "/garbage.live.flv", "upstream sent bad FLV: not an FLV stream: bad signature (expected 'FLV') (at byte 0)"],
    ["an absurd tag size", "/absurd.live.flv", "upstream sent bad FLV: absurd tag size 16777215 bytes"],
  ])("gives viewers a clear error for %s", async (_name, path, message) => {
    const channel = `bad${path.replace(/\W/g, "")}`.slice(0, 64);
    register(channel, { kind: "http-flv", url: upstream.http(path) });
    const cap = await captureHttp(httpUrl(channel), 2000);
    expect(cap.status).toBe(502);
    expect(cap.body).toContain(message);
    expect(statsOf(channel)).toMatchObject({ state: "error", lastError: expect.stringContaining(message) });
    expect(logs.some((l) => l.level === "error" && l.channel === channel && l.message.includes(message))).toBe(true);
  });

  it("names a 404 and a text message over WS-FLV too", async () => {
    register("wsbad", { kind: "ws-flv", url: upstream.ws("/nothing") });
    register("wstext", { kind: "ws-flv", url: upstream.ws("/text") });
    await expect(captureWs(wsUrl("wsbad"), 2000)).resolves.toMatchObject({ closeCode: 1011, closeReason: "source error: upstream answered 404 Not Found" });
    await expect(captureWs(wsUrl("wstext"), 2000)).resolves.toMatchObject({ closeCode: 1011, closeReason: "source error: upstream sent a text message, not FLV" });
  });

  it("names a truncated tag and a silent upstream", async () => {
    register("cut", { kind: "http-flv", url: upstream.http("/truncated.live.flv") });
    register("silent", { kind: "http-flv", url: upstream.http("/silent.live.flv") });
    // Only the FLV header arrives: viewers are not started yet (the codec is unknown), so they learn why at once.
    const [cut, silent] = await Promise.all([captureWs(wsUrl("cut"), 3500), captureWs(wsUrl("silent"), 3500)]);
    const truncated = "upstream ended the stream in the middle of a tag (truncated tag, 300 bytes held)";
    expect(cut).toMatchObject({ closeCode: 1011, closeReason: `source error: ${truncated}` });
    expect(silent).toMatchObject({ closeCode: 1011, closeReason: "source error: upstream sent nothing for 1.5 s" });
    expect(silent.closedAfterMs!).toBeGreaterThan(1400);
    expect(statsOf("cut")).toMatchObject({ state: "error", lastError: truncated });
  });

  it("rebases timestamp jumps backwards and far forward: viewers see one continuous timeline", async () => {
    register("jumpy", { kind: "http-flv", url: upstream.http("/jumpy.live.flv") });
    // Both jumps are behind the first 60 tags: 71 frames take the capture past them.
    const cap = await captureWs(wsUrl("jumpy"), 20_000, { until: hasFrames(71) });
    const ts = videoFrames(cap).map((t) => t.timestamp);
    expect(ts.length).toBeGreaterThan(70);
    for (let i = 1; i < ts.length; i++) {
      expect(ts[i]! - ts[i - 1]!).toBeGreaterThanOrEqual(0);
      expect(ts[i]! - ts[i - 1]!).toBeLessThanOrEqual(100);
    }
    expect(statsOf("jumpy").timestampJumps).toBe(2);
    expect(logs.filter((l) => l.channel === "jumpy" && /upstream timestamp jumped -?\d{4,6} ms; rebased so viewers stay continuous/.test(l.message))).toHaveLength(2);
  });

  it("reconnects an upstream that never sends a keyframe", async () => {
    register("nokey", { kind: "http-flv", url: upstream.http("/nokey.live.flv") });
    const viewer = watchWs(wsUrl("nokey"));
    await waitFor("a reconnect after the keyframe timeout", () => statsOf("nokey").reconnects >= 1, { detail: () => JSON.stringify(statsOf("nokey")) });
    const cap = await viewer.stop();
    expect(videoFrames(cap)).toHaveLength(0); // nothing undecodable reaches the viewer
    expect(statsOf("nokey")).toMatchObject({ lastError: "no keyframe from upstream for 1.5 s", keyframeAgeMs: null });
  });

  it("keeps viewers across an upstream drop with unchanged codec parameters: no second config, monotonic timestamps", async () => {
    register("flaky", { kind: "http-flv", url: upstream.http("/flaky.live.flv") });
    // The first connection drops after 1.2 s of video; 20 frames past that mean it came back.
    const cap = await captureWs(wsUrl("flaky"), 20_000, { until: (c) => videoFrames(c).filter((t) => t.timestamp >= 1200).length > 20 });
    expect(cap.closeCode).toBeNull();
    expect(flvStartProblem(cap)).toBeNull();
    expect(cap.tags.filter((t) => t.video?.isSequenceHeader)).toHaveLength(1);
    const frames = videoFrames(cap);
    const before = frames.filter((t) => t.timestamp < 1200).length;
    expect(before).toBeGreaterThan(20);
    expect(frames.length - before).toBeGreaterThan(20); // it came back
    expect(statsOf("flaky")).toMatchObject({ reconnects: 1, state: "live" });
  });

  it("closes viewers with 4409 when the upstream comes back with other codec parameters", async () => {
    register("switching", { kind: "http-flv", url: upstream.http("/switching.live.flv") });
    const cap = await captureWs(wsUrl("switching"), 20_000);
    expect(cap.closeCode).toBe(4409);
    expect(cap.closeReason).toBe("codec changed");
    expect(cap.closedAfterMs!).toBeGreaterThan(1200);
    // A new viewer starts on the new parameters.
    const next = await captureWs(wsUrl("switching"), 15_000, { until: hasFrames() });
    expect(flvStartProblem(next)).toBeNull();
    expect(statsOf("switching")).toMatchObject({ width: 320, height: 180 });
  });

  it("backs off while the upstream refuses connections, reporting why", async () => {
    const dead = await startUpstream({ "/s.live.flv": flvRoute(clip, { endAfterMs: 800 }) });
    register("dying", { kind: "http-flv", url: dead.http("/s.live.flv") });
    const viewer = watchWs(wsUrl("dying"));
    await viewer.until("the first frame", hasFrames());
    await dead.close();
    const closedAt = performance.now();
    // 200 ms base doubling to an 800 ms cap, each delay at least half its step: 5 attempts wait 100+200+400+400+400 ms
    // at the least (not hundreds of attempts in a burst).
    await waitFor("5 reconnect attempts", () => statsOf("dying").reconnects >= 5, { detail: () => JSON.stringify(statsOf("dying")) });
    expect(performance.now() - closedAt).toBeGreaterThanOrEqual(1500);
    const cap = await viewer.stop();
    expect(cap.closeCode).toBeNull(); // watching viewers wait (up to the outage limit)
    const stats = statsOf("dying");
    expect(stats.state).toBe("reconnecting");
    expect(stats.lastError).toMatch(/^cannot reach upstream: connect ECONNREFUSED/);
    const delays = logs.filter((l) => l.channel === "dying" && /reconnecting in \d+ ms/.test(l.message)).map((l) => Number(/in (\d+) ms/.exec(l.message)?.[1]));
    expect(Math.max(...delays)).toBeLessThanOrEqual(800);
    expect(Math.max(...delays)).toBeGreaterThanOrEqual(400);
  });
});

describe("through ffmpeg", () => {
  // ffmpeg probes about a second before its first frame, and ffmpeg's RTMP server takes one client only:
  // a relay with the default keyframe timeout, so no reconnect races the test.
  let ffHub: StreamHub;
  let ffRelay: RelayServer;
  let ffBase = "";
  beforeAll(async () => {
    ffHub = new StreamHub({ sources: createSourceFactory({ mediaRoot: dir }), log, lingerMs: 300 });
    ffRelay = createRelayServer({ hub: ffHub, tokenKey: key, log });
    ffBase = `127.0.0.1:${await ffRelay.listen(0)}`;
  });
  afterAll(async () => {
    ffHub.close();
    await ffRelay.close();
  });
  const ffWs = (channel: string) => `ws://${ffBase}/live/${channel}.flv?token=${token(channel)}`;

  it("pulls an RTMP stream served by ffmpeg", async () => {
    const port = await freePort();
    const server = spawn("ffmpeg", ["-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1", "-i", clip, "-c", "copy", "-f", "flv", "-listen", "1", `rtmp://127.0.0.1:${port}/live/cam`], { stdio: "ignore" });
    children.push(server);
    ffHub.ensureSource("rtmp1", { kind: "rtmp", url: `rtmp://127.0.0.1:${port}/live/cam` });
    // ffmpeg's RTMP server takes a moment to listen (and accepts one client, so no probe connection).
    await waitFor(`ffmpeg listening on port ${port}`, () => listening(port));
    const cap = await captureWs(ffWs("rtmp1"), 20_000, { until: hasFrames(21) });
    expect(flvStartProblem(cap)).toBeNull();
    expect(videoFrames(cap).length).toBeGreaterThan(20);
    expect(ffHub.stats().find((s) => s.channel === "rtmp1")).toMatchObject({ codec: "h264", transcoding: false, width: 640, height: 360 });
    expect(logs.some((l) => l.channel === "rtmp1" && l.message.startsWith("opening rtmp rtmp://127.0.0.1") && l.message.endsWith("via ffmpeg"))).toBe(true);
  });

  it("says why an RTSP camera cannot be reached (connection refused; playing RTSP: rtsp-source.test.ts)", async () => {
    register("rtsp1", { kind: "rtsp", url: `rtsp://127.0.0.1:${await freePort()}/stream1` });
    const cap = await captureHttp(httpUrl("rtsp1"), 5000);
    expect(cap.status).toBe(502);
    expect(cap.body).toMatch(/^source error: ffmpeg exited with code \d+: .*Connection refused/);
    expect(statsOf("rtsp1").state).toBe("error");
  });

  it("fails only the sources that need ffmpeg when there is none", async () => {
    const noFfmpeg = new StreamHub({
      sources: createSourceFactory({ mediaRoot: dir, ffmpeg: { explicit: null, resourcesDirs: [dir], pathEnv: dir } }),
      log,
      lingerMs: 100,
    });
    const server = createRelayServer({ hub: noFfmpeg, tokenKey: key, log });
    const port = await server.listen(0);
    try {
      noFfmpeg.ensureSource("rtsp2", { kind: "rtsp", url: "rtsp://127.0.0.1:1/x" });
      noFfmpeg.ensureSource("flv2", { kind: "http-flv", url: upstream.http("/live/cam.live.flv") });
      const tok = (c: string) => mintStreamToken(key, { channel: c, session: "s", deadline: Date.now() + 60_000 });
      const rtsp = await captureHttp(`http://127.0.0.1:${port}/live/rtsp2.flv?token=${tok("rtsp2")}`, 2000);
      expect(rtsp.status).toBe(502);
      expect(rtsp.body).toMatch(/ffmpeg not found \(needed for RTSP\/RTMP sources and H.265 transcoding\): set VIGIL_FFMPEG/);
      const flv = await captureHttp(`http://127.0.0.1:${port}/live/flv2.flv?token=${tok("flv2")}`, 15_000, { until: hasFrames() });
      expect(flvStartProblem(flv)).toBeNull();
    } finally {
      noFfmpeg.close();
      await server.close();
    }
  });
});
