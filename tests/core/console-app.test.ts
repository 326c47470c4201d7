// The whole console core, composed exactly as the shells compose it: real SQLite file, real relay process, the
// reference platform embedded (API and demo media server as child processes), real demo clips. Exercises the
// ConsoleApi the way a window does: login, catalog, wall, streams, bad input, a relay crash, the platform going down.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CameraPage, CatalogTree } from "../../contract/catalog-view.js";
import type { PlatformStatus, RelayStatus, SessionState } from "../../contract/console-api.js";
import type { WallState } from "../../contract/wall.js";
import { equalGrid, presetLayout } from "../../contract/wall-layout.js";
import type { ConsoleApp } from "../../main/app/compose.js";
import { Database } from "../../main/store/database.js";
import { migrations } from "../../main/store/migrations.js";
import { buildPlatformBundles, buildRelayBundle, composeTestConsole } from "../support/bundles.js";
import { waitFor } from "../support/wait-for.js";

// Cameras must not flip online/offline under the test (the demo platform simulates that every 20 s by default).
process.env.VIGIL_PLATFORM_STATUS_INTERVAL_MS = "0";
let bundles = { relayEntry: "", platformBundleDir: "" };

async function call<T>(app: ConsoleApp, method: string, params: unknown = {}): Promise<T> {
  const outcome = await app.core.call(method, params);
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result as T;
}

async function errorCode(app: ConsoleApp, method: string, params: unknown): Promise<string> {
  const outcome = await app.core.call(method, params);
  return outcome.ok ? "ok" : outcome.error.code;
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

/** Logs in the demo operator and waits until the platform link is online and the first catalog sync is in. */
async function loggedIn(app: ConsoleApp): Promise<void> {
  await call(app, "login", { username: "operator", password: "Vigil-operator-2024" });
  await waitFor("the platform online", async () => (await call<{ platform: PlatformStatus }>(app, "getBootstrap")).platform.state === "online", { timeoutMs: 20_000 });
  await waitFor("the first catalog sync", async () => (await call<CatalogTree>(app, "getCatalogTree", {})).root.total > 150, { timeoutMs: 20_000 });
}

/** Demo cameras the operator may play, may not play (online, NOT_SHARED), and may open but is offline. */
async function demoCameras(app: ConsoleApp): Promise<{ playable: string; offline: string; locked: string }> {
  const all = await call<CameraPage>(app, "searchCameras", { query: "520", limit: 500 });
  const lockedCam = all.items.find((c) => c.online && !c.access.allowed && c.sharingClass === "NOT_SHARED")!;
  expect(lockedCam.access).toEqual({ allowed: false, reason: "NOT_SHARED" });
  return {
    playable: all.items.find((c) => c.online && c.access.allowed)!.id,
    offline: all.items.find((c) => !c.online && c.access.allowed)!.id,
    locked: lockedCam.id,
  };
}

describe("console core end to end (in-process shell, embedded platform)", () => {
  // A console of its own per test (data folder, relay, embedded platform): no test runs on the wall, the session or
  // the relay another left behind. The bundles are built once.
  let dataDir = "";
  let app: ConsoleApp;
  const open = (): Promise<ConsoleApp> => composeTestConsole(dataDir, bundles);

  beforeAll(async () => {
    const [relayEntry, platformBundleDir] = await Promise.all([buildRelayBundle(), buildPlatformBundles()]);
    bundles = { relayEntry, platformBundleDir };
  }, 60_000);

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "vigil-core-"));
    app = await open();
  }, 60_000);

  afterEach(async () => {
    await app?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts logged out, offering the demo accounts, with the relay up", async () => {
    const boot = await call<{ locale: string; wall: WallState; relay: RelayStatus; session: SessionState }>(app, "getBootstrap");
    expect(boot.locale).toBe("zh-CN");
    expect(boot.wall.layout).toEqual(equalGrid(2));
    expect(boot.relay.state).toBe("up");
    expect(boot.session.user).toBeNull();
    await expect.poll(async () => (await call<SessionState>(app, "getSession")).demoAccounts.length).toBeGreaterThanOrEqual(5);
  });

  it("refuses a wrong password with BAD_CREDENTIALS and logs in the demo operator", async () => {
    expect(await errorCode(app, "login", { username: "operator", password: "wrong" })).toBe("BAD_CREDENTIALS");
    const session = await call<SessionState>(app, "login", { username: "operator", password: "Vigil-operator-2024" });
    expect(session.user?.roles).toContain("operator");
    await expect.poll(async () => (await call<PlatformStatus>(app, "getBootstrap").then((b) => (b as unknown as { platform: PlatformStatus }).platform)).state, { timeout: 20_000 }).toBe("online");
  });

  it("syncs the Zunyi catalog: tree counts, pinyin and id search, lock reasons", async () => {
    await loggedIn(app);
    const tree = await call<CatalogTree>(app, "getCatalogTree", {});
    expect(tree.regions.length).toBe(15);
    expect(tree.root.total).toBeGreaterThan(150);
    const byPinyin = await call<CameraPage>(app, "searchCameras", { query: "dingzikou" });
    const byInitials = await call<CameraPage>(app, "searchCameras", { query: "dzk" });
    const byChinese = await call<CameraPage>(app, "searchCameras", { query: "丁字口" });
    expect(byPinyin.total).toBeGreaterThan(0);
    expect(byInitials.items.map((c) => c.id)).toEqual(expect.arrayContaining(byPinyin.items.map((c) => c.id)));
    expect(byChinese.items.map((c) => c.id).sort()).toEqual(byPinyin.items.map((c) => c.id).sort());
    const byId = await call<CameraPage>(app, "searchCameras", { query: byChinese.items[0]!.id.slice(-8) });
    expect(byId.items.map((c) => c.id)).toContain(byChinese.items[0]!.id);
    await demoCameras(app); // a playable, an offline and a locked (NOT_SHARED) camera, each with its reason
  });

  it("rejects malformed calls by schema and changes nothing", async () => {
    await loggedIn(app);
    const { playable } = await demoCameras(app);
    const before = await call<WallState>(app, "getWall");
    for (const [method, params] of [
      ["assignTile", { tile: 0, cameraId: "not-an-id" }],
      ["assignTile", { tile: 99, cameraId: playable }],
      ["setLayout", { layout: 5 }],
      ["clearTile", "zero"],
      ["searchCameras", { query: "" }],
      ["listCameras", { civilCode: "x", domain: "skynet" }],
    ] as const) {
      expect(await errorCode(app, method, params)).toBe("INVALID_REQUEST");
    }
    expect(await errorCode(app, "dropDatabase", {})).toBe("UNKNOWN_METHOD");
    expect(await errorCode(app, "assignTile", { tile: 0, cameraId: "52039900001326999999" })).toBe("UNKNOWN_CAMERA");
    expect(await call<WallState>(app, "getWall")).toEqual(before);
  });

  it("opens a stream through a platform play ticket; the relay serves FLV and refuses a forged token", async () => {
    await loggedIn(app);
    const { playable } = await demoCameras(app);
    await call(app, "assignTile", { tile: 0, cameraId: playable });
    const ticket = await call<{ url: string; sessionId: string }>(app, "openStream", { tile: 0 });
    expect(ticket.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/live\/\d{20}_sub\.flv\?token=/);
    const ok = await firstBytes(ticket.url);
    expect(ok.status).toBe(200);
    expect(ok.head.subarray(0, 3).toString("latin1")).toBe("FLV");
    const forged = ticket.url.replace(/token=([^.]+)\.(.*)$/, "token=$1.AAAA$2");
    expect((await firstBytes(forged)).status).toBe(401);
  });

  it("explains why a stream cannot open: locked, offline, empty tile", async () => {
    await loggedIn(app);
    const { locked, offline } = await demoCameras(app);
    await call(app, "assignTile", { tile: 1, cameraId: locked });
    expect(await errorCode(app, "openStream", { tile: 1 })).toBe("ACCESS_DENIED");
    await call(app, "assignTile", { tile: 2, cameraId: offline });
    expect(await errorCode(app, "openStream", { tile: 2 })).toBe("CAMERA_OFFLINE");
    expect(await errorCode(app, "openStream", { tile: 3 })).toBe("TILE_EMPTY");
  });

  it("keeps favorites and filters by them", async () => {
    await loggedIn(app);
    const { playable } = await demoCameras(app);
    await call(app, "setFavorite", { cameraId: playable, favorite: true });
    const tree = await call<CatalogTree>(app, "getCatalogTree", { filters: { favoritesOnly: true } });
    expect(tree.root.total).toBe(1);
  });

  it("restarts a crashed relay, reports it, serves the same ticket URL again, and still refuses revoked ones", async () => {
    await loggedIn(app);
    const { playable } = await demoCameras(app);
    await call(app, "assignTile", { tile: 0, cameraId: playable });
    const ticket = await call<{ url: string }>(app, "openStream", { tile: 0 });
    const gone = await call<{ url: string; sessionId: string }>(app, "openStream", { tile: 0 });
    await call(app, "closeStream", { sessionId: gone.sessionId });
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
    expect((await firstBytes(ticket.url)).status).toBe(200);
    // The new relay process was told about the revocation: a closed session's URL stays dead.
    expect((await firstBytes(gone.url)).status).toBe(401);
  });

  it("works degraded when the platform API stops (streams keep flowing) and reconciles when it returns", async () => {
    await loggedIn(app);
    const { playable } = await demoCameras(app);
    await call(app, "assignTile", { tile: 0, cameraId: playable });
    // The relay already pulls this camera when the API goes away.
    expect((await firstBytes((await call<{ url: string }>(app, "openStream", { tile: 0 })).url)).status).toBe(200);
    const statuses: string[] = [];
    const unsubscribe = app.core.onEvent((e) => {
      if (e.event === "platformStatus") statuses.push((e.payload as PlatformStatus).state);
    });
    await app.embedded!.stopApi();
    await expect.poll(() => statuses.includes("degraded"), { timeout: 15_000 }).toBe(true);
    // The catalog answers from the local copy; a camera the relay already pulls still opens.
    expect((await call<CatalogTree>(app, "getCatalogTree", {})).regions.length).toBe(15);
    const ticket = await call<{ url: string }>(app, "openStream", { tile: 0 });
    expect((await firstBytes(ticket.url)).status).toBe(200);
    await app.embedded!.startApi();
    await expect.poll(() => statuses.at(-1), { timeout: 20_000 }).toBe("online");
    unsubscribe();
  });

  it("keeps every wall window, the saved layouts, the session and the catalog across a restart of the whole console", async () => {
    await loggedIn(app);
    const { playable, offline } = await demoCameras(app);
    await call(app, "assignTile", { tile: 0, cameraId: playable });
    await call(app, "setLayout", { layout: presetLayout("9"), layoutRef: "preset:9" });
    await call(app, "swapTiles", { a: 0, b: 8 });
    const before = await call<WallState>(app, "getWall");
    const second = await call<WallState>(app, "addWall");
    expect(second.wall).toBe(2);
    await call(app, "setLayout", { wall: 2, layout: presetLayout("1+5"), layoutRef: "preset:1+5" });
    await call(app, "assignTile", { wall: 2, tile: 0, cameraId: offline });
    const secondBefore = await call<WallState>(app, "getWall", { wall: 2 });
    const saved = await call<{ id: string }>(app, "saveLayout", { name: "防汛 2+8", layout: presetLayout("2+8") });
    const cameras = (await call<CatalogTree>(app, "getCatalogTree", {})).root.total;
    await app.dispose();
    app = await open();
    expect(await call<WallState>(app, "getWall")).toEqual(before);
    expect(await call<WallState>(app, "getWall", { wall: 2 })).toEqual(secondBefore);
    expect((await call<WallState[]>(app, "listWalls")).map((w) => w.wall)).toEqual([1, 2]);
    expect((await call<Array<{ id: string; name: string }>>(app, "listLayouts")).map((l) => [l.id, l.name])).toEqual([[saved.id, "防汛 2+8"]]);
    expect(before.tiles[8]).toBe(playable);
    expect((await call<SessionState>(app, "getSession")).user?.username).toBe("operator");
    expect((await call<CatalogTree>(app, "getCatalogTree", {})).root.total).toBe(cameras);
  });

  it("walls: a camera sent to another window's tile, a layout change parks what has no cell, bad layouts and walls refused", async () => {
    await loggedIn(app);
    const { playable, offline } = await demoCameras(app);
    await call(app, "setLayout", { layout: presetLayout("9") });
    await call(app, "assignTile", { tile: 7, cameraId: playable });
    await call(app, "assignTile", { tile: 1, cameraId: offline });
    await call(app, "addWall");
    const [one, two] = await call<WallState[]>(app, "moveTile", { from: { wall: 1, tile: 7 }, to: { wall: 2, tile: 3 } });
    expect(one!.tiles[7]).toBeNull();
    expect(two!.tiles[3]).toBe(playable);
    // Streams belong to their wall's tile: a change of wall 1 leaves wall 2's session alone, clearing its tile ends it.
    const ticket = await call<{ wall: number; sessionId: string }>(app, "openStream", { wall: 2, tile: 3 });
    expect(ticket.wall).toBe(2);
    await call(app, "clearTile", { tile: 3 });
    expect(app.streams.list().map((x) => x.id)).toContain(ticket.sessionId);
    await call(app, "clearTile", { wall: 2, tile: 3 });
    expect(app.streams.list().map((x) => x.id)).not.toContain(ticket.sessionId);
    await call(app, "assignTile", { wall: 2, tile: 3, cameraId: playable });
    // 1 tile: tile 1's camera has no cell any more, and is parked, not dropped; put back, it returns.
    const single = await call<WallState>(app, "setLayout", { layout: presetLayout("1") });
    expect(single.tiles).toEqual([null]);
    expect(single.parked).toEqual([offline]);
    expect((await call<WallState>(app, "unparkCameras", {})).tiles).toEqual([offline]);
    const overlap = { rows: 2, cols: 2, cells: [{ row: 0, col: 0, rowSpan: 2, colSpan: 2 }, { row: 1, col: 1, rowSpan: 1, colSpan: 1 }] };
    const kept = await call<WallState>(app, "getWall");
    const refused = await app.core.call("setLayout", { layout: overlap });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: "INVALID_REQUEST", message: expect.stringMatching(/overlap/) });
    expect(await call<WallState>(app, "getWall")).toEqual(kept);
    expect(await errorCode(app, "importLayout", { json: "{not json" })).toBe("INVALID_LAYOUT");
    expect(await errorCode(app, "getWall", { wall: 5 })).toBe("UNKNOWN_WALL");
    expect(await call(app, "removeWall", { wall: 1 })).toEqual({ removed: false });
    expect(await call(app, "removeWall", { wall: 2 })).toEqual({ removed: true });
    expect(await errorCode(app, "getWall", { wall: 2 })).toBe("UNKNOWN_WALL");
  });

  it("loads the wall a version before layouts stored, unchanged for the user", async () => {
    await app.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    dataDir = mkdtempSync(join(tmpdir(), "vigil-core-"));
    // The database as the previous version left it: schema version 3, one wall row {layout: 9, tiles: 16 slots}.
    const db = await Database.open(join(dataDir, "vigil.db"));
    for (const step of migrations.filter((m) => m.version <= 3)) await db.exec(step.sql);
    await db.exec("PRAGMA user_version = 3");
    const A = "52030200001320000001";
    const B = "52030200001320000002";
    const tiles = [A, null, null, null, null, B, null, null, null, null, null, null, "52030200001320000003", null, null, null];
    await db.run("INSERT INTO wall (id, state) VALUES (1, ?)", [JSON.stringify({ layout: 9, tiles, maximized: 5, revision: 7 })]);
    await db.close();
    app = await open();
    const wall = await call<WallState>(app, "getWall");
    expect(wall).toMatchObject({ wall: 1, layout: equalGrid(3), layoutRef: "preset:9", tiles: tiles.slice(0, 9), maximized: 5, parked: ["52030200001320000003"] });
    await app.dispose();
    app = await open();
    expect(await call<WallState>(app, "getWall")).toEqual(wall);
  });

  it("fills the empty tiles with a folder's cameras and returns what does not fit", async () => {
    await loggedIn(app);
    const all = await call<CameraPage>(app, "searchCameras", { query: "520", limit: 10 });
    const ids = all.items.map((c) => c.id);
    const filled = await call<{ state: WallState; placed: number; overflow: string[] }>(app, "fillTiles", { cameraIds: [...ids, "52039900001326999999"] });
    expect(filled.placed).toBe(4);
    expect(filled.state.tiles).toEqual(ids.slice(0, 4));
    expect(filled.overflow).toEqual([...ids.slice(4), "52039900001326999999"]);
  });

  it("logs out: the session ends and cameras lock", async () => {
    await loggedIn(app);
    const { playable } = await demoCameras(app);
    await call(app, "logout");
    const view = await call<{ access: { allowed: boolean; reason?: string } }>(app, "getCamera", { cameraId: playable });
    expect(view.access).toEqual({ allowed: false, reason: "NOT_LOGGED_IN" });
  });
});
