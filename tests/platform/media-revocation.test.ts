// The platform cuts revoked access at its own media server, whoever holds the ticket: tickets are fetched straight
// from POST /play-tickets (no console in between) and played from the real media server process, the API beside it
// as the embedded platform runs them. A revoked grant and a logout cut their viewers within 1 s and their URLs stop
// opening; a standing-rule ticket has an end (its lease), and a renewed ticket carries the running session past it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PlayTicketSchema, TokenPairSchema, type Grant, type PlatformCamera, type PlayTicket } from "../../contract/platform-api.js";
import { startEmbeddedPlatform, type EmbeddedPlatform } from "../../platform/embedded.js";
import { PLATFORM_ENV } from "../../platform/platform-env.js";
import { FANOUT_CLOSE_CODES } from "../../relay/public/flv-fanout.js";
import { hasFrames, videoFrames, watchWs } from "../../relay/testing/flv-clients.js";
import { buildPlatformBundles, repoRoot } from "../support/bundles.js";

/** Short, so the lease's cut is seen within the test; far longer than any cut the revocations must make. */
const LEASE_MS = 6_000;
const work = mkdtempSync(join(tmpdir(), "vigil-media-revocation-"));
let platform: EmbeddedPlatform;
let cameras: PlatformCamera[] = [];

type Api = (method: string, path: string, body?: unknown) => Promise<{ status: number; data: unknown; code?: string }>;

async function login(username: string, terminalId: string): Promise<{ api: Api; sessionId: string }> {
  const res = await fetch(`${platform.apiUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: `Vigil-${username}-2024`, terminalId }),
  });
  const pair = TokenPairSchema.parse(((await res.json()) as { data: unknown }).data);
  const api: Api = async (method, path, body) => {
    const answer = await fetch(`${platform.apiUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${pair.accessToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await answer.json()) as { data?: unknown; error?: { code: string } };
    return { status: answer.status, data: json.data, ...(json.error ? { code: json.error.code } : {}) };
  };
  return { api, sessionId: pair.me.sessionId };
}

async function ticket(api: Api, cameraId: string): Promise<PlayTicket> {
  const res = await api("POST", "/play-tickets", { cameraId, profile: "sub" });
  if (res.status !== 200) throw new Error(`play ticket for ${cameraId}: ${res.status} ${res.code}`);
  return PlayTicketSchema.parse(res.data);
}

/** What a second viewer of the same URL meets: the upgrade's status, or 101 when it would play. */
async function upgradeStatus(url: string): Promise<number> {
  const watch = watchWs(url);
  try {
    await watch.until("the first frame", hasFrames(1), 5_000);
    await watch.stop();
    return 101;
  } catch {
    return await watch.ended.then(
      () => 101,
      (err: { statusCode?: number }) => err.statusCode ?? 0,
    );
  }
}

const online = (pred: (c: PlatformCamera) => boolean): PlatformCamera[] => cameras.filter((c) => c.status === "ONLINE" && pred(c));

beforeAll(async () => {
  const bundleDir = await buildPlatformBundles();
  platform = await startEmbeddedPlatform({
    dataDir: join(work, "data"),
    bundleDir,
    mediaRoot: join(repoRoot, "resources", "demo"),
    statusIntervalMs: 0,
    env: { [PLATFORM_ENV.ticketLeaseMs]: String(LEASE_MS) },
    onLog: () => {},
  });
  const { api } = await login("operator", "ws-catalog");
  cameras = ((await api("GET", "/catalog/snapshot?pageSize=5000")).data as { items: PlatformCamera[] }).items;
}, 60_000);

afterAll(async () => {
  await platform?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe("the media server cuts revoked access itself", () => {
  it("cuts a viewer within 1 s of its grant's revocation, though the ticket came straight from POST /play-tickets", async () => {
    const { api } = await login("commander", "ws-grant");
    const camera = online((c) => c.sharingClass === "CONDITIONAL" && c.ownerDepartment.id !== "city-emergency")[0]!;
    const requested = await api("POST", "/emergency/grants", {
      incident: { title: "媒体服务器撤销测试", type: "fire", level: "IV", civilCode: "520302" },
      scope: { kind: "cameras", cameraIds: [camera.id] },
      minutes: 30,
      reason: "撤销即断流测试",
    });
    const grant = requested.data as Grant;
    expect(grant.status).toBe("active");
    const t = await ticket(api, camera.id);
    expect(t).toMatchObject({ basis: "GRANT", validUntil: grant.validUntil });
    const viewer = watchWs(t.urls.wsFlv!);
    await viewer.until("the first frames", hasFrames(3));

    const revokedAt = performance.now();
    expect((await api("POST", "/emergency/grants/revoke", { grantId: grant.id, reason: "测试撤销" })).status).toBe(200);
    const cap = await viewer.ended;
    const cutAfterMs = performance.now() - revokedAt;
    console.log(`grant revoked: the media server cut its viewer ${Math.round(cutAfterMs)} ms after the revoke call`);
    expect(cap.closeCode).toBe(FANOUT_CLOSE_CODES.revoked);
    expect(cutAfterMs).toBeLessThan(1000);
    // The same URL opens nothing any more, though the ticket's own times would still allow it.
    expect(Date.parse(t.expiresAt)).toBeGreaterThan(Date.now());
    expect(await upgradeStatus(t.urls.wsFlv!)).toBe(403);
  }, 30_000);

  it("cuts the viewers of a session that logged out, and only those", async () => {
    const a = await login("operator", "ws-a");
    const b = await login("operator", "ws-b");
    const camera = online((c) => c.sharingClass === "UNCONDITIONAL")[0]!;
    const [ta, tb] = [await ticket(a.api, camera.id), await ticket(b.api, camera.id)];
    const [va, vb] = [watchWs(ta.urls.wsFlv!), watchWs(tb.urls.wsFlv!)];
    await Promise.all([va.until("A's first frames", hasFrames(3)), vb.until("B's first frames", hasFrames(3))]);

    const loggedOutAt = performance.now();
    expect((await a.api("POST", "/auth/logout")).data).toEqual({ revoked: true });
    const cap = await va.ended;
    const cutAfterMs = performance.now() - loggedOutAt;
    console.log(`logout: the media server cut the session's viewer ${Math.round(cutAfterMs)} ms after the logout call`);
    expect(cap.closeCode).toBe(FANOUT_CLOSE_CODES.revoked);
    expect(cutAfterMs).toBeLessThan(1000);
    // The other session of the same user plays on.
    const framesThen = videoFrames(vb.cap).length;
    await vb.until("B's frames after A's logout", (c) => videoFrames(c).length > framesThen + 10);
    expect(vb.cap.closeCode).toBeNull();
    await vb.stop();
    expect(await upgradeStatus(ta.urls.wsFlv!)).toBe(403);
  }, 30_000);

  it("gives a standing-rule ticket an end, and a renewal carries its running session past it", async () => {
    const { api } = await login("operator", "ws-lease");
    const [renewed, left] = online((c) => c.sharingClass === "UNCONDITIONAL").slice(1, 3);
    const first = await ticket(api, renewed!.id);
    const other = await ticket(api, left!.id);
    // An unconditional camera: the rule has no end, the ticket's sessions do.
    expect(first).toMatchObject({ basis: "UNCONDITIONAL", validUntil: null });
    const issuedAt = Date.parse(first.expiresAt) - 5 * 60_000;
    expect(Date.parse(first.leaseUntil) - issuedAt).toBe(LEASE_MS);
    const kept = watchWs(first.urls.wsFlv!);
    const cut = watchWs(other.urls.wsFlv!);
    // About a second of video first, so the renewal's lease ends well after the first one.
    await Promise.all([kept.until("a second of frames", hasFrames(25)), cut.until("first frames", hasFrames(3))]);
    // What the console does before a lease ends: fetch the camera's ticket again (a fresh decision).
    const second = await ticket(api, renewed!.id);
    expect(Date.parse(second.leaseUntil)).toBeGreaterThan(Date.parse(first.leaseUntil) + 500);

    // The ticket nobody renewed: its session is cut at its lease end.
    const cutCap = await cut.ended;
    expect(cutCap.closeCode).toBe(FANOUT_CLOSE_CODES.expired);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(other.leaseUntil) - 50);
    // The renewed one played past its first ticket's end, on the same connection, until the renewal's end.
    const keptCap = await kept.ended;
    expect(keptCap.closeCode).toBe(FANOUT_CLOSE_CODES.expired);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(second.leaseUntil) - 50);
  }, 30_000);
});
