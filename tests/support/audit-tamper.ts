// Test helper: what someone with write access to vigil.db — but not the terminal's key — does to the audit log:
// drops the append-only triggers, rewrites records, recomputes the whole hash chain so it links again, and puts the
// triggers back (issue 10: this used to pass audit:verify without a warning).
import { GENESIS, canonicalDetail, hashRecord, type AuditChainRow } from "../../main/audit/audit-chain.js";
import { chainRowFromDb } from "../../main/audit/audit-log.js";
import type { Database } from "../../main/store/database.js";

type StoredRow = Parameters<typeof chainRowFromDb>[0];

const TRIGGERS = `
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_log_enqueue AFTER INSERT ON audit_log
    BEGIN INSERT INTO audit_outbox (seq, attempts, next_attempt_at) VALUES (NEW.seq, 0, 0); END;`;

/**
 * Replaces the log with `edit(rows)`, renumbered from 1 and re-hashed from genesis. The rewritten rows are not put in
 * the outbox (they look uploaded). Returns the new rows.
 */
export async function rewriteAuditLog(db: Database, edit: (rows: AuditChainRow[]) => AuditChainRow[]): Promise<AuditChainRow[]> {
  const rows = (await db.all<StoredRow>("SELECT * FROM audit_log ORDER BY seq")).map(chainRowFromDb);
  let prev = GENESIS;
  const out = edit(rows).map((row, i) => {
    const fields = { ...row, seq: i + 1 };
    const hash = hashRecord(prev, fields);
    const next = { ...fields, prevHash: prev, hash };
    prev = hash;
    return next;
  });
  await db.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_enqueue;");
  await db.exec("DELETE FROM audit_outbox; DELETE FROM audit_log;");
  for (const r of out) {
    await db.run(
      "INSERT INTO audit_log (seq, id, at, action, username, department_id, terminal_id, camera_id, basis, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      [r.seq, r.id, r.at, r.action, r.username, r.departmentId, r.terminalId, r.cameraId, r.basis, canonicalDetail(r.detail), r.prevHash, r.hash],
    );
  }
  await db.exec(TRIGGERS);
  return out;
}

/** Deletes the newest `n` records (and their outbox rows), as someone hiding what they just did would. */
export async function deleteNewest(db: Database, n: number): Promise<void> {
  await db.exec("DROP TRIGGER audit_log_no_delete");
  await db.run("DELETE FROM audit_outbox WHERE seq > (SELECT MAX(seq) FROM audit_log) - ?", [n]);
  await db.run("DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) FROM audit_log) - ?", [n]);
  await db.exec("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;");
}
