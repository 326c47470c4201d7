// A tile on a standing rule (unconditional camera: no end) plays past its play ticket's lease, composed as the shells
// compose the console (relay process, embedded platform with a short lease): the console renews the ticket before the
// lease ends, the platform's media server carries the running pull on to the new lease, and the viewer never sees
// the cut — the relay's upstream pull is never reopened.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CameraPage } from "../../contract/catalog-view.js";
import type { RelayStats, StreamTicket } from "../../contract/console-api.js";
import type { ConsoleApp } from "../../main/app/compose.js";
import { TICKET_RENEW_LEAD_MS } from "../../main/media/stream-sessions.js";
import { PLATFORM_ENV } from "../../platform/platform-env.js";
import { watchHttp } from "../../relay/testing/flv-clients.js";
import { buildPlatformBundles, buildRelayBundle, composeTestConsole } from "../support/bundles.js";
import { waitFor } from "../support/wait-for.js";

/** Just over the console's renewal lead, so the renewal comes at once and the first lease ends soon after. */
const LEASE_MS = TICKET_RENEW_LEAD_MS + 3_000;
process.env[PLATFORM_ENV.statusIntervalMs] = "0";
process.env[PLATFORM_ENV.ticketLeaseMs] = String(LEASE_MS);
const dataDir = mkdtempSync(join(tmpdir(), "vigil-standing-renewal-"));
let app: ConsoleApp;

async function call<T>(method: string, params: unknown = {}): Promise<T> {
  const outcome = await app.core.call(method, params);
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result as T;
}

beforeAll(async () => {
  const [relayEntry, platformBundleDir] = await Promise.all([buildRelayBundle(), buildPlatformBundles()]);
  app = await composeTestConsole(dataDir, { relayEntry, platformBundleDir });
}, 60_000);

afterAll(async () => {
  await app?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a standing-rule tile and its ticket's lease", () => {
  it("plays on past the lease end: the console renews the ticket and the media server carries the pull on", async () => {
    await call("login", { username: "operator", password: "Vigil-operator-2024" });
    const camera = await waitFor("an open unconditional camera", async () => {
      const page = await call<CameraPage>("searchCameras", { query: "红花岗区", filters: { sharingClasses: ["UNCONDITIONAL"], online: true }, limit: 20 });
      return page.items.find((c) => c.access.allowed && c.access.basis === "UNCONDITIONAL");
    });
    await call("assignTile", { tile: 0, cameraId: camera.id });
    const opened = await call<StreamTicket>("openStream", { tile: 0 });
    const channel = app.streams.list().find((s) => s.id === opened.sessionId)!.channel;
    const first = app.streams.ticket(channel)!;
    expect(first.validUntil).toBeNull();
    const firstLeaseEnd = Date.parse(first.leaseUntil);

    const viewer = watchHttp(opened.url.replace(/^ws:/, "http:"));
    await viewer.until("FLV bytes through the relay", (cap) => cap.bytes > 0);
    await waitFor("a renewed ticket", () => app.streams.ticket(channel)?.ticketId !== first.ticketId, { timeoutMs: LEASE_MS });
    expect(Date.parse(app.streams.ticket(channel)!.leaseUntil)).toBeGreaterThan(firstLeaseEnd);

    // Past the first lease's end, the viewer still gets bytes, and the relay's pull was never cut and reopened.
    await waitFor("the first lease's end", () => Date.now() > firstLeaseEnd + 1_000, { timeoutMs: LEASE_MS + 5_000, intervalMs: 200 });
    const bytes = viewer.cap.bytes;
    await viewer.until("bytes after the first lease's end", (cap) => cap.bytes > bytes + 10_000);
    expect(viewer.cap.closeCode).toBeNull();
    const stats = (await call<RelayStats>("getRelayStats")).streams.find((s) => s.channel === channel);
    expect(stats?.reconnects).toBe(0);
    await viewer.stop();
    await call("closeStream", { sessionId: opened.sessionId });
  }, 90_000);
});
