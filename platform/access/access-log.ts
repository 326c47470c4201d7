// Runs in the platform API. The platform's own record of every application and grant action (who, when, what,
// with which reason), kept beside the records themselves: a grant's current state shows only its latest decision.
import type { Database } from "../store/platform-database.js";

export type AccessAction = {
  at: number;
  refId: string;
  action: string;
  userId: string;
  detail: Record<string, string | number | boolean | null>;
};

export async function logAccessAction(db: Database, a: AccessAction): Promise<void> {
  await db.run("INSERT INTO access_action (at, ref_id, action, user_id, detail) VALUES (?, ?, ?, ?, ?)", [a.at, a.refId, a.action, a.userId, JSON.stringify(a.detail)]);
}
