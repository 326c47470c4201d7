// H.265 in both FLV flavours (Enhanced-RTMP 'hvc1', legacy codec id 12) with a silent AAC track, from a media
// server stand-in, through the standalone relay process: transcoded to H.264 by default, passed through with --accept hevc.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StreamStatsSchema, type StreamStats } from "../../contract/relay-control.js";
import { captureHttp, captureWs, flvStartProblem, videoFrames, type FlvCapture } from "../../relay/testing/flv-clients.js";
import { flvRoute, flvWsRoute, startUpstream, type Upstream } from "../../relay/testing/flv-upstream.js";
import { makeHevcFlv } from "../../relay/testing/hevc-flv.js";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), "vigil-hevc-"));
const bundle = join(dir, "relay-cli.cjs");
const children: ChildProcess[] = [];
let upstream: Upstream;
let transcoding = "";
let passing = "";

/** Starts the CLI and resolves with its base URL from the one stdout line. */
function startCli(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [bundle, "--no-auth", "--port", "0", "--linger-ms", "1000", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((res, rej) => {
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /^relay: (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
      if (m?.[1]) res(m[1]);
    });
    child.once("exit", (code) => rej(new Error(`relay cli exited ${code}: ${stderr}`)));
  });
}

async function stats(base: string, channel: string): Promise<StreamStats> {
  const body = (await (await fetch(`${base}/stats`)).json()) as { streams: unknown[] };
  const found = body.streams.map((s) => StreamStatsSchema.parse(s)).find((s) => s.channel === channel);
  if (!found) throw new Error(`no stats for ${channel}`);
  return found;
}

async function probe(cap: FlvCapture, name: string) {
  const file = join(dir, `${name}.flv`);
  writeFileSync(file, Buffer.concat(cap.raw));
  const { stdout } = await promisify(execFile)("ffprobe", ["-v", "error", "-show_streams", "-show_packets", "-of", "json", file]);
  return JSON.parse(stdout) as { streams: Array<{ codec_name: string; width?: number; height?: number }>; packets: Array<{ pts?: number; flags: string }> };
}

beforeAll(async () => {
  await build({ entryPoints: [join(root, "relay", "relay-cli.ts")], bundle: true, platform: "node", target: "node20", format: "cjs", outfile: bundle, logLevel: "warning" });
  const enhanced = makeHevcFlv({ dir, flavour: "enhanced", seconds: 2 });
  const legacy = makeHevcFlv({ dir, flavour: "legacy", seconds: 2 });
  upstream = await startUpstream({ "/live/e.live.flv": flvRoute(enhanced), "/live/l.live.flv": flvRoute(legacy) }, { "/live/l.live.flv": flvWsRoute(legacy) });
  const sources = (prefix: string) => [
    "--source", `${prefix}e=${upstream.http("/live/e.live.flv")}`,
    "--source", `${prefix}l=${upstream.ws("/live/l.live.flv")}`,
  ];
  [transcoding, passing] = await Promise.all([startCli(sources("t")), startCli([...sources("p"), "--accept", "h264,hevc"])]);
}, 60_000);

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await upstream?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("H.265 upstreams", () => {
  it.each([
    ["Enhanced-RTMP hvc1 over HTTP-FLV", "te"],
    ["legacy codec id 12 over WS-FLV", "tl"],
  ])("transcodes %s to H.264 that ffprobe reads, paced in real time, monotonic", async (_name, channel) => {
    const started = performance.now();
    // Two seconds of media (the bound is only there to fail rather than hang).
    const mediaSpan = (c: FlvCapture) => (videoFrames(c).at(-1)?.timestamp ?? 0) - (videoFrames(c)[0]?.timestamp ?? 0);
    const cap = await captureHttp(`${transcoding}/live/${channel}.flv`, 20_000, { keepRaw: true, until: (c) => mediaSpan(c) >= 2000 });
    const wallMs = performance.now() - started;
    expect(flvStartProblem(cap)).toBeNull();
    expect(cap.header).toMatchObject({ hasVideo: true, hasAudio: false }); // audio is dropped while transcoding
    const info = await probe(cap, channel);
    expect(info.streams).toEqual([expect.objectContaining({ codec_name: "h264", width: 320, height: 180 })]);
    const pts = info.packets.map((p) => p.pts ?? -1);
    expect(info.packets[0]?.flags.startsWith("K")).toBe(true);
    expect(pts[0]).toBe(0);
    // Upstream timing kept: 40 ms steps at 25 fps; the clip's loop seam is a little longer (its audio outlasts the video).
    const steps = pts.slice(1).map((p, i) => p - pts[i]!);
    expect(Math.min(...steps)).toBeGreaterThan(0);
    expect(Math.max(...steps)).toBeLessThanOrEqual(120);
    expect(steps.filter((d) => d === 40).length / steps.length).toBeGreaterThan(0.9);
    // Real-time pacing: media time tracks wall time (the transcoder adds a start-up delay, never a burst).
    const mediaMs = pts[pts.length - 1]! - pts[0]!;
    expect(mediaMs).toBeGreaterThan(1500);
    expect(mediaMs).toBeLessThan(wallMs);
    const s = await stats(transcoding, channel);
    expect(s).toMatchObject({ codec: "hevc", transcoding: true, width: 320, height: 180, state: "live", lastError: null });
  });

  it.each([
    ["hvc1", "pe", (c: FlvCapture) => c.tags.some((t) => t.video?.fourCC === "hvc1")],
    ["codec id 12", "pl", (c: FlvCapture) => c.tags.some((t) => t.video?.codecId === 12)],
  ])("passes %s through untouched (with its AAC track) when the display decodes H.265", async (_name, channel, sameFlavour) => {
    const audioFrames = (c: FlvCapture) => c.tags.filter((t) => t.audio && !t.audio.isSequenceHeader).length;
    const cap = await captureWs(`${passing.replace(/^http/, "ws")}/live/${channel}.flv`, 15_000, { until: (c) => audioFrames(c) > 20 && videoFrames(c).length > 0 });
    expect(flvStartProblem(cap)).toBeNull();
    expect(sameFlavour(cap)).toBe(true);
    expect(cap.tags.every((t) => !t.video || t.video.codec === "hevc")).toBe(true);
    expect(cap.tags.some((t) => t.audio?.isSequenceHeader)).toBe(true);
    expect(audioFrames(cap)).toBeGreaterThan(20);
    expect(await stats(passing, channel)).toMatchObject({ codec: "hevc", transcoding: false, width: 320, height: 180 });
  });
});
