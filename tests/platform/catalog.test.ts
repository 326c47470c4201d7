// Snapshot paging, change feed with tombstones, stale cursors (410), duplicate/out-of-order safety, secrecy, SSE.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChangesPageSchema, PlatformEventSchema, SnapshotPageSchema, type CatalogChange, type PlatformCamera } from "../../contract/platform-api.js";
import { applyCatalogMutations } from "../../platform/catalog/catalog-updates.js";
import { waitFor } from "../support/wait-for.js";
import { startFixture, type Fixture } from "./platform-fixture.js";

// A fresh platform per test: several tests change the catalog, and none may see another's changes.
let f: Fixture;
let token = "";
beforeEach(async () => {
  f = await startFixture({ config: { retainChanges: 20 } });
  token = (await f.login("operator")).accessToken;
});
afterEach(() => f.close());

const get = (path: string) => f.call("GET", path, { token });
const mutate = (...m: Parameters<typeof applyCatalogMutations>[2]) => applyCatalogMutations(f.platform.services.catalog, f.platform.services.events, m);

async function fullSnapshot(pageSize: number): Promise<{ items: PlatformCamera[]; cursor: string; pages: number }> {
  const items: PlatformCamera[] = [];
  let pageToken: string | null = null;
  let cursor = "";
  let pages = 0;
  do {
    const res = await get(`/catalog/snapshot?pageSize=${pageSize}${pageToken ? `&pageToken=${pageToken}` : ""}`);
    expect(res.status).toBe(200);
    const page = SnapshotPageSchema.parse(res.body.data);
    if (pages === 0) cursor = page.cursor;
    expect(page.cursor).toBe(cursor);
    items.push(...page.items);
    pageToken = page.nextPageToken;
    pages++;
  } while (pageToken);
  return { items, cursor, pages };
}

/** What a console does: apply a change only when it is newer than what it holds. */
function applyTo(local: Map<string, PlatformCamera>, tombstones: Map<string, number>, changes: CatalogChange[]): void {
  for (const c of changes) {
    const id = c.kind === "upsert" ? c.camera.id : c.id;
    const version = c.kind === "upsert" ? c.camera.version : c.version;
    const held = Math.max(local.get(id)?.version ?? 0, tombstones.get(id) ?? 0);
    if (version <= held) continue;
    if (c.kind === "upsert") local.set(id, c.camera);
    else {
      local.delete(id);
      tombstones.set(id, version);
    }
  }
}

describe("catalog", () => {
  it("pages the snapshot in a stable id order, never serving classified cameras", async () => {
    const { items, pages } = await fullSnapshot(50);
    expect(pages).toBeGreaterThan(3);
    expect(items.length).toBe(209);
    const ids = items.map((c) => c.id);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(items.every((c) => c.secrecy === 0)).toBe(true);
    expect(items.some((c) => c.name.includes("技侦"))).toBe(false);
    const secret = await f.platform.store.reader.get<{ id: string }>("SELECT id FROM camera WHERE secrecy = 1 LIMIT 1");
    const ticket = await f.call("POST", "/play-tickets", { token, body: { cameraId: secret?.id, profile: "main" } });
    expect(ticket.status).toBe(404);
  });

  it("caps a huge page size and rejects a bad one", async () => {
    const huge = await get("/catalog/snapshot?pageSize=100000000");
    expect(huge.status).toBe(200);
    expect(SnapshotPageSchema.parse(huge.body.data).pageSize).toBe(5000);
    const bad = await get("/catalog/snapshot?pageSize=lots");
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain("query.pageSize");
    expect((await get("/catalog/snapshot?pageToken=forged")).status).toBe(400);
    expect((await get("/catalog/changes?cursor=forged")).status).toBe(400);
    expect((await get("/catalog/changes")).body.error?.message).toContain("query.cursor");
  });

  it("feeds changes with full records, tombstones and versions; replays are harmless", async () => {
    const { items, cursor } = await fullSnapshot(1000);
    const local = new Map(items.map((c) => [c.id, c]));
    const tombstones = new Map<string, number>();
    const [a, b, c] = items as [PlatformCamera, PlatformCamera, PlatformCamera];
    const { version: _v, updatedAt: _u, ...aBase } = a;
    await mutate({ kind: "upsert", camera: { ...aBase, name: "改名后的点位" } });
    await mutate({ kind: "status", id: b.id, status: b.status === "ONLINE" ? "OFFLINE" : "ONLINE" });
    await mutate({ kind: "delete", id: c.id });
    await mutate({ kind: "upsert", camera: { ...aBase, name: "再次改名" } });
    const res = await get(`/catalog/changes?cursor=${cursor}&limit=2`);
    const first = ChangesPageSchema.parse(res.body.data);
    expect(first.hasMore).toBe(true);
    const second = ChangesPageSchema.parse((await get(`/catalog/changes?cursor=${first.nextCursor}`)).body.data);
    expect(second.hasMore).toBe(false);
    const all = [...first.changes, ...second.changes];
    // One entry per camera, its latest state: a changed twice appears once.
    expect(all.map((x) => (x.kind === "upsert" ? x.camera.id : x.id)).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(all).toContainEqual({ kind: "delete", id: c.id, version: 2, reason: "deleted" });
    applyTo(local, tombstones, all);
    expect(local.get(a.id)?.name).toBe("再次改名");
    expect(local.get(a.id)?.version).toBe(3);
    expect(local.has(c.id)).toBe(false);
    // Replaying older pages, duplicated and out of order, changes nothing.
    const stale = [...second.changes, ...first.changes].reverse();
    applyTo(local, tombstones, stale);
    applyTo(local, tombstones, [{ kind: "upsert", camera: { ...a, name: "旧版本" } }, { kind: "upsert", camera: { ...c, version: 1 } }]);
    expect(local.get(a.id)?.name).toBe("再次改名");
    expect(local.has(c.id)).toBe(false);
    // Nothing after the end.
    const empty = ChangesPageSchema.parse((await get(`/catalog/changes?cursor=${second.nextCursor}`)).body.data);
    expect(empty).toEqual({ changes: [], nextCursor: second.nextCursor, hasMore: false });
  });

  it("withdraws a camera that becomes classified with a tombstone", async () => {
    const { items, cursor } = await fullSnapshot(1000);
    const cam = items[10] as PlatformCamera;
    const { version: _v, updatedAt: _u, ...base } = cam;
    await mutate({ kind: "upsert", camera: { ...base, secrecy: 1 } });
    const page = ChangesPageSchema.parse((await get(`/catalog/changes?cursor=${cursor}`)).body.data);
    expect(page.changes).toEqual([{ kind: "delete", id: cam.id, version: cam.version + 1, reason: "withdrawn" }]);
    expect(JSON.stringify(page)).not.toContain(cam.name);
  });

  it("answers 410 when a cursor is older than retained history", async () => {
    const { cursor } = await fullSnapshot(5000);
    const ids = (await f.platform.store.reader.all<{ id: string }>("SELECT id FROM camera WHERE deleted = 0 AND secrecy = 0 LIMIT 30")).map((r) => r.id);
    await mutate(...ids.map((id) => ({ kind: "status" as const, id, status: "OFFLINE" as const })));
    const res = await get(`/catalog/changes?cursor=${cursor}`);
    expect(res.status).toBe(410);
    expect(res.body.error?.code).toBe("CURSOR_EXPIRED");
  });

  it("pushes a catalog change over SSE, and resumes after Last-Event-ID", async () => {
    const controller = new AbortController();
    const res = await fetch(`${f.url}/api/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const { items } = await fullSnapshot(5000);
    const cam = items[20] as PlatformCamera;
    const { version: _v, updatedAt: _u, ...base } = cam;
    // The change must happen after the stream's subscription is in place.
    await waitFor("the SSE subscription", () => f.platform.services.events.subscriberCount > 0);
    await mutate({ kind: "upsert", camera: { ...base, name: "推送测试点位" } });
    while (!text.includes("推送测试点位")) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    controller.abort();
    const block = text.split("\n\n").find((b) => b.includes("event: catalog")) ?? "";
    const id = Number(/^id: (\d+)$/m.exec(block)?.[1]);
    const event = PlatformEventSchema.parse(JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "null"));
    expect(event.type).toBe("catalog");
    if (event.type === "catalog") expect(event.changes[0]).toMatchObject({ kind: "upsert", camera: { id: cam.id, name: "推送测试点位" } });
    // Reconnecting with the id before it replays it.
    const again = await fetch(`${f.url}/api/v1/events`, { headers: { authorization: `Bearer ${token}`, "last-event-id": String(id - 1) } });
    const r2 = (again.body as ReadableStream<Uint8Array>).getReader();
    let replay = "";
    while (!replay.includes("推送测试点位")) {
      const chunk = await r2.read();
      if (chunk.done) break;
      replay += decoder.decode(chunk.value, { stream: true });
    }
    await r2.cancel();
    expect(replay).toContain(`id: ${id}`);
  });
});
