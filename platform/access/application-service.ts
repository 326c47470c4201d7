// Runs in the platform API. Conditional-share applications (有条件共享): submit for your department, list, and the
// approver's decision (all, part, or reject). An approval adds an APPLICATION rule for the applicant's department;
// each change is pushed (application event to all, entitlement event to the department).
import type { Application, ApplicationDecision, ApplicationRequest, PlatformEvent } from "../../contract/platform-api.js";
import type { Database } from "../store/platform-database.js";
import { ApiFailure } from "../api/api-failure.js";
import type { AuthContext } from "../auth/session-service.js";
import { dueDate } from "../calendar/working-days.js";
import type { Audience, EventHub } from "../events/event-hub.js";
import type { PlatformStore } from "../store/platform-store.js";
import { logAccessAction } from "./access-log.js";
import { canonicalScope, describeScope } from "./access-scope.js";
import { applicationCamerasProblem, approvalEnd, approvedScope, isOverdue, shanghaiDate } from "./application-policy.js";
import { bumpRevision } from "./department-revision.js";
import { newRecordId } from "./record-ids.js";
import { cameraFacts, scopeClassCounts } from "./scope-catalog.js";

type ApplicationRow = { id: string; submitted_at: number; deadline_days: number; record: string };
/** What is stored: the answer without the parts computed when read (due date, overdue). */
type StoredApplication = Omit<Application, "due" | "dueProvisional" | "overdue">;
type Push = { audience: Audience; event: PlatformEvent };

const SELECT = "SELECT id, submitted_at, deadline_days, record FROM application";

export interface ApplicationServiceOptions {
  /** Working days a provider has to answer (a platform setting; Zunyi: 3). */
  answerDeadlineDays: number;
  now: () => number;
}

export class ApplicationService {
  constructor(
    private readonly store: PlatformStore,
    private readonly events: EventHub,
    private readonly options: ApplicationServiceOptions,
  ) {}

  /** The due date is computed on read: one that reached past the calendar's data is corrected once the data is there. */
  private hydrate(row: ApplicationRow, now: number): Application {
    const stored = JSON.parse(row.record) as StoredApplication;
    const due = dueDate(shanghaiDate(row.submitted_at), row.deadline_days);
    return { ...stored, due: due.due, dueProvisional: due.provisional, overdue: isOverdue(stored.status, due.due, now) };
  }

  /** Your department's applications; approvers and auditors see every department's. Newest first. */
  async list(auth: AuthContext): Promise<Application[]> {
    const all = auth.roles.includes("approver") || auth.roles.includes("auditor");
    const rows = all
      ? await this.store.reader.all<ApplicationRow>(`${SELECT} ORDER BY submitted_at DESC, rowid DESC`)
      : await this.store.reader.all<ApplicationRow>(`${SELECT} WHERE department_id = ? ORDER BY submitted_at DESC, rowid DESC`, [auth.departmentId]);
    const now = this.options.now();
    return rows.map((r) => this.hydrate(r, now));
  }

  /** Approved applications of a department whose rule has not ended at `now`. */
  async activeFor(departmentId: string, now: number): Promise<Application[]> {
    const rows = await this.store.reader.all<ApplicationRow>(
      `${SELECT} WHERE department_id = ? AND status IN ('approved', 'partially-approved') AND valid_until > ? ORDER BY submitted_at`,
      [departmentId, now],
    );
    return rows.map((r) => this.hydrate(r, now));
  }

  async submit(auth: AuthContext, body: ApplicationRequest): Promise<Application> {
    const scope = canonicalScope(body.scope);
    const db = this.store.reader;
    if (scope.kind === "cameras") {
      const problem = applicationCamerasProblem(scope.cameraIds, await cameraFacts(db, scope.cameraIds), auth.departmentId);
      if (problem) throw new ApiFailure(400, "BAD_REQUEST", problem);
    } else {
      const counts = await scopeClassCounts(db, scope);
      if (counts.CONDITIONAL === 0) {
        throw new ApiFailure(400, "BAD_REQUEST", `body.scope: ${describeScope(scope)} holds no conditionally shared cameras to apply for`);
      }
    }
    const now = this.options.now();
    const stored: StoredApplication = {
      ...body,
      scope,
      id: newRecordId("app", now),
      status: "submitted",
      departmentId: auth.departmentId,
      departmentName: auth.me.department.name,
      applicant: { userId: auth.userId, displayName: auth.me.user.displayName },
      submittedAt: new Date(now).toISOString(),
      decision: null,
    };
    const row: ApplicationRow = { id: stored.id, submitted_at: now, deadline_days: this.options.answerDeadlineDays, record: JSON.stringify(stored) };
    await this.store.write(async (w) => {
      await w.run("INSERT INTO application (id, department_id, status, submitted_at, deadline_days, valid_until, record) VALUES (?, ?, ?, ?, ?, NULL, ?)", [
        row.id,
        stored.departmentId,
        stored.status,
        row.submitted_at,
        row.deadline_days,
        row.record,
      ]);
      await logAccessAction(w, { at: now, refId: stored.id, action: "application.submit", userId: auth.userId, detail: { scope: describeScope(scope), validDays: body.validDays } });
    });
    const app = this.hydrate(row, now);
    await this.events.publish([{ audience: "*", event: { type: "application", applicationId: app.id, status: app.status, due: app.due } }]);
    return app;
  }

  async decide(auth: AuthContext, body: ApplicationDecision): Promise<Application> {
    if (!auth.roles.includes("approver")) throw new ApiFailure(403, "FORBIDDEN", "only the approver role may decide applications");
    const now = this.options.now();
    const { app, pushes } = await this.store.write(async (db) => {
      const row = await db.get<ApplicationRow>(`${SELECT} WHERE id = ?`, [body.applicationId]);
      if (!row) throw new ApiFailure(404, "NOT_FOUND", `no application ${body.applicationId}`);
      const current = this.hydrate(row, now);
      // Approvals take a second person: the applicant never decides their own application.
      if (current.applicant.userId === auth.userId) {
        throw new ApiFailure(403, "SELF_APPROVAL", `you submitted application ${current.id}; another approver must decide it`);
      }
      if (current.status !== "submitted") throw new ApiFailure(409, "CONFLICT", `application ${current.id} is already ${current.status}; reload it`);
      const decided = body.outcome === "approve" ? approve(current, body, now, auth) : reject(current, body, now, auth);
      await save(db, decided, row);
      const pushes: Push[] = [];
      if (decided.status !== "rejected") {
        const revision = await bumpRevision(db, decided.departmentId);
        pushes.push({ audience: `dept:${decided.departmentId}`, event: { type: "entitlement", departmentId: decided.departmentId, revision } });
      }
      await logAccessAction(db, {
        at: now,
        refId: decided.id,
        action: `application.${body.outcome}`,
        userId: auth.userId,
        detail: { status: decided.status, scope: decided.decision?.approvedScope ? describeScope(decided.decision.approvedScope) : null, reason: decided.decision?.reason ?? null, validUntil: decided.decision?.validUntil ?? null },
      });
      const app = this.hydrate({ ...row, record: JSON.stringify(decided) }, now);
      pushes.unshift({ audience: "*", event: { type: "application", applicationId: app.id, status: app.status, due: app.due } });
      return { app, pushes };
    });
    await this.events.publish(pushes);
    return app;
  }

  /**
   * Records approvals whose validity has passed and tells their departments (the rule already stopped matching at
   * its end; this bumps the revision so consoles refetch). Returns how many ended.
   */
  async endExpired(): Promise<number> {
    const now = this.options.now();
    const due = await this.store.reader.get<{ n: number }>("SELECT COUNT(*) AS n FROM application WHERE ended = 0 AND valid_until IS NOT NULL AND valid_until <= ?", [now]);
    if (!due?.n) return 0;
    const pushes = await this.store.write(async (db) => {
      const rows = await db.all<{ id: string; department_id: string }>("SELECT id, department_id FROM application WHERE ended = 0 AND valid_until IS NOT NULL AND valid_until <= ?", [now]);
      const revisions = new Map<string, number>();
      for (const r of rows) {
        await db.run("UPDATE application SET ended = 1 WHERE id = ?", [r.id]);
        revisions.set(r.department_id, await bumpRevision(db, r.department_id));
      }
      return [...revisions].map(([departmentId, revision]): Push => ({ audience: `dept:${departmentId}`, event: { type: "entitlement", departmentId, revision } }));
    });
    await this.events.publish(pushes);
    return pushes.length;
  }
}

function strip(app: Application): StoredApplication {
  const { due: _due, dueProvisional: _provisional, overdue: _overdue, ...stored } = app;
  return stored;
}

function approve(app: Application, body: Extract<ApplicationDecision, { outcome: "approve" }>, now: number, auth: AuthContext): StoredApplication {
  if (body.validDays > app.validDays) throw new ApiFailure(400, "BAD_REQUEST", `body.validDays: at most the ${app.validDays} days the application asks for`);
  const approval = approvedScope(app.scope, body.cameraIds);
  if (!approval.ok) throw new ApiFailure(400, "BAD_REQUEST", approval.message);
  return {
    ...strip(app),
    status: approval.partial ? "partially-approved" : "approved",
    decision: {
      by: auth.me.user.displayName,
      at: new Date(now).toISOString(),
      approvedScope: approval.scope,
      validUntil: new Date(approvalEnd(now, body.validDays)).toISOString(),
      reason: null,
    },
  };
}

function reject(app: Application, body: Extract<ApplicationDecision, { outcome: "reject" }>, now: number, auth: AuthContext): StoredApplication {
  return {
    ...strip(app),
    status: "rejected",
    decision: { by: auth.me.user.displayName, at: new Date(now).toISOString(), approvedScope: null, validUntil: null, reason: body.reason },
  };
}

async function save(db: Database, app: StoredApplication, row: ApplicationRow): Promise<void> {
  const validUntil = app.decision?.validUntil ? Date.parse(app.decision.validUntil) : null;
  await db.run("UPDATE application SET status = ?, valid_until = ?, record = ? WHERE id = ?", [app.status, validUntil, JSON.stringify(app), row.id]);
}
