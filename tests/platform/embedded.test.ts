// The platform as main embeds it: API and media as two child processes built from the real bundles. The API can
// stop and come back on the same port while a stream keeps playing.
import { build, type BuildOptions } from "esbuild";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PlayTicketSchema, TokenPairSchema, type PlatformCamera } from "../../contract/platform-api.js";
import { hasFrames, videoFrames, watchWs } from "../../relay/testing/flv-clients.js";
import { forkPlatformChild, startEmbeddedPlatform, type EmbeddedPlatform, type PlatformChildStarter } from "../../platform/embedded.js";

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

    const watching = watchWs(ticket.urls.wsFlv!);
    await watching.until("the first frame", hasFrames());
    const oldUrl = platform.apiUrl;
    await platform.stopApi();
    await expect(api("/info")).rejects.toThrow();
    // Video keeps flowing after the API went away: two more seconds of it, the viewer still open.
    const seen = videoFrames(watching.cap).length;
    const capture = await watching.until("50 frames after the API stopped", hasFrames(seen + 50), 20_000);
    expect(capture.closeCode).toBeNull();
    await watching.stop();

    await platform.startApi();
    expect(platform.apiUrl).toBe(oldUrl);
    // The token key persists in the data dir: the console's session survives the restart.
    const me = await api("/me", { headers: auth });
    expect(me.status).toBe(200);
  }, 40_000);

  it("starts with an injected child starter, both children reporting over an Electron-style parentPort; its data is private", async () => {
    // What the Electron shell's launcher sees: no process.send in either child, their ready messages on parentPort.
    const shim = pathToFileURL(join(root, "tests", "support", "utility-process-shim.mjs")).href;
    const started: string[] = [];
    const startChild: PlatformChildStarter = (script, env, name, onLog) => {
      started.push(name);
      return forkPlatformChild(script, { ...env, NODE_OPTIONS: `--import ${shim}` }, name, onLog);
    };
    const other = await startEmbeddedPlatform({
      dataDir: join(work, "data-utility"),
      bundleDir: work,
      mediaRoot: join(root, "resources", "demo"),
      statusIntervalMs: 0,
      env: { NODE_PATH: join(root, "node_modules") },
      onLog: () => {},
      startChild,
      // Without the parentPort link the API never reports ready: fail well inside the test's time.
      startTimeoutMs: 15_000,
    });
    try {
      expect(started).toEqual(["demo media server", "platform API"]);
      const info = await fetch(`${other.apiUrl}/api/v1/info`);
      expect(info.status).toBe(200);
      await other.stopApi();
      await other.startApi();
      expect((await fetch(`${other.apiUrl}/api/v1/info`)).status).toBe(200);
      // Folder 0700; database, WAL, shared memory and media key 0600 (POSIX modes; on Windows the folder's ACL rules).
      if (process.platform !== "win32") {
        const mode = (file: string) => statSync(join(work, "data-utility", file)).mode & 0o777;
        expect(mode("")).toBe(0o700);
        for (const file of ["platform.sqlite", "platform.sqlite-wal", "platform.sqlite-shm", "media.key"]) expect(mode(file), file).toBe(0o600);
      }
    } finally {
      await other.stop();
    }
  }, 40_000);
});
