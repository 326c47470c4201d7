// Runs in main. Versioned schema migrations, tracked with PRAGMA user_version. Append only: never edit a shipped step.
import type { Database } from "./database.js";

export const migrations: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE wall (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL);
      CREATE TABLE catalog_camera (id TEXT PRIMARY KEY, record TEXT NOT NULL, updated_at INTEGER NOT NULL);
    `,
  },
  {
    // The catalog now comes from the central platform: full GB records with versions, a sync cursor that survives
    // a crash mid-sync, and search keys (pinyin) computed once when a record is written.
    version: 2,
    sql: `
      DROP TABLE catalog_camera;
      CREATE TABLE platform_camera (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        record TEXT NOT NULL,
        search TEXT NOT NULL
      );
      CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE snapshot_seen (id TEXT PRIMARY KEY);
      CREATE TABLE favorite (camera_id TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
    `,
  },
];

export async function migrate(db: Database): Promise<number> {
  const row = await db.get<{ user_version: number }>("PRAGMA user_version");
  const current = row?.user_version ?? 0;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new Error(`database schema version ${current} is newer than this Vigil build (${latest}); update Vigil`);
  }
  for (const step of migrations) {
    if (step.version <= current) continue;
    await db.transaction(async () => {
      await db.exec(step.sql);
      await db.exec(`PRAGMA user_version = ${step.version}`);
    });
  }
  return latest;
}
