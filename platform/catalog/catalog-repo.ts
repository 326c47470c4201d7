// Runs in the platform API. The catalog in SQLite: bulk seeding, the paged snapshot, the change feed with
// tombstones and bounded history, and versioned mutations. Classified (Secrecy=1) records never leave it as records.
import { randomBytes } from "node:crypto";
import type { CatalogChange, CameraStatus, ChangesPage, PlatformCamera, SnapshotPage } from "../../contract/platform-api.js";
import type { Database } from "../store/platform-database.js";
import { ApiFailure } from "../api/api-failure.js";
import { setMeta, type PlatformStore } from "../store/platform-store.js";
import { decodeCursor, decodePageToken, encodeCursor, encodePageToken, type ChangeCursor } from "./catalog-cursor.js";

type CameraRow = { id: string; version: number; deleted: number; secrecy: number; record: string };

export type Mutation =
  | { kind: "upsert"; camera: Omit<PlatformCamera, "version" | "updatedAt"> }
  | { kind: "delete"; id: string }
  | { kind: "status"; id: string; status: CameraStatus };

export type Applied = { seq: number; change: CatalogChange; statusOnly: boolean };

const SEED_CHUNK = 5000;
const STALE = (why: string) => new ApiFailure(410, "CURSOR_EXPIRED", `${why}; take a new snapshot`);

/** What a console receives for a row: the record, or a tombstone. */
export function servedChange(row: CameraRow): CatalogChange {
  if (row.deleted) return { kind: "delete", id: row.id, version: row.version, reason: "deleted" };
  if (row.secrecy) return { kind: "delete", id: row.id, version: row.version, reason: "withdrawn" };
  return { kind: "upsert", camera: JSON.parse(row.record) as PlatformCamera };
}

const INSERT_CAMERA =
  "INSERT INTO camera (id, version, deleted, secrecy, owner_department_id, owner_department_name, domain, county_code, county_name, sharing_class, status, record)";
const ROW_PLACEHOLDERS = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

function rowValues(cam: PlatformCamera, deleted: boolean): unknown[] {
  const county = cam.regionPath[cam.regionPath.length - 1];
  return [cam.id, cam.version, deleted ? 1 : 0, cam.secrecy, cam.ownerDepartment.id, cam.ownerDepartment.name, cam.domain, county?.code ?? cam.civilCode, county?.name ?? "", cam.sharingClass, cam.status, JSON.stringify(cam)];
}

async function writeRow(db: Database, cam: PlatformCamera, deleted: boolean): Promise<void> {
  await db.run(
    `${INSERT_CAMERA} VALUES ${ROW_PLACEHOLDERS}
     ON CONFLICT(id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted, secrecy = excluded.secrecy,
       owner_department_id = excluded.owner_department_id, owner_department_name = excluded.owner_department_name,
       domain = excluded.domain, county_code = excluded.county_code, county_name = excluded.county_name,
       sharing_class = excluded.sharing_class, status = excluded.status, record = excluded.record`,
    rowValues(cam, deleted),
  );
}

export class CatalogRepo {
  constructor(
    private readonly store: PlatformStore,
    private readonly options: { retainChanges: number; now: () => number },
  ) {}

  /** Replaces the whole catalog (demo seeding). A new epoch: every older cursor becomes stale. */
  async seed(db: Database, cameras: readonly PlatformCamera[]): Promise<void> {
    await db.run("DELETE FROM camera");
    await db.run("DELETE FROM catalog_change");
    // One statement per chunk of rows, in key order: a round trip per row would take seconds at 100,000 cameras.
    const sorted = [...cameras].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    for (let i = 0; i < sorted.length; i += SEED_CHUNK) {
      const rows = sorted.slice(i, i + SEED_CHUNK).map((c) => rowValues(c, false));
      await db.run(
        `${INSERT_CAMERA} SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11 FROM json_each(?)`,
        [JSON.stringify(rows)],
      );
    }
    await setMeta(db, "catalog_epoch", randomBytes(6).toString("hex"));
    // The change history starts after the highest sequence ever used (AUTOINCREMENT never reuses one).
    const top = await db.get<{ seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'catalog_change'");
    await setMeta(db, "change_floor", String(top?.seq ?? 0));
  }

  private async position(db: Database): Promise<{ epoch: string; floor: number; top: number }> {
    const meta = await db.all<{ key: string; value: string }>("SELECT key, value FROM meta WHERE key IN ('catalog_epoch', 'change_floor')");
    const get = (k: string): string | undefined => meta.find((m) => m.key === k)?.value;
    const top = await db.get<{ seq: number | null }>("SELECT MAX(seq) AS seq FROM catalog_change");
    const floor = Number(get("change_floor") ?? "0");
    return { epoch: get("catalog_epoch") ?? "00000000", floor, top: Math.max(top?.seq ?? 0, floor) };
  }

  async cursorNow(): Promise<string> {
    const pos = await this.position(this.store.reader);
    return encodeCursor({ epoch: pos.epoch, seq: pos.top });
  }

  async snapshot(pageSize: number, pageToken: string | undefined): Promise<SnapshotPage> {
    const db = this.store.reader;
    const pos = await this.position(db);
    let token;
    if (pageToken) {
      token = decodePageToken(pageToken);
      if (token.epoch !== pos.epoch) throw STALE("the catalog was rebuilt since this snapshot began");
      if (token.seq < pos.floor) throw STALE("this snapshot is older than the retained change history");
    } else {
      const count = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM camera WHERE deleted = 0 AND secrecy = 0");
      token = { epoch: pos.epoch, seq: pos.top, total: count?.n ?? 0, afterId: "" };
    }
    const rows = await db.all<{ id: string; record: string }>(
      "SELECT id, record FROM camera WHERE id > ? AND deleted = 0 AND secrecy = 0 ORDER BY id LIMIT ?",
      [token.afterId, pageSize + 1],
    );
    const page = rows.slice(0, pageSize);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => JSON.parse(r.record) as PlatformCamera),
      pageSize,
      nextPageToken: rows.length > pageSize && last ? encodePageToken({ ...token, afterId: last.id }) : null,
      cursor: encodeCursor({ epoch: token.epoch, seq: token.seq }),
      total: token.total,
    };
  }

  async changes(rawCursor: string, limit: number): Promise<ChangesPage> {
    const db = this.store.reader;
    const cursor = decodeCursor(rawCursor);
    const pos = await this.position(db);
    const check = (c: ChangeCursor, floor: number): void => {
      if (c.epoch !== pos.epoch) throw STALE("the catalog was rebuilt since this cursor was issued");
      if (c.seq < floor) throw STALE("this cursor is older than the retained change history");
      if (c.seq > pos.top) throw STALE("this cursor is ahead of the platform (restored from a backup?)");
    };
    check(cursor, pos.floor);
    // Latest change per camera, in the order cameras last changed: a camera changed twice appears once.
    const heads = await db.all<{ camera_id: string; seq: number }>(
      "SELECT camera_id, MAX(seq) AS seq FROM catalog_change WHERE seq > ? GROUP BY camera_id ORDER BY seq LIMIT ?",
      [cursor.seq, limit + 1],
    );
    const page = heads.slice(0, limit);
    const rows = await db.all<CameraRow>("SELECT id, version, deleted, secrecy, record FROM camera WHERE id IN (SELECT value FROM json_each(?))", [
      JSON.stringify(page.map((h) => h.camera_id)),
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    // History may have been pruned while we read: then this page could miss changes.
    const after = await this.position(db);
    check(cursor, after.floor);
    const changes = page.flatMap((h) => {
      const row = byId.get(h.camera_id);
      return row ? [servedChange(row)] : [];
    });
    const lastSeq = page[page.length - 1]?.seq ?? cursor.seq;
    return { changes, nextCursor: encodeCursor({ epoch: pos.epoch, seq: lastSeq }), hasMore: heads.length > limit };
  }

  async get(id: string): Promise<PlatformCamera | null> {
    const row = await this.store.reader.get<CameraRow>("SELECT id, version, deleted, secrecy, record FROM camera WHERE id = ?", [id]);
    if (!row || row.deleted || row.secrecy) return null;
    return JSON.parse(row.record) as PlatformCamera;
  }

  /** Applies mutations in one transaction, each bumping its record's version and logging a change. */
  async apply(mutations: readonly Mutation[]): Promise<{ applied: Applied[]; cursor: string }> {
    const now = this.options.now();
    const stamp = new Date(now).toISOString();
    return this.store.write(async (db) => {
      const applied: Applied[] = [];
      for (const m of mutations) {
        const id = m.kind === "upsert" ? m.camera.id : m.id;
        const old = await db.get<CameraRow>("SELECT id, version, deleted, secrecy, record FROM camera WHERE id = ?", [id]);
        const version = (old?.version ?? 0) + 1;
        let next: PlatformCamera;
        let deleted = false;
        if (m.kind === "upsert") {
          next = { ...m.camera, version, updatedAt: stamp };
        } else {
          if (!old) throw new Error(`camera ${id} does not exist`);
          const prev = JSON.parse(old.record) as PlatformCamera;
          if (m.kind === "status") {
            if (old.deleted) throw new Error(`camera ${id} is deleted`);
            next = { ...prev, status: m.status, statusChangedAt: stamp, version, updatedAt: stamp };
          } else {
            next = { ...prev, version, updatedAt: stamp };
            deleted = true;
          }
        }
        await writeRow(db, next, deleted);
        const ins = await db.run("INSERT INTO catalog_change (camera_id, at) VALUES (?, ?)", [id, now]);
        const change = servedChange({ id, version, deleted: deleted ? 1 : 0, secrecy: next.secrecy, record: JSON.stringify(next) });
        applied.push({ seq: ins.lastID, change, statusOnly: m.kind === "status" });
      }
      await this.prune(db);
      const pos = await this.position(db);
      return { applied, cursor: encodeCursor({ epoch: pos.epoch, seq: pos.top }) };
    });
  }

  /** Keeps the last `retainChanges` changes; cursors before them get 410. */
  private async prune(db: Database): Promise<void> {
    const top = await db.get<{ seq: number | null }>("SELECT MAX(seq) AS seq FROM catalog_change");
    const floor = (top?.seq ?? 0) - this.options.retainChanges;
    if (floor <= 0) return;
    const res = await db.run("DELETE FROM catalog_change WHERE seq <= ?", [floor]);
    if (res.changes > 0) await setMeta(db, "change_floor", String(floor));
  }

  async encode(seq: number): Promise<string> {
    const pos = await this.position(this.store.reader);
    return encodeCursor({ epoch: pos.epoch, seq });
  }
}
