// The platform as main embeds it: API and media as two child processes built from the real bundles. The API can
// stop and come back on the same port while a stream keeps playing.
import { build, type BuildOptions } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PlayTicketSchema, TokenPairSchema, type PlatformCamera } from "../../contract/platform-api.js";
import { captureWs } from "../../relay/testing/flv-clients.js";
import { startEmbeddedPlatform, type EmbeddedPlatform } from "../../platform/embedded.js";

const root = resolve(import.meta.dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "vigil-embedded-"));
let platform: EmbeddedPlatform;

beforeAll(async () => {
  const common: BuildOptions = { bundle: true, platform: "node", target: "node20", format: "cjs", logLevel: "warning", external: ["sqlite3"] };
  await Promise.all([
    build({ ...common, entryPoints: [join(root, "platform", "platform-main.ts")], outfile: join(work, "platform-main.cjs") }),
    build({ ...common, entryPoints: [join(root, "platform", "media", "media-main.ts")], outfile: join(work, "media-main.cjs") }),
  ]);
  platform = await startEmbeddedPlatform({
    dataDir: join(work, "data"),
    bundleDir: work,
    mediaRoot: join(root, "resources", "demo"),
    statusIntervalMs: 0,
    // The bundles live outside the repository; sqlite3 (external) resolves from its node_modules.
    env: { NODE_PATH: join(root, "node_modules") },
    onLog: () => {},
  });
}, 60_000);

afterAll(async () => {
  await platform?.stop();
  rmSync(work, { recursive: true, force: true });
});

const api = (path: string, init: RequestInit = {}) => fetch(`${platform.apiUrl}/api/v1${path}`, init);

describe("embedded platform", () => {
  it("keeps streaming while the API is down, and the API comes back on the same URL", async () => {
    expect(platform.apiPid).toBeGreaterThan(0);
    expect(platform.mediaPid).not.toBe(platform.apiPid);
    const login = await api("/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "operator", password: "Vigil-operator-2024", terminalId: "ws-e2e" }) });
    const pair = TokenPairSchema.parse(((await login.json()) as { data: unknown }).data);
    const auth = { authorization: `Bearer ${pair.accessToken}`, "content-type": "application/json" };
    const snap = (await (await api("/catalog/snapshot", { headers: auth })).json()) as { data: { items: PlatformCamera[] } };
    const cam = snap.data.items.find((c) => c.sharingClass === "UNCONDITIONAL" && c.status === "ONLINE");
    const ticketRes = await api("/play-tickets", { method: "POST", headers: auth, body: JSON.stringify({ cameraId: cam?.id, profile: "sub" }) });
    const ticket = PlayTicketSchema.parse(((await ticketRes.json()) as { data: unknown }).data);

    const watching = captureWs(ticket.urls.wsFlv!, 4000);
    await new Promise((r) => setTimeout(r, 800));
    const oldUrl = platform.apiUrl;
    await platform.stopApi();
    await expect(api("/info")).rejects.toThrow();
    const capture = await watching;
    // The viewer was still open when the capture ended, with video flowing after the API went away.
    expect(capture.closeCode).toBeNull();
    expect(capture.tags.filter((t) => t.video && !t.video.isSequenceHeader).length).toBeGreaterThan(50);

    await platform.startApi();
    expect(platform.apiUrl).toBe(oldUrl);
    // The token key persists in the data dir: the console's session survives the restart.
    const me = await api("/me", { headers: auth });
    expect(me.status).toBe(200);
  }, 40_000);
});
