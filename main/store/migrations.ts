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
  {
    // The local audit log (main/audit/): append-only, hash-chained (each row's hash covers its fields and the
    // previous row's hash), with an upload outbox. The triggers refuse UPDATE and DELETE on the log; a row
    // leaves the outbox when the platform has accepted it. Every inserted log row enters the outbox in the same
    // statement, so a row can never be written without being queued for upload.
    version: 3,
    sql: `
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        at INTEGER NOT NULL,
        action TEXT NOT NULL,
        username TEXT,
        department_id TEXT,
        terminal_id TEXT NOT NULL,
        camera_id TEXT,
        basis TEXT,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX audit_log_camera ON audit_log (camera_id, seq);
      CREATE INDEX audit_log_username ON audit_log (username, seq);
      CREATE INDEX audit_log_action ON audit_log (action, seq);
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TABLE audit_outbox (
        seq INTEGER PRIMARY KEY REFERENCES audit_log (seq),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX audit_outbox_due ON audit_outbox (next_attempt_at);
      CREATE TRIGGER audit_log_enqueue AFTER INSERT ON audit_log
        BEGIN INSERT INTO audit_outbox (seq, attempts, next_attempt_at) VALUES (NEW.seq, 0, 0); END;
    `,
  },
  {
    // Wall windows 1..N, each its own state (issue 11), and the operators' saved layouts. The one-row "wall" table
    // of earlier versions is converted by WallService.load (JSON → the layout model) and then emptied.
    version: 4,
    sql: `
      CREATE TABLE wall_window (id INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 8), state TEXT NOT NULL);
      CREATE TABLE saved_layout (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        name TEXT NOT NULL,
        layout TEXT NOT NULL,
        saved_at INTEGER NOT NULL
      );
      CREATE INDEX saved_layout_user ON saved_layout (username, name);
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
