// Catalog sync against a scripted platform that misbehaves on purpose: malformed records, duplicate and
// out-of-order changes, a stale cursor (410), a crash mid-snapshot, classified records. Real SQLite file.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PlatformCamera } from "../../contract/platform-api.js";
import { CatalogIndex } from "../../main/catalog/catalog-index.js";
import { CatalogStore } from "../../main/catalog/catalog-store.js";
import { createLogger } from "../../main/log/logger.js";
import { CatalogSync } from "../../main/platform/catalog-sync.js";
import { PlatformClient } from "../../main/platform/platform-client.js";
import { Database } from "../../main/store/database.js";
import { migrate } from "../../main/store/migrations.js";

const T = "2026-11-25T08:00:00.000Z";
function camera(serial: number, version = 1, patch: Partial<PlatformCamera> = {}): PlatformCamera {
  return {
    id: `520302000113260${String(serial).padStart(5, "0")}`,
    name: `丁字口测试点${serial}号`,
    civilCode: "520302",
    regionPath: [
      { code: "52", name: "贵州省" },
      { code: "5203", name: "遵义市" },
      { code: "520302", name: "红花岗区" },
    ],
    address: "贵州省遵义市红花岗区丁字口",
    parental: 0,
    parentIds: ["520302"],
    domain: "xueliang",
    ownerDepartment: { id: "520302-xueliang", name: "红花岗区委政法委" },
    sharingClass: "UNCONDITIONAL",
    secrecy: 0,
    ptzType: 3,
    longitude: 106.92,
    latitude: 27.65,
    status: "ONLINE",
    statusChangedAt: T,
    mediaUse: false,
    privacyMasks: [],
    profiles: ["main", "sub"],
    version,
    updatedAt: T,
    ...patch,
  };
}

type Script = {
  snapshotPages: Array<{ items: unknown[]; next: string | null } | "fail">;
  changes: (cursor: string) => { status: number; body: unknown };
  requests: string[];
};

const ok = (data: unknown) => ({ ok: true, data });
const me = { user: { id: "u1", username: "op", displayName: "值班员" }, department: { id: "520302-skynet", name: "分局" }, roles: ["operator"], terminalId: "t1", sessionId: "s1" };

function startScriptedPlatform(script: Script): Promise<Server> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://x");
    script.requests.push(url.pathname + url.search);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    };
    switch (url.pathname) {
      case "/api/v1/auth/login":
      case "/api/v1/auth/refresh":
        return send(200, ok({ tokenType: "Bearer", accessToken: "a", accessExpiresAt: "2099-01-01T00:00:00Z", refreshToken: "r", refreshExpiresAt: "2099-01-01T00:00:00Z", me }));
      case "/api/v1/catalog/snapshot": {
        const token = url.searchParams.get("pageToken");
        const index = token ? Number(token) : 0;
        const page = script.snapshotPages[index];
        if (!page || page === "fail") return send(503, { ok: false, error: { code: "INTERNAL", message: "platform restarting" } });
        return send(200, ok({ items: page.items, pageSize: 5000, nextPageToken: page.next, cursor: "c0", total: 3 }));
      }
      case "/api/v1/catalog/changes": {
        const answer = script.changes(url.searchParams.get("cursor") ?? "");
        return send(answer.status, answer.body);
      }
      case "/api/v1/entitlements":
        return send(200, ok({ departmentId: "520302-skynet", revision: 1, entitlements: [], generatedAt: T }));
      case "/api/v1/events":
        // Hold the stream open with keep-alives, as a platform does.
        res.writeHead(200, { "Content-Type": "text/event-stream" });
        res.write(": hello\n\n");
        return;
      default:
        return send(404, { ok: false, error: { code: "NOT_FOUND", message: "no route" } });
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("catalog sync against a misbehaving platform", () => {
  let server: Server;
  let db: Database;
  let store: CatalogStore;
  let index: CatalogIndex;
  let sync: CatalogSync | null = null;
  const script: Script = { snapshotPages: [], changes: () => ({ status: 200, body: ok({ changes: [], nextCursor: "c1", hasMore: false }) }), requests: [] };

  async function runOnce(): Promise<void> {
    const client = new PlatformClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, terminalId: "t1", onTokens: () => undefined });
    await client.login("op", "pw");
    sync = new CatalogSync({
      client,
      store,
      index,
      log: createLogger("test", "error"),
      ensureSession: async () => undefined,
      listener: { status: () => undefined, catalogChanged: () => undefined, entitlements: () => undefined, platformEvent: () => undefined, sessionLost: () => undefined },
    });
    await sync.catchUp();
  }

  beforeEach(async () => {
    script.requests = [];
    server = await startScriptedPlatform(script);
    db = await Database.open(join(mkdtempSync(join(tmpdir(), "vigil-sync-")), "vigil.db"));
    await migrate(db);
    store = new CatalogStore(db);
    index = new CatalogIndex({ code: "520300", name: "遵义市" });
  });

  afterEach(async () => {
    await sync?.stop();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await db.close();
  });

  it("keeps the good records of a page with a malformed one, and never stores a classified camera", async () => {
    script.snapshotPages = [{ items: [camera(1), { ...camera(2), id: "12345" }, camera(3, 1, { secrecy: 1 }), camera(4)], next: null }];
    await runOnce();
    expect([...index.all()].map((c) => c.id).sort()).toEqual([camera(1).id, camera(4).id]);
    expect((await store.loadAll()).length).toBe(2);
  });

  it("applies duplicate and out-of-order changes by version: never goes back", async () => {
    script.snapshotPages = [{ items: [camera(1, 2)], next: null }];
    script.changes = (cursor) =>
      cursor === "c0"
        ? {
            status: 200,
            body: ok({
              changes: [
                { kind: "upsert", camera: camera(1, 5, { name: "新名称" }) },
                { kind: "upsert", camera: camera(1, 3, { name: "旧名称" }) },
                { kind: "upsert", camera: camera(1, 5, { name: "新名称" }) },
                { kind: "delete", id: camera(1).id, version: 4, reason: "deleted" },
                { kind: "bogus" },
              ],
              nextCursor: "c1",
              hasMore: false,
            }),
          }
        : { status: 200, body: ok({ changes: [], nextCursor: cursor, hasMore: false }) };
    await runOnce();
    expect(index.get(camera(1).id)?.name).toBe("新名称");
    expect(await store.getState("cursor")).toBe("c1");
  });

  it("answers 410 on a stale cursor with a fresh snapshot that drops vanished cameras", async () => {
    script.snapshotPages = [{ items: [camera(1), camera(2)], next: null }];
    script.changes = () => ({ status: 200, body: ok({ changes: [], nextCursor: "c1", hasMore: false }) });
    await runOnce();
    expect(index.size).toBe(2);
    await sync!.stop();
    script.snapshotPages = [{ items: [camera(2, 2)], next: null }];
    let stale = true;
    script.changes = (cursor) => {
      if (stale && cursor === "c1") {
        stale = false;
        return { status: 410, body: { ok: false, error: { code: "CURSOR_EXPIRED", message: "cursor too old" } } };
      }
      return { status: 200, body: ok({ changes: [], nextCursor: "c2", hasMore: false }) };
    };
    await runOnce();
    expect([...index.all()].map((c) => c.id)).toEqual([camera(2).id]);
  });

  it("resumes a snapshot interrupted mid-way from its last page instead of starting over", async () => {
    script.snapshotPages = [{ items: [camera(1)], next: "1" }, "fail", { items: [camera(3)], next: null }];
    await expect(runOnce()).rejects.toThrow(/restarting/);
    expect((await store.getState<{ pageToken: string }>("snapshot"))?.pageToken).toBe("1");
    script.snapshotPages = [{ items: [camera(1)], next: "1" }, { items: [camera(2)], next: "2" }, { items: [camera(3)], next: null }];
    script.requests = [];
    await runOnce();
    const snapshotCalls = script.requests.filter((r) => r.startsWith("/api/v1/catalog/snapshot"));
    expect(snapshotCalls[0]).toContain("pageToken=1");
    expect([...index.all()].map((c) => c.id).sort()).toEqual([camera(1).id, camera(2).id, camera(3).id]);
    expect(await store.getState("snapshot")).toBeNull();
  });
});
