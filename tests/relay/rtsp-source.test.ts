// The relay's RTSP source against a real RTSP server: relay/testing/rtsp-test-server.ts serves the plaza demo clip
// as H.264 over RTP/TCP (interleaved), and the relay pulls it through ffmpeg as it would pull a camera.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StreamStats } from "../../contract/relay-control.js";
import { mintStreamToken } from "../../contract/stream-token.js";
import type { FlvTag } from "../../relay/flv/flv-parser.js";
import type { RelayLog } from "../../relay/relay-log.js";
import { createRelayServer, type RelayServer } from "../../relay/relay-server.js";
import { createSourceFactory } from "../../relay/sources/source-factory.js";
import { StreamHub } from "../../relay/stream/stream-hub.js";
import { captureHttp, flvStartProblem, hasFrames, videoFrames, watchWs, type FlvCapture } from "../../relay/testing/flv-clients.js";
import { startRtspTestServer, type RtspTestServer } from "../../relay/testing/rtsp-test-server.js";
import { waitFor } from "../support/wait-for.js";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const clip = join(root, "resources", "demo", "plaza.flv"); // 640x360, 25 fps, a keyframe every second
const key = randomBytes(32);
const logs: Array<{ level: string; message: string; channel?: string }> = [];
const log: RelayLog = (level, message, channel) => logs.push({ level, message, ...(channel ? { channel } : {}) });

let camera: RtspTestServer;
let hub: StreamHub;
let relay: RelayServer;
let base = "";

const token = (channel: string) => mintStreamToken(key, { channel, session: "s", deadline: Date.now() + 60_000 });
const statsOf = (channel: string): StreamStats => {
  const s = hub.stats().find((x) => x.channel === channel);
  if (!s) throw new Error(`no stats for ${channel}`);
  return s;
};

/** Frames come at the clip's 25 fps and never go back in time. */
function expectSteady25fps(frames: FlvTag[]): void {
  const ts = frames.map((t) => t.timestamp);
  for (let i = 1; i < ts.length; i++) expect(ts[i]!).toBeGreaterThanOrEqual(ts[i - 1]!);
  const spanMs = ts.at(-1)! - ts[0]!;
  expect(spanMs).toBeGreaterThanOrEqual(2000);
  const fps = ((ts.length - 1) * 1000) / spanMs;
  expect(fps).toBeGreaterThan(23);
  expect(fps).toBeLessThan(27);
}

beforeAll(async () => {
  camera = await startRtspTestServer({ clip });
  hub = new StreamHub({
    sources: createSourceFactory({ mediaRoot: root }),
    log,
    lingerMs: 300,
    backoff: { baseMs: 200, capMs: 800 },
  });
  relay = createRelayServer({ hub, tokenKey: key, log });
  base = `127.0.0.1:${await relay.listen(0)}`;
});

afterAll(async () => {
  hub?.close();
  await relay?.close();
  await camera?.close();
});

/** Sends raw RTSP requests on one connection and returns each response's head and body. */
async function rtspExchange(port: number, requests: string[]): Promise<string[]> {
  const socket = connect(port, "127.0.0.1");
  let data = "";
  socket.on("data", (b: Buffer) => (data += b.toString("latin1")));
  const responses: string[] = [];
  for (const request of requests) {
    data = "";
    socket.write(request);
    await waitFor(`an answer to ${request.split(" ")[0]}`, () => {
      const head = data.indexOf("\r\n\r\n");
      return head >= 0 && data.length >= head + 4 + Number(/Content-Length: (\d+)/.exec(data)?.[1] ?? 0);
    });
    responses.push(data);
  }
  socket.destroy();
  return responses;
}

describe("the RTSP test server", () => {
  it("speaks RTSP/1.0: CSeq echoed, SDP for H.264 with sprop-parameter-sets, errors for what it does not serve", async () => {
    // The relay tests release their pulls; ffmpeg's RTSP session ends a moment later.
    await waitFor("no pull left from another test", () => camera.playing === 0);
    const url = camera.url;
    const [options, describe, missing, udp, play, tcp, wrongSession, keepAlive] = await rtspExchange(camera.port, [
      `OPTIONS ${url} RTSP/1.0\r\nCSeq: 1\r\n\r\n`,
      `DESCRIBE ${url} RTSP/1.0\r\nCSeq: 2\r\nAccept: application/sdp\r\n\r\n`,
      `DESCRIBE rtsp://127.0.0.1:${camera.port}/nope RTSP/1.0\r\nCSeq: 3\r\n\r\n`,
      `SETUP ${url}/trackID=0 RTSP/1.0\r\nCSeq: 4\r\nTransport: RTP/AVP/UDP;unicast;client_port=5000-5001\r\n\r\n`,
      `PLAY ${url}/ RTSP/1.0\r\nCSeq: 5\r\n\r\n`,
      `SETUP ${url}/trackID=0 RTSP/1.0\r\nCSeq: 6\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n`,
      `PLAY ${url}/ RTSP/1.0\r\nCSeq: 7\r\nSession: 12345\r\n\r\n`,
      `GET_PARAMETER ${url}/ RTSP/1.0\r\nCSeq: 8\r\n\r\n`,
    ]);
    expect(options).toMatch(/^RTSP\/1.0 200 OK\r\nCSeq: 1\r\n[^]*Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER\r\n/);
    expect(describe).toMatch(/^RTSP\/1.0 200 OK\r\nCSeq: 2\r\n/);
    expect(describe).toContain(`Content-Base: ${url}/\r\n`);
    expect(describe).toContain("m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n");
    // Main profile (0x4d), level 3.0 (0x1e): the plaza clip's SPS.
    expect(describe).toMatch(/a=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z[\w+/]+=*,aO[\w+/]+=*;profile-level-id=4d401e\r\na=control:trackID=0\r\n/);
    expect(missing).toMatch(/^RTSP\/1.0 404 Not Found\r\nCSeq: 3\r\n/);
    expect(udp).toMatch(/^RTSP\/1.0 461 Unsupported Transport\r\nCSeq: 4\r\n/);
    expect(play).toMatch(/^RTSP\/1.0 455 /);
    expect(tcp).toMatch(/^RTSP\/1.0 200 OK\r\nCSeq: 6\r\n[^]*Transport: RTP\/AVP\/TCP;unicast;interleaved=0-1;ssrc=[0-9A-F]{8}\r\nSession: [0-9a-f]{16};timeout=60\r\n/);
    expect(wrongSession).toMatch(/^RTSP\/1.0 454 Session Not Found\r\nCSeq: 7\r\n/);
    expect(keepAlive).toMatch(/^RTSP\/1.0 200 OK\r\nCSeq: 8\r\n/);
    expect(camera.playing).toBe(0);
  });

  it("is a camera ffprobe can read: H.264 640x360 at 25 fps, over TCP and after a refused UDP SETUP", async () => {
    const probe = (...args: string[]) =>
      promisify(execFile)("ffprobe", ["-hide_banner", "-loglevel", "error", ...args, "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height,r_frame_rate", "-of", "json", camera.url], { timeout: 10_000 });
    camera.requests.length = 0;
    const { stdout } = await probe("-rtsp_transport", "tcp");
    expect(JSON.parse(stdout).streams).toEqual([{ codec_name: "h264", width: 640, height: 360, r_frame_rate: "25/1" }]);
    expect(camera.requests.slice(0, 4).map((r) => r.split(" ")[0])).toEqual(["OPTIONS", "DESCRIBE", "SETUP", "PLAY"]);
    // ffprobe's default tries UDP first; the 461 answer makes it reconnect over TCP.
    camera.requests.length = 0;
    const fallback = await probe();
    expect(JSON.parse(fallback.stdout).streams[0]).toMatchObject({ codec_name: "h264", width: 640, height: 360 });
    expect(camera.requests.filter((r) => r.startsWith("SETUP"))).toHaveLength(2);
  });
});

describe("an RTSP camera through the relay", () => {
  it("plays: FLV header, AVC config, a keyframe first, steady 25 fps; stats say h264 640x360", async () => {
    hub.ensureSource("rtsp1", { kind: "rtsp", url: camera.url });
    const viewer = watchWs(`ws://${base}/live/rtsp1.flv?token=${token("rtsp1")}`);
    await viewer.until("a second of live video", hasFrames(25), 20_000);
    // A second viewer joins the live stream: it shares the one upstream (and starts from the GOP cache).
    const http = await captureHttp(`http://${base}/live/rtsp1.flv?token=${token("rtsp1")}`, 15_000, { until: hasFrames(11) });
    const span = (c: FlvCapture) => (videoFrames(c).at(-1)?.timestamp ?? 0) - (videoFrames(c)[0]?.timestamp ?? 0);
    const ws = await viewer.until("3 s of video", (c) => span(c) >= 3000, 20_000);
    await viewer.stop();
    expect(ws.closeCode).toBeNull();
    expect(ws.header).toMatchObject({ hasVideo: true, hasAudio: false });
    expect(flvStartProblem(ws)).toBeNull(); // metadata, sequence header, then a keyframe at 0, monotonic
    expect(ws.tags.filter((t) => t.video?.isSequenceHeader)).toHaveLength(1);
    // The first frame comes after ffmpeg's ~1 s probe (the probed second arrives as a burst), the rest live at
    // 25 fps. (">=" between frames: ffmpeg's H.264 parser may stamp the first inter frame after an RTP start with
    // the keyframe's time.)
    expectSteady25fps(videoFrames(ws));
    expect(flvStartProblem(http)).toBeNull();
    expect(videoFrames(http).length).toBeGreaterThan(10);
    expect(camera.playing).toBe(1); // one pull for two viewers
    expect(statsOf("rtsp1")).toMatchObject({ state: "live", codec: "h264", transcoding: false, width: 640, height: 360, lastError: null, reconnects: 0 });
    expect(statsOf("rtsp1").fps).toBeGreaterThan(20);
    expect(logs.some((l) => l.channel === "rtsp1" && l.message === `opening rtsp ${camera.url} via ffmpeg`)).toBe(true);
    hub.releaseSource("rtsp1");
  });

  it("reconnects while the camera is gone and recovers when it comes back on the same port", async () => {
    hub.ensureSource("rtsp2", { kind: "rtsp", url: camera.url });
    let phase: "before" | "outage" | "after" = "before";
    const arrived = { before: 0, outage: 0, after: 0 };
    const viewer = watchWs(`ws://${base}/live/rtsp2.flv?token=${token("rtsp2")}`, {
      onTag: (t) => void (t.video && !t.video.isSequenceHeader && arrived[phase]++),
    });
    await waitFor("the stream to go live", () => hub.stats().find((s) => s.channel === "rtsp2")?.state === "live", { timeoutMs: 20_000 });
    await viewer.until("20 frames before the outage", () => arrived.before > 20, 20_000);
    const port = camera.port;
    phase = "outage";
    await camera.close(); // the camera loses power: its connections drop, new ones are refused
    await waitFor("state reconnecting", () => statsOf("rtsp2").state === "reconnecting");
    await waitFor("ffmpeg's exit as the source's error", () => /^ffmpeg (exited with code \d+|was killed)/.test(statsOf("rtsp2").lastError ?? ""), {
      detail: () => JSON.stringify(statsOf("rtsp2").lastError),
    });
    camera = await startRtspTestServer({ clip, port });
    phase = "after";
    // Back within ~3 s of the camera: up to 0.8 s backoff, ~1 s probe, up to 1 s to the next keyframe (the bound is 15 s).
    await viewer.until("10 frames after the camera came back", () => arrived.after > 10, 15_000);
    const cap = await viewer.stop();
    expect(cap.closeCode).toBeNull(); // the watching viewer waited through the outage
    expect(flvStartProblem(cap)).toBeNull(); // includes: timestamps never go back across the reconnect
    // Same codec parameters after the reconnect: no second config (no 4409), one continuous timeline.
    expect(cap.tags.filter((t) => t.video?.isSequenceHeader)).toHaveLength(1);
    expect(arrived.before).toBeGreaterThan(20);
    expect(arrived.outage).toBeLessThan(5); // at most what was in flight
    expect(camera.playing).toBe(1);
    expect(statsOf("rtsp2")).toMatchObject({ state: "live", width: 640, height: 360 });
    expect(statsOf("rtsp2").reconnects).toBeGreaterThanOrEqual(1);
    hub.releaseSource("rtsp2");
  });
});
