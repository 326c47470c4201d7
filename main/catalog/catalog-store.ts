// Runs in main. The local copy of the platform catalog in SQLite: version-guarded upserts, tombstones, the sync
// cursor, and the state of a snapshot in progress (so a crash mid-sync resumes instead of starting over).
import { PlatformCameraSchema, type PlatformCamera } from "../../contract/platform-api.js";
import type { Database } from "../store/database.js";

export type StoredCamera = { record: PlatformCamera; search: string };
export type SnapshotProgress = { cursor: string; pageToken: string | null; startedAt: number };

const ROWS_PER_STATEMENT = 200;

export class CatalogStore {
  constructor(private readonly db: Database) {}

  async loadAll(): Promise<StoredCamera[]> {
    const rows = await this.db.all<{ record: string; search: string }>("SELECT record, search FROM platform_camera");
    const out: StoredCamera[] = [];
    for (const row of rows) {
      const parsed = PlatformCameraSchema.safeParse(JSON.parse(row.record));
      if (parsed.success) out.push({ record: parsed.data, search: row.search });
    }
    return out;
  }

  async versions(ids: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await this.db.all<{ id: string; version: number }>(
        `SELECT id, version FROM platform_camera WHERE id IN (${chunk.map(() => "?").join(",")})`,
        chunk,
      );
      for (const r of rows) out.set(r.id, r.version);
    }
    return out;
  }

  /** Writes records as given (callers have already applied the version guard). */
  async upsert(items: StoredCamera[]): Promise<void> {
    for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) {
      const chunk = items.slice(i, i + ROWS_PER_STATEMENT);
      const params: unknown[] = [];
      for (const { record, search } of chunk) params.push(record.id, record.version, JSON.stringify(record), search);
      await this.db.run(
        `INSERT INTO platform_camera (id, version, record, search) VALUES ${chunk.map(() => "(?,?,?,?)").join(",")}
         ON CONFLICT(id) DO UPDATE SET version = excluded.version, record = excluded.record, search = excluded.search`,
        params,
      );
    }
  }

  async remove(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await this.db.run(`DELETE FROM platform_camera WHERE id IN (${chunk.map(() => "?").join(",")})`, chunk);
    }
  }

  async markSeen(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await this.db.run(`INSERT OR IGNORE INTO snapshot_seen (id) VALUES ${chunk.map(() => "(?)").join(",")}`, chunk);
    }
  }

  /** After a complete snapshot: drops every camera the snapshot did not contain. Returns their ids. */
  async dropUnseen(): Promise<string[]> {
    const rows = await this.db.all<{ id: string }>("SELECT id FROM platform_camera WHERE id NOT IN (SELECT id FROM snapshot_seen)");
    await this.db.run("DELETE FROM platform_camera WHERE id NOT IN (SELECT id FROM snapshot_seen)");
    await this.db.run("DELETE FROM snapshot_seen");
    return rows.map((r) => r.id);
  }

  async clearSeen(): Promise<void> {
    await this.db.run("DELETE FROM snapshot_seen");
  }

  async getState<T>(key: "cursor" | "snapshot" | "platform"): Promise<T | null> {
    const row = await this.db.get<{ value: string }>("SELECT value FROM sync_state WHERE key = ?", [key]);
    return row ? (JSON.parse(row.value) as T) : null;
  }

  async setState(key: "cursor" | "snapshot" | "platform", value: unknown): Promise<void> {
    if (value === null) await this.db.run("DELETE FROM sync_state WHERE key = ?", [key]);
    else
      await this.db.run("INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [
        key,
        JSON.stringify(value),
      ]);
  }

  /** Forgets the whole local catalog (another platform was configured). */
  async reset(): Promise<void> {
    await this.db.exec("DELETE FROM platform_camera; DELETE FROM sync_state; DELETE FROM snapshot_seen;");
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async favorites(): Promise<Set<string>> {
    const rows = await this.db.all<{ camera_id: string }>("SELECT camera_id FROM favorite");
    return new Set(rows.map((r) => r.camera_id));
  }

  async setFavorite(cameraId: string, favorite: boolean): Promise<void> {
    if (favorite) await this.db.run("INSERT OR IGNORE INTO favorite (camera_id, created_at) VALUES (?, ?)", [cameraId, Date.now()]);
    else await this.db.run("DELETE FROM favorite WHERE camera_id = ?", [cameraId]);
  }
}
