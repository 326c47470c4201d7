// Cameras behind a stream proxy (拉流代理): the platform's play ticket carries only their RTMP or RTSP URL, and the
// console's relay pulls them through ffmpeg. The RTMP "camera" is ffmpeg itself, listening and publishing a demo
// clip; the RTSP camera is relay/testing/rtsp-test-server.ts (ffmpeg 5.1 cannot serve RTSP).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureHttp, hasFrames } from "../../relay/testing/flv-clients.js";
import { startRtspTestServer, type RtspTestServer } from "../../relay/testing/rtsp-test-server.js";
import type { ConsoleApp } from "../../main/app/compose.js";
import { findFreePort } from "../../main/media/free-port.js";
import { buildPlatformBundles, buildRelayBundle, composeTestConsole, repoRoot } from "../support/bundles.js";
import { waitFor } from "../support/wait-for.js";

const PROXIED = "52030200011326000001"; // a demo camera (雪亮, UNCONDITIONAL, online)
const RTSP_PROXIED = "52030200011326000002"; // another one (UNCONDITIONAL, online)

describe("stream proxy cameras over RTMP and RTSP", () => {
  let app: ConsoleApp;
  let ffmpeg: ChildProcess;
  let rtsp: RtspTestServer;
  const dataDir = mkdtempSync(join(tmpdir(), "vigil-proxy-"));

  beforeAll(async () => {
    const port = await findFreePort();
    const rtmpUrl = `rtmp://127.0.0.1:${port}/live/cam1`;
    ffmpeg = spawn("ffmpeg", ["-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1", "-i", join(repoRoot, "resources", "demo", "plaza.flv"), "-c", "copy", "-f", "flv", "-listen", "1", rtmpUrl], { stdio: "ignore" });
    rtsp = await startRtspTestServer({ clip: join(repoRoot, "resources", "demo", "plaza.flv") });
    process.env.VIGIL_PLATFORM_STATUS_INTERVAL_MS = "0";
    // Read by the platform when it starts (inside composeTestConsole), so set before and cleared after.
    process.env.VIGIL_PLATFORM_STREAM_PROXIES = JSON.stringify({ [PROXIED]: rtmpUrl, [RTSP_PROXIED]: rtsp.url });
    const [relayEntry, platformBundleDir] = await Promise.all([buildRelayBundle(), buildPlatformBundles()]);
    app = await composeTestConsole(dataDir, { relayEntry, platformBundleDir });
    delete process.env.VIGIL_PLATFORM_STREAM_PROXIES;
    const login = await app.core.call("login", { username: "operator", password: "Vigil-operator-2024" });
    expect(login.ok).toBe(true);
    await waitFor("the platform online", () => app.platform.status.state === "online", { timeoutMs: 20_000 });
  });

  afterAll(async () => {
    ffmpeg?.kill("SIGKILL");
    await app?.dispose();
    await rtsp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("plays the proxied camera on the wall through the relay's RTMP source", async () => {
    expect((await app.core.call("assignTile", { tile: 0, cameraId: PROXIED })).ok).toBe(true);
    const opened = await app.core.call("openStream", { tile: 0 });
    if (!opened.ok) throw new Error(opened.error.message);
    const url = (opened.result as { url: string }).url.replace(/^ws:/, "http:");
    // ffmpeg probes about a second before its first frame.
    const capture = await captureHttp(url, 20_000, { until: hasFrames(11) });
    expect(capture.status).toBe(200);
    const frames = capture.tags.filter((t) => t.video && !t.video.isSequenceHeader);
    expect(frames.length).toBeGreaterThan(10);
    expect(frames[0]?.video?.isKeyframe).toBe(true);
    // The relay reports its stats to main once a second.
    const stats = await waitFor("the relay's stats for the channel", () => app.relay.stats.find((s) => s.channel.startsWith(PROXIED) && s.codec !== null));
    expect(stats.codec).toBe("h264");
    expect(stats.width).toBe(640);
  });

  it("plays the proxied camera on the wall through the relay's RTSP source", async () => {
    expect((await app.core.call("assignTile", { tile: 1, cameraId: RTSP_PROXIED })).ok).toBe(true);
    const opened = await app.core.call("openStream", { tile: 1 });
    if (!opened.ok) throw new Error(opened.error.message);
    const url = (opened.result as { url: string }).url.replace(/^ws:/, "http:");
    const capture = await captureHttp(url, 20_000, { until: hasFrames(11) });
    expect(capture.status).toBe(200);
    const frames = capture.tags.filter((t) => t.video && !t.video.isSequenceHeader);
    expect(frames.length).toBeGreaterThan(10);
    expect(frames[0]?.video?.isKeyframe).toBe(true);
    expect(rtsp.requests.some((r) => r.startsWith("PLAY rtsp://127.0.0.1"))).toBe(true); // the relay pulled RTSP
    const stats = await waitFor("the relay's stats for the channel", () => app.relay.stats.find((s) => s.channel.startsWith(RTSP_PROXIED) && s.codec !== null));
    expect(stats).toMatchObject({ codec: "h264", width: 640, height: 360 });
  });
});
