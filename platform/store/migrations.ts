// Runs in the platform API. Versioned schema, tracked with PRAGMA user_version. Append only: never edit a shipped step.
import type { Database } from "./platform-database.js";

export const PLATFORM_MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE department (id TEXT PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE user (
        id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
        department_id TEXT NOT NULL REFERENCES department(id), roles TEXT NOT NULL, password_hash TEXT NOT NULL,
        demo_password TEXT
      );
      CREATE TABLE session (
        id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES user(id), terminal_id TEXT NOT NULL,
        refresh_hash TEXT NOT NULL UNIQUE, prev_refresh_hash TEXT, created_at INTEGER NOT NULL,
        refresh_expires_at INTEGER NOT NULL, revoked_at INTEGER, revoke_reason TEXT
      );
      CREATE INDEX session_prev_refresh ON session(prev_refresh_hash);
      CREATE TABLE camera (
        id TEXT PRIMARY KEY, version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, secrecy INTEGER NOT NULL,
        owner_department_id TEXT NOT NULL, owner_department_name TEXT NOT NULL, domain TEXT NOT NULL,
        county_code TEXT NOT NULL, county_name TEXT NOT NULL, sharing_class TEXT NOT NULL, status TEXT NOT NULL,
        record TEXT NOT NULL
      );
      CREATE TABLE catalog_change (seq INTEGER PRIMARY KEY AUTOINCREMENT, camera_id TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE INDEX catalog_change_camera ON catalog_change(camera_id);
      CREATE TABLE event (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, audience TEXT NOT NULL, payload TEXT NOT NULL, at INTEGER NOT NULL
      );
      CREATE TABLE play_ticket (
        id TEXT PRIMARY KEY, user_id TEXT NOT NULL, session_id TEXT NOT NULL, camera_id TEXT NOT NULL, profile TEXT NOT NULL,
        basis TEXT NOT NULL, issued_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, valid_until INTEGER
      );
      CREATE TABLE audit_event (
        id TEXT PRIMARY KEY, user_id TEXT NOT NULL, session_id TEXT NOT NULL, received_at INTEGER NOT NULL,
        at TEXT NOT NULL, action TEXT NOT NULL, camera_id TEXT, record TEXT NOT NULL
      );
      CREATE INDEX audit_event_at ON audit_event(at);
    `,
  },
  {
    // Issue 5: conditional-share applications, incidents and emergency grants, a revision per department's rules,
    // and the platform's log of every application and grant action.
    version: 2,
    sql: `
      CREATE TABLE department_revision (department_id TEXT PRIMARY KEY, revision INTEGER NOT NULL);
      CREATE TABLE application (
        id TEXT PRIMARY KEY, department_id TEXT NOT NULL, status TEXT NOT NULL, submitted_at INTEGER NOT NULL,
        deadline_days INTEGER NOT NULL, valid_until INTEGER, ended INTEGER NOT NULL DEFAULT 0, record TEXT NOT NULL
      );
      CREATE INDEX application_department ON application(department_id, submitted_at);
      CREATE INDEX application_ending ON application(ended, valid_until);
      CREATE TABLE incident (id TEXT PRIMARY KEY, declared_at INTEGER NOT NULL, record TEXT NOT NULL);
      CREATE TABLE emergency_grant (
        id TEXT PRIMARY KEY, department_id TEXT NOT NULL, requester_department_id TEXT NOT NULL, status TEXT NOT NULL,
        requested_at INTEGER NOT NULL, valid_until INTEGER, record TEXT NOT NULL
      );
      CREATE INDEX emergency_grant_department ON emergency_grant(department_id, status);
      CREATE INDEX emergency_grant_requester ON emergency_grant(requester_department_id);
      CREATE INDEX emergency_grant_ending ON emergency_grant(status, valid_until);
      CREATE TABLE access_action (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, ref_id TEXT NOT NULL, action TEXT NOT NULL,
        user_id TEXT NOT NULL, detail TEXT NOT NULL
      );
      CREATE INDEX access_action_ref ON access_action(ref_id);
    `,
  },
  {
    // Issue 10: a session remembers the terminal key registered at login (refreshes must prove it); audit events keep
    // their terminal and place in its chain, and signed checkpoints are kept with the platform's verdict.
    version: 3,
    sql: `
      ALTER TABLE session ADD COLUMN terminal_key TEXT;
      ALTER TABLE audit_event ADD COLUMN terminal_id TEXT;
      ALTER TABLE audit_event ADD COLUMN seq INTEGER;
      UPDATE audit_event SET terminal_id = json_extract(record, '$.terminalId');
      CREATE INDEX audit_event_chain ON audit_event(terminal_id, seq);
      CREATE TABLE audit_checkpoint (
        event_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, event_seq INTEGER NOT NULL, seq INTEGER NOT NULL,
        hash TEXT NOT NULL, count INTEGER NOT NULL, signed_at INTEGER NOT NULL, public_key TEXT NOT NULL,
        signature TEXT NOT NULL, verified INTEGER NOT NULL, session_id TEXT NOT NULL, received_at INTEGER NOT NULL
      );
      CREATE INDEX audit_checkpoint_chain ON audit_checkpoint(terminal_id, event_seq);
    `,
  },
];

export async function migratePlatform(db: Database): Promise<void> {
  const row = await db.get<{ user_version: number }>("PRAGMA user_version");
  const current = row?.user_version ?? 0;
  const latest = PLATFORM_MIGRATIONS[PLATFORM_MIGRATIONS.length - 1]?.version ?? 0;
  if (current > latest) throw new Error(`platform database schema ${current} is newer than this build (${latest})`);
  for (const step of PLATFORM_MIGRATIONS) {
    if (step.version <= current) continue;
    await db.transaction(async () => {
      await db.exec(step.sql);
      await db.exec(`PRAGMA user_version = ${step.version}`);
    });
  }
}
