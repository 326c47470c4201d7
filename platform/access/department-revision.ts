// Runs in the platform API. Each department's entitlement revision: it increases whenever any of the department's
// rules changes (an approval, a grant starting, being extended, revoked or ending), so consoles know to refetch.
import type { Database } from "../store/platform-database.js";

/** Inside a write transaction: the department's next revision. */
export async function bumpRevision(db: Database, departmentId: string): Promise<number> {
  const row = await db.get<{ revision: number }>(
    `INSERT INTO department_revision (department_id, revision) VALUES (?, 1)
     ON CONFLICT(department_id) DO UPDATE SET revision = revision + 1 RETURNING revision`,
    [departmentId],
  );
  if (!row) throw new Error(`no revision for department ${departmentId}`);
  return row.revision;
}

export async function readRevision(db: Database, departmentId: string): Promise<number> {
  const row = await db.get<{ revision: number }>("SELECT revision FROM department_revision WHERE department_id = ?", [departmentId]);
  return row?.revision ?? 0;
}
