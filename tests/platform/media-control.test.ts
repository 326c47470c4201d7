// The control channel between the platform API and its media server, in-process over real HTTP: only messages
// signed with the media key are taken; revocations reach a media server that was down or restarted (each push
// carries them all, repeated while they matter), and from then on it refuses the tickets they name.
import { randomBytes, randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findDemoClips } from "../../platform/media/demo-clips.js";
import { MEDIA_CONTROL_PATH, signMediaControl } from "../../platform/media/media-control.js";
import { MediaPush } from "../../platform/media/media-push.js";
import { createMediaServer, type MediaServer } from "../../platform/media/media-server.js";
import { mediaStreamPath, mintMediaTicket } from "../../platform/media/media-ticket.js";
import { repoRoot } from "../support/bundles.js";
import { waitFor } from "../support/wait-for.js";

const mediaRoot = join(repoRoot, "resources", "demo");
const key = randomBytes(32);
const camera = "52030200001326000101";
const cleanup: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function startMedia(port = 0): Promise<{ media: MediaServer; base: string }> {
  const media = createMediaServer({ mediaRoot, clips: findDemoClips(mediaRoot), key, log: () => {} });
  const bound = await media.listen(port);
  cleanup.push(() => media.close());
  return { media, base: `http://127.0.0.1:${bound}` };
}

function ticketUrl(base: string, session: string): string {
  const now = Date.now();
  const token = mintMediaTicket(key, { t: randomUUID(), c: camera, p: "sub", s: session, u: "operator", r: null, i: now - 1000, x: now + 60_000, d: now + 60_000 });
  return `${base}${mediaStreamPath(camera, "sub")}?token=${token}`;
}

/** The status a GET of the HTTP-FLV URL answers (the body is dropped at once); 0 when the connection failed. */
async function statusOf(url: string): Promise<number> {
  try {
    const res = await fetch(url);
    await res.body?.cancel();
    return res.status;
  } catch {
    // A pooled connection to a media server that was just closed.
    return 0;
  }
}

function push(base: string, repeatMs = 10_000): MediaPush {
  const p = new MediaPush({ baseUrl: base, key, memoryMs: 60_000, now: Date.now, onError: () => {}, repeatMs });
  cleanup.push(() => p.close());
  return p;
}

describe("media control channel", () => {
  it("takes only messages signed with the media key", async () => {
    const { base } = await startMedia();
    const message = { revocations: [{ kind: "session" as const, id: "s-forged", at: Date.now(), until: Date.now() + 60_000 }], leases: [] };
    const post = (body: string) => fetch(`${base}${MEDIA_CONTROL_PATH}`, { method: "POST", body });
    expect((await post(signMediaControl(randomBytes(32), message))).status).toBe(401);
    expect((await post("not a token")).status).toBe(400);
    expect((await fetch(`${base}${MEDIA_CONTROL_PATH}`)).status).toBe(405);
    // Nothing was revoked by the forgery.
    expect(await statusOf(ticketUrl(base, "s-forged"))).toBe(200);
    const signed = await post(signMediaControl(key, message));
    expect(signed.status).toBe(200);
    expect(await signed.json()).toMatchObject({ ok: true });
    expect(await statusOf(ticketUrl(base, "s-forged"))).toBe(403);
  });

  it("delivers a revocation to a media server that was down when it was made, and again after it restarted", async () => {
    // A port that was free a moment ago: nothing listens there yet.
    const probe = await startMedia();
    const port = Number(new URL(probe.base).port);
    await cleanup.pop()?.();
    const pusher = push(`http://127.0.0.1:${port}`, 200);
    pusher.revoke("session", "s-logged-out");
    await pusher.settled();

    const first = await startMedia(port);
    const url = ticketUrl(first.base, "s-logged-out");
    await waitFor("the retried push to reach the media server", async () => (await statusOf(url)) === 403);
    expect(await statusOf(ticketUrl(first.base, "s-other"))).toBe(200);

    // A restarted media server has forgotten everything; the repeated push tells it again.
    await cleanup.pop()?.();
    const second = await startMedia(port);
    await waitFor("the repeated push to reach the restarted media server", async () => (await statusOf(ticketUrl(second.base, "s-logged-out"))) === 403);
  });
});
