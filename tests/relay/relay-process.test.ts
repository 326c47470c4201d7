// The bundled relay as main runs it: a forked child, env config, control messages over IPC, real sockets.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RELAY_ENV, RelayToMainSchema, type MainToRelay, type RelayToMain } from "../../contract/relay-control.js";
import { mintStreamToken } from "../../contract/stream-token.js";
import { captureHttp, captureWs, flvStartProblem, hasFrames, videoFrames, watchHttp, watchWs } from "../../relay/testing/flv-clients.js";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const mediaRoot = join(root, "resources", "demo");
const workDir = mkdtempSync(join(tmpdir(), "vigil-relay-it-"));
const bundle = join(workDir, "relay-main.cjs");
const key = randomBytes(32);
const children: ChildProcess[] = [];

interface RelayHandle {
  child: ChildProcess;
  messages: RelayToMain[];
  stderr: () => string;
  send(message: MainToRelay | Record<string, unknown>): void;
  waitFor<T extends RelayToMain>(pred: (m: RelayToMain) => m is T, timeoutMs?: number): Promise<T>;
  waitFor(pred: (m: RelayToMain) => boolean, timeoutMs?: number): Promise<RelayToMain>;
}

function startRelay(env: Record<string, string>): RelayHandle {
  const child = fork(bundle, [], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe", "ipc"], serialization: "json" });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const messages: RelayToMain[] = [];
  const waiters: Array<{ pred: (m: RelayToMain) => boolean; resolve: (m: RelayToMain) => void }> = [];
  child.on("message", (raw) => {
    // Main validates what the relay says; so does this test.
    const msg = RelayToMainSchema.parse(raw);
    messages.push(msg);
    for (const w of [...waiters]) {
      if (w.pred(msg)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(msg);
      }
    }
  });
  const waitFor = (pred: (m: RelayToMain) => boolean, timeoutMs = 5000): Promise<RelayToMain> => {
    const seen = messages.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`no matching relay message in ${timeoutMs} ms; stderr:\n${stderr}`)), timeoutMs);
      waiters.push({ pred, resolve: (m) => (clearTimeout(timer), res(m)) });
    });
  };
  return { child, messages, stderr: () => stderr, send: (m) => child.send(m), waitFor: waitFor as RelayHandle["waitFor"] };
}

const relayEnv = () => ({ [RELAY_ENV.port]: "0", [RELAY_ENV.tokenKey]: key.toString("hex"), [RELAY_ENV.mediaRoot]: mediaRoot });
const isLog = (pattern: RegExp) => (m: RelayToMain) => m.type === "log" && pattern.test(m.message);

let relay: RelayHandle;
let base = "";
const token = (channel: string, session = "s-main", ttl = 60_000, grant?: string) =>
  mintStreamToken(key, { channel, session, deadline: Date.now() + ttl, ...(grant ? { grant } : {}) });
const wsUrl = (channel: string, tok: string) => `ws://${base}/live/${channel}.flv?token=${encodeURIComponent(tok)}`;
const httpUrl = (channel: string, tok: string) => `http://${base}/live/${channel}.flv?token=${encodeURIComponent(tok)}`;

beforeAll(async () => {
  await build({
    entryPoints: [join(root, "relay", "relay-main.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: true,
    outfile: bundle,
    logLevel: "warning",
  });
  relay = startRelay(relayEnv());
  const ready = await relay.waitFor((m): m is Extract<RelayToMain, { type: "ready" }> => m.type === "ready", 10_000);
  base = `127.0.0.1:${ready.port}`;
  relay.send({ type: "ensureSource", channel: "cam1", source: { kind: "file", path: join(mediaRoot, "crossroads.flv") } });
  relay.send({ type: "ensureSource", channel: "cam2", source: { kind: "file", path: "riverside.flv" } });
}, 30_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(workDir, { recursive: true, force: true });
});

describe("relay process", () => {
  it("reports ready, answers ping, and logs invalid control messages", async () => {
    relay.send({ type: "ping", seq: 41 });
    expect(await relay.waitFor((m) => m.type === "pong" && m.seq === 41)).toEqual({ type: "pong", seq: 41 });
    relay.send({ type: "ensureSource", channel: "bad name!", source: { kind: "file", path: "x.flv" } });
    relay.send({ type: "selfDestruct" });
    await relay.waitFor(isLog(/invalid control message \(ensureSource\): channel/));
    await relay.waitFor(isLog(/invalid control message \(selfDestruct\)/));
  });

  it("serves WS-FLV and HTTP-FLV from one source: header first, configs, keyframe, monotonic timestamps, fast start", async () => {
    // ~2 s of 25 fps video each (the bound is only there to fail rather than hang).
    const [ws, http] = await Promise.all([
      captureWs(wsUrl("cam1", token("cam1")), 15_000, { until: hasFrames(40) }),
      captureHttp(httpUrl("cam1", token("cam1")), 15_000, { until: hasFrames(40) }),
    ]);
    expect(ws.headerFirst).toBe(true);
    expect(flvStartProblem(ws)).toBeNull();
    expect(flvStartProblem(http)).toBeNull();
    expect(http.status).toBe(200);
    expect(http.headers["content-type"]).toBe("video/x-flv");
    expect(ws.firstByteMs!).toBeLessThan(3000);
    expect(http.firstByteMs!).toBeLessThan(3000);
    expect(videoFrames(ws).length).toBeGreaterThanOrEqual(40);
    expect(videoFrames(http).length).toBeGreaterThanOrEqual(40);
    const stats = await relay.waitFor((m) => m.type === "stats" && m.streams.some((s) => s.channel === "cam1" && s.width === 640));
    expect(stats.type === "stats" && stats.streams.find((s) => s.channel === "cam1")).toMatchObject({ codec: "h264", width: 640, height: 360 });
  });

  it("gives ffprobe a valid FLV: h264 640x360 with monotonic pts", async () => {
    const cap = await captureHttp(httpUrl("cam2", token("cam2")), 15_000, { keepRaw: true, until: hasFrames(60) });
    const file = join(workDir, "capture.flv");
    writeFileSync(file, Buffer.concat(cap.raw));
    const { stdout } = await promisify(execFile)("ffprobe", ["-v", "error", "-show_format", "-show_streams", "-show_packets", "-of", "json", file]);
    const probe = JSON.parse(stdout) as {
      format: { format_name: string };
      streams: Array<{ codec_name: string; width: number; height: number }>;
      packets: Array<{ pts?: number; flags: string }>;
    };
    expect(probe.format.format_name).toBe("flv");
    expect(probe.streams).toHaveLength(1);
    expect(probe.streams[0]).toMatchObject({ codec_name: "h264", width: 640, height: 360 });
    const pts = probe.packets.map((p) => p.pts ?? -1);
    expect(pts.length).toBeGreaterThan(50);
    expect(pts[0]).toBe(0);
    expect(probe.packets[0]?.flags.startsWith("K")).toBe(true);
    for (let i = 1; i < pts.length; i++) expect(pts[i]!).toBeGreaterThan(pts[i - 1]!);
  });

  it("refuses forged tokens and unknown channels", async () => {
    const forged = mintStreamToken(randomBytes(32), { channel: "cam1", session: "x", deadline: Date.now() + 60_000 });
    expect((await captureHttp(httpUrl("cam1", forged), 1000)).status).toBe(401);
    await expect(captureWs(wsUrl("cam1", forged), 1000)).rejects.toMatchObject({ statusCode: 401 });
    await relay.waitFor((m) => m.type === "log" && m.channel === "cam1" && /token bad-signature/.test(m.message));
    expect((await captureHttp(httpUrl("ghost", token("ghost")), 1000)).status).toBe(404);
    await expect(captureWs(wsUrl("ghost", token("ghost")), 1000)).rejects.toMatchObject({ statusCode: 404 });
  });

  it("cuts viewers at their token deadline and on revokeSession", async () => {
    const expiring = watchWs(wsUrl("cam1", token("cam1", "s-short", 1500)));
    const revoked = watchWs(wsUrl("cam1", token("cam1", "s-revoked")));
    const revokedHttp = watchHttp(httpUrl("cam1", token("cam1", "s-revoked")));
    // Media flowing to a viewer means the relay has registered it.
    await Promise.all([revoked, revokedHttp].map((v) => v.until("the first frame", hasFrames())));
    const sentAt = performance.now();
    relay.send({ type: "revokeSession", session: "s-revoked" });
    const [r, h] = await Promise.all([revoked.ended, revokedHttp.ended]);
    expect(r.closeCode).toBe(4403);
    expect(r.closeReason).toBe("revoked");
    expect(h.closeCode).toBe(-1);
    for (const cap of [r, h]) expect(cap.startedAt + cap.closedAfterMs! - sentAt).toBeLessThan(1000);
    const e = await expiring.ended;
    expect(e.closeCode).toBe(4401);
    expect(e.closeReason).toBe("token expired");
    expect(e.closedAfterMs!).toBeGreaterThan(1200);
    expect(e.closedAfterMs!).toBeLessThan(2500);
  });

  it("refuses a path outside the media root, names a missing clip, and stays alive", async () => {
    relay.send({ type: "ensureSource", channel: "evil", source: { kind: "file", path: "../../etc/passwd" } });
    const refused = await relay.waitFor((m) => m.type === "log" && m.channel === "evil");
    expect(refused).toMatchObject({ level: "error", message: expect.stringMatching(/source refused: .*"..\/..\/etc\/passwd" refused: it resolves outside the media root/) });
    expect((await captureHttp(httpUrl("evil", token("evil")), 1000)).status).toBe(404);

    relay.send({ type: "ensureSource", channel: "lost", source: { kind: "file", path: "missing-clip.flv" } });
    await relay.waitFor((m) => m.type === "log" && m.channel === "lost" && m.message === `source file not found: ${join(mediaRoot, "missing-clip.flv")}`);
    const lost = await captureWs(wsUrl("lost", token("lost")), 2000);
    expect(lost.closeCode).toBe(1011);
    expect(lost.closeReason).toContain("missing-clip.flv");

    relay.send({ type: "ping", seq: 99 });
    await relay.waitFor((m) => m.type === "pong" && m.seq === 99);
    expect(relay.child.exitCode).toBeNull();
  });

  it("exits when main's IPC channel goes away", async () => {
    const other = startRelay(relayEnv());
    await other.waitFor((m) => m.type === "ready", 10_000);
    const exited = new Promise<number | null>((res) => other.child.once("exit", (code) => res(code)));
    other.child.disconnect();
    expect(await exited).toBe(0);
  });

  it("refuses to start without a token key, with a clear error", async () => {
    const broken = startRelay({ ...relayEnv(), [RELAY_ENV.tokenKey]: "" });
    // "close" waits for stderr to be drained, unlike "exit".
    const code = await new Promise<number | null>((res) => broken.child.once("close", (c) => res(c)));
    expect(code).toBe(1);
    expect(broken.stderr()).toContain("VIGIL_RELAY_TOKEN_KEY is required");
  });

  it("closes viewers within 1 s on revokeChannel and revokeGrant, leaving the others", async () => {
    const chan = watchWs(wsUrl("cam2", token("cam2", "s-a")));
    const grantWs = watchWs(wsUrl("cam1", token("cam1", "s-b", 60_000, "grant-7")));
    const grantHttp = watchHttp(httpUrl("cam1", token("cam1", "s-c", 60_000, "grant-7")));
    const kept = watchWs(wsUrl("cam1", token("cam1", "s-d", 60_000, "grant-8")));
    await Promise.all([chan, grantWs, grantHttp, kept].map((v) => v.until("the first frame", hasFrames())));
    const sentAt = performance.now();
    relay.send({ type: "revokeChannel", channel: "cam2" });
    relay.send({ type: "revokeGrant", grant: "grant-7" });
    const [c, g, h] = await Promise.all([chan.ended, grantWs.ended, grantHttp.ended]);
    expect(c).toMatchObject({ closeCode: 4403, closeReason: "revoked" });
    expect(g).toMatchObject({ closeCode: 4403, closeReason: "revoked" });
    expect(h.closeCode).toBe(-1);
    for (const cap of [c, g, h]) expect(cap.startedAt + cap.closedAfterMs! - sentAt).toBeLessThan(1000);
    // The other grant's viewer plays on: more frames after the cuts, still open.
    const seen = videoFrames(kept.cap).length;
    const k = await kept.until("5 more frames after the revocations", hasFrames(seen + 5));
    expect(k.closeCode).toBeNull();
    await kept.stop();
    await relay.waitFor(isLog(/grant revoked: 2 viewer\(s\) closed/));
    await relay.waitFor((m) => m.type === "log" && m.channel === "cam2" && /channel revoked: 1 viewer\(s\) closed/.test(m.message));
  });

  it("answers 503 beyond the viewer cap, and keeps memory bounded for viewers that never read", async () => {
    const capped = startRelay({ ...relayEnv(), [RELAY_ENV.maxViewers]: "4" });
    const ready = await capped.waitFor((m): m is Extract<RelayToMain, { type: "ready" }> => m.type === "ready", 10_000);
    const port = ready.port;
    capped.send({ type: "ensureSource", channel: "cam1", source: { kind: "file", path: "crossroads.flv" } });
    const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${capped.child.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
    // Four HTTP-FLV viewers that send their request and then never read a byte.
    const sockets = Array.from({ length: 4 }, () => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.write(`GET /live/cam1.flv?token=${encodeURIComponent(token("cam1", "s-stalled"))} HTTP/1.1\r\nHost: x\r\n\r\n`);
        socket.pause();
      });
      return socket;
    });
    // The relay counts the four as viewers (its stats say so each second).
    await capped.waitFor((m) => m.type === "stats" && m.streams.some((s) => s.channel === "cam1" && s.viewers.length === 4), 10_000);
    const start = rss();
    const refused = await captureHttp(`http://127.0.0.1:${port}/live/cam1.flv?token=${encodeURIComponent(token("cam1", "s-5th"))}`, 1000);
    expect(refused.status).toBe(503);
    expect(refused.body).toBe("viewer cap reached (4)");
    await capped.waitFor(isLog(/viewer refused: the relay already serves its cap of 4 viewers/));
    // Four more seconds of the stream go to peers that never read (counted in bytes, at its measured bitrate).
    const cam1 = (m: RelayToMain) => (m.type === "stats" ? m.streams.find((s) => s.channel === "cam1") : undefined);
    const baseline = cam1(capped.messages.filter((m) => m.type === "stats").at(-1)!);
    const fourSeconds = (baseline?.bitrateKbps ?? 600) * 125 * 4;
    await capped.waitFor((m) => (cam1(m)?.bytesIn ?? 0) >= (baseline?.bytesIn ?? 0) + fourSeconds, 20_000);
    const end = rss();
    const stats = capped.messages.filter((m) => m.type === "stats").at(-1)!;
    // The demo stream is ~0.6 Mbit/s: 5 s to 4 peers is ~1.6 MB; each queue is capped at 4 MB by skipping GOPs.
    expect(end - start).toBeLessThan(40);
    expect(stats.type === "stats" && stats.streams[0]?.viewers.length).toBe(4);
    if (stats.type === "stats") {
      for (const v of stats.streams[0]!.viewers) expect(v.queuedBytes).toBeLessThan(5 * 1024 * 1024);
    }
    for (const s of sockets) s.destroy();
  });
});
