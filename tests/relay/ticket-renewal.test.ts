// An extended grant as the relay lives it, against the platform's real (demo) media server: the play ticket the relay
// pulls with ends (the media server cuts the pull at its access end); a renewed ticket's URL was handed over before,
// so the relay reopens the pull with it and the viewer — its own cut moved later by main — plays on, never closed.
import { randomBytes, randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintStreamToken } from "../../contract/stream-token.js";
import { findDemoClips } from "../../platform/media/demo-clips.js";
import { createMediaServer, type MediaServer } from "../../platform/media/media-server.js";
import { mediaStreamPath, mintMediaTicket } from "../../platform/media/media-ticket.js";
import type { RelayLog } from "../../relay/relay-log.js";
import { createRelayServer, type RelayServer } from "../../relay/relay-server.js";
import { createSourceFactory } from "../../relay/sources/source-factory.js";
import { StreamHub } from "../../relay/stream/stream-hub.js";
import { flvStartProblem, hasFrames, watchWs } from "../../relay/testing/flv-clients.js";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const mediaRoot = join(root, "resources", "demo");
const mediaKey = randomBytes(32);
const relayKey = randomBytes(32);
const camera = "52030200001326000101";
const logs: string[] = [];
const log: RelayLog = (level, message) => logs.push(`${level} ${message}`);

let media: MediaServer;
let mediaBase = "";
let hub: StreamHub;
let relay: RelayServer;
let relayBase = "";

/** The URL of a play ticket whose pulls the media server cuts at `accessEnd`. */
function ticketUrl(accessEnd: number): string {
  const token = mintMediaTicket(mediaKey, { t: randomUUID(), c: camera, p: "sub", s: "console-session", u: "commander", r: "grant-1", i: Date.now(), x: Date.now() + 60_000, d: accessEnd });
  return `${mediaBase}${mediaStreamPath(camera, "sub")}?token=${token}`;
}

beforeAll(async () => {
  media = createMediaServer({ mediaRoot, clips: findDemoClips(mediaRoot), key: mediaKey, log: () => {} });
  mediaBase = `http://127.0.0.1:${await media.listen(0)}`;
  // The relay's own reconnect policy (no test backoff): the freeze measured below is what an operator would see.
  hub = new StreamHub({ sources: createSourceFactory({ mediaRoot }), log, lingerMs: 500 });
  relay = createRelayServer({ hub, tokenKey: relayKey, log });
  relayBase = `127.0.0.1:${await relay.listen(0)}`;
});
afterAll(async () => {
  hub?.close();
  await relay?.close();
  await media?.close();
});

describe("a grant extended while its camera plays", () => {
  it("keeps the viewer through the media server's cut at the old end: the pull reopens with the renewed ticket", async () => {
    const channel = `${camera}_sub`;
    // Far enough ahead that main's extension (below, once the viewer plays) comes before it even on a slow machine.
    const oldEnd = Date.now() + 3000;
    hub.ensureSource(channel, { kind: "http-flv", url: ticketUrl(oldEnd) });
    const viewerToken = mintStreamToken(relayKey, { channel, session: "extended-session", deadline: oldEnd });
    let framesAfterCut = 0;
    const frameTimes: number[] = [];
    const viewer = watchWs(`ws://${relayBase}/live/${channel}.flv?token=${viewerToken}`, {
      onTag: (tag) => {
        if (!tag.video || tag.video.isSequenceHeader) return;
        frameTimes.push(performance.now());
        if (Date.now() > oldEnd + 300) framesAfterCut++;
      },
    });
    await viewer.until("the first frame", hasFrames());
    expect(Date.now()).toBeLessThan(oldEnd);
    // What main does on the extension: the viewer's cut moves later, and a fresh ticket's URL goes to the relay.
    expect(hub.extendSession("extended-session", Date.now() + 60_000)).toBe(1);
    hub.ensureSource(channel, { kind: "http-flv", url: ticketUrl(Date.now() + 60_000) });

    // Video keeps coming past the cut (25 fps: 30 frames is more than a second of it).
    await viewer.until("30 frames after the old end", () => framesAfterCut > 30, 20_000);
    const cap = await viewer.stop();
    expect(flvStartProblem(cap)).toBeNull();
    expect(cap.closeCode).toBeNull();
    // The old pull was cut at the old end and reopened (one reconnect).
    const stats = hub.stats().find((s) => s.channel === channel);
    expect(stats?.reconnects).toBe(1);
    // The freeze at the cut: the longest wait between two frames (the tile's stall watchdog fires at 4 s).
    const longestGap = Math.max(...frameTimes.slice(1).map((t, i) => t - frameTimes[i]!));
    console.log(`ticket renewal: longest gap between frames across the media server's cut ${Math.round(longestGap)} ms`);
    expect(longestGap).toBeLessThan(3000);
  });
});
