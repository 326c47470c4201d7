// The whole console core, composed exactly as the shells compose it: real SQLite file, real relay process,
// real demo clips. Exercises the ConsoleApi the way a window does, including bad input and a relay crash.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RelayStatus } from "../../contract/console-api.js";
import type { WallState } from "../../contract/wall.js";
import { composeConsole, type ConsoleApp } from "../../main/app/compose.js";
import { createLogger } from "../../main/log/logger.js";
import { nodeRelayLauncher } from "../../main/media/relay-process.js";
import { buildRelayBundle, repoRoot } from "../support/relay-bundle.js";

const log = createLogger("test", "warn");
let relayEntry = "";
const dataDir = mkdtempSync(join(tmpdir(), "vigil-core-"));

async function open(): Promise<ConsoleApp> {
  return composeConsole({
    shell: "web",
    version: "test",
    dataDir,
    resourcesDir: join(repoRoot, "resources"),
    relayLauncher: nodeRelayLauncher(relayEntry),
    log,
  });
}

async function call<T>(app: ConsoleApp, method: string, params: unknown = {}): Promise<T> {
  const outcome = await app.core.call(method, params);
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result as T;
}

/** Reads the first bytes of the relay's HTTP-FLV answer for a ticket (same path the WS-FLV player uses). */
async function firstBytes(wsUrl: string): Promise<{ status: number; head: Buffer }> {
  const res = await fetch(wsUrl.replace(/^ws:/, "http:"));
  if (!res.body) return { status: res.status, head: Buffer.alloc(0) };
  const reader = res.body.getReader();
  const chunk = res.ok ? await reader.read() : { value: undefined };
  await reader.cancel();
  return { status: res.status, head: Buffer.from(chunk.value ?? []) };
}

describe("console core end to end (in-process shell)", () => {
  let app: ConsoleApp;
  let online = "";
  let offline = "";

  beforeAll(async () => {
    relayEntry = await buildRelayBundle();
    app = await open();
    const cameras = await call<Array<{ id: string; online: boolean }>>(app, "listCameras");
    online = cameras.find((c) => c.online)!.id;
    offline = cameras.find((c) => !c.online)!.id;
  });

  afterAll(async () => {
    await app?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("boots in zh-CN with an empty 2x2 wall and the relay up", async () => {
    const boot = await call<{ locale: string; wall: WallState; relay: RelayStatus }>(app, "getBootstrap");
    expect(boot.locale).toBe("zh-CN");
    expect(boot.wall.layout).toBe(4);
    expect(boot.relay.state).toBe("up");
  });

  it("rejects malformed calls by schema and changes nothing", async () => {
    const before = await call<WallState>(app, "getWall");
    for (const [method, params] of [
      ["assignTile", { tile: 0, cameraId: "not-an-id" }],
      ["assignTile", { tile: 99, cameraId: online }],
      ["setLayout", { layout: 5 }],
      ["clearTile", "zero"],
    ] as const) {
      const outcome = await app.core.call(method, params);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.code).toBe("INVALID_REQUEST");
    }
    expect((await app.core.call("dropDatabase", {})).ok).toBe(false);
    const unknown = await app.core.call("assignTile", { tile: 0, cameraId: "52039900001326999999" });
    expect(unknown.ok || unknown.error.code).toBe("UNKNOWN_CAMERA");
    expect(await call<WallState>(app, "getWall")).toEqual(before);
  });

  it("assigns a camera and opens a stream the relay serves as FLV; a forged token is refused", async () => {
    await call(app, "assignTile", { tile: 0, cameraId: online });
    const ticket = await call<{ url: string; sessionId: string }>(app, "openStream", { tile: 0 });
    expect(ticket.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/live\/\d{20}\.flv\?token=/);
    const ok = await firstBytes(ticket.url);
    expect(ok.status).toBe(200);
    expect(ok.head.subarray(0, 3).toString("latin1")).toBe("FLV");

    const forged = ticket.url.replace(/token=([^.]+)\.(.*)$/, "token=$1.AAAA$2");
    expect((await firstBytes(forged)).status).toBe(401);
    await call(app, "closeStream", { sessionId: ticket.sessionId });
  });

  it("explains why a stream cannot open: offline camera, empty tile", async () => {
    await call(app, "assignTile", { tile: 1, cameraId: offline });
    const off = await app.core.call("openStream", { tile: 1 });
    expect(off.ok ? "" : off.error.code).toBe("CAMERA_OFFLINE");
    const empty = await app.core.call("openStream", { tile: 2 });
    expect(empty.ok ? "" : empty.error.code).toBe("TILE_EMPTY");
  });

  it("restarts a crashed relay, reports it, and serves the same ticket URL again", async () => {
    const ticket = await call<{ url: string }>(app, "openStream", { tile: 0 });
    const states: string[] = [];
    const unsubscribe = app.core.onEvent((e) => {
      if (e.event === "relayStatus") states.push((e.payload as RelayStatus).state);
    });
    const pid = app.relay.pid;
    app.relay.killForTest();
    await expect.poll(() => states.includes("up"), { timeout: 15_000 }).toBe(true);
    unsubscribe();
    expect(states[0]).toBe("restarting");
    expect(app.relay.pid).not.toBe(pid);
    const again = await firstBytes(ticket.url);
    expect(again.status).toBe(200);
  });

  it("keeps the wall across a restart of the whole console", async () => {
    await call(app, "setLayout", { layout: 9 });
    await call(app, "swapTiles", { a: 0, b: 8 });
    const before = await call<WallState>(app, "getWall");
    await app.dispose();
    app = await open();
    expect(await call<WallState>(app, "getWall")).toEqual(before);
    expect(before.tiles[8]).toBe(online);
  });
});
