// Runs in the platform API. Emergencies: incidents and time-limited grants (特别授权、限时共享). A commander's grant
// over UNCONDITIONAL/CONDITIONAL cameras opens at once (break-glass); one whose scope holds NOT_SHARED cameras waits
// for the approver (special). Grants are extended (break-glass at once, special after approval), revoked, and end
// on time; break-glass grants are reviewed afterwards by the approver; every change is pushed (grant event to all,
// entitlement event to the grantee department when its rules change).
import type { Grant, GrantDecision, GrantExtend, GrantPolicy, GrantRequest, GrantReview, GrantRevoke, Incident, PlatformEvent } from "../../contract/platform-api.js";
import type { Database } from "../store/platform-database.js";
import { ApiFailure } from "../api/api-failure.js";
import type { AuthContext } from "../auth/session-service.js";
import type { Audience, EventHub } from "../events/event-hub.js";
import type { MediaCuts } from "../media/media-push.js";
import type { PlatformStore } from "../store/platform-store.js";
import { logAccessAction } from "./access-log.js";
import { canonicalCivilCode, canonicalScope, describeScope, listIds } from "./access-scope.js";
import { bumpRevision } from "./department-revision.js";
import { addMinutes, extensionProblem, grantFromRecord, grantKind, grantMinutesProblem, grantStatusAt, reviewProblem, type GrantLimits } from "./grant-policy.js";
import { newRecordId } from "./record-ids.js";
import { cameraFacts, regionName, scopeClassCounts } from "./scope-catalog.js";

type GrantRow = { record: string };
type Push = { audience: Audience; event: PlatformEvent };
type GrantEventStatus = Extract<PlatformEvent, { type: "grant" }>["status"];

export interface GrantServiceOptions {
  limits: GrantLimits;
  /** Departments a media grant may name. */
  mediaDepartmentIds: readonly string[];
  answerDeadlineDays: number;
  now: () => number;
  /** Where a revoked grant's streams are cut (the media server). */
  cuts: MediaCuts;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export class GrantService {
  constructor(
    private readonly store: PlatformStore,
    private readonly events: EventHub,
    private readonly options: GrantServiceOptions,
  ) {}

  /**
   * A grant as it reads at `now`: an active grant past its end is expired (and has nothing pending). A record from
   * before the review step (no `review` key) reads as not reviewed.
   */
  private hydrate(row: GrantRow, now: number): Grant {
    return this.readAt(grantFromRecord(row.record), now);
  }

  private readAt(grant: Grant, now: number): Grant {
    const status = grantStatusAt(grant, now);
    return status === grant.status ? grant : { ...grant, status, extension: null };
  }

  async policy(): Promise<GrantPolicy> {
    const ids = this.options.mediaDepartmentIds;
    const rows = await this.store.reader.all<{ id: string; name: string }>("SELECT id, name FROM department WHERE id IN (SELECT value FROM json_each(?))", [JSON.stringify(ids)]);
    const names = new Map(rows.map((r) => [r.id, r.name]));
    return {
      capMinutes: { ...this.options.limits.capMinutes },
      maxTotalMinutes: this.options.limits.maxTotalMinutes,
      answerDeadlineDays: this.options.answerDeadlineDays,
      mediaDepartments: ids.map((id) => ({ id, name: names.get(id) ?? id })),
    };
  }

  async incidents(): Promise<Incident[]> {
    const rows = await this.store.reader.all<{ record: string }>("SELECT record FROM incident ORDER BY declared_at DESC, rowid DESC");
    return rows.map((r) => JSON.parse(r.record) as Incident);
  }

  /** Grants for or by your department; approvers and auditors see all. Newest first. */
  async list(auth: AuthContext): Promise<Grant[]> {
    const all = auth.roles.includes("approver") || auth.roles.includes("auditor");
    const rows = all
      ? await this.store.reader.all<GrantRow>("SELECT record FROM emergency_grant ORDER BY requested_at DESC, rowid DESC")
      : await this.store.reader.all<GrantRow>(
          "SELECT record FROM emergency_grant WHERE department_id = ? OR requester_department_id = ? ORDER BY requested_at DESC, rowid DESC",
          [auth.departmentId, auth.departmentId],
        );
    const now = this.options.now();
    return rows.map((r) => this.hydrate(r, now));
  }

  /** Active grants for a department that have begun and not ended at `now`. */
  async activeFor(departmentId: string, now: number): Promise<Grant[]> {
    const rows = await this.store.reader.all<GrantRow>(
      "SELECT record FROM emergency_grant WHERE department_id = ? AND status = 'active' AND valid_until > ? ORDER BY requested_at",
      [departmentId, now],
    );
    return rows.map((r) => this.hydrate(r, now)).filter((g) => g.validFrom !== null && Date.parse(g.validFrom) <= now);
  }

  async request(auth: AuthContext, body: GrantRequest): Promise<Grant> {
    if (!auth.roles.includes("commander")) throw new ApiFailure(403, "FORBIDDEN", "only a commander may declare incidents and request emergency grants");
    const reader = this.store.reader;
    const scope = canonicalScope(body.scope);
    // Scope: cameras must exist; a region or domain must hold some. NOT_SHARED cameras make it a special authorization.
    let coversNotShared: boolean;
    if (scope.kind === "cameras") {
      const facts = await cameraFacts(reader, scope.cameraIds);
      const missing = scope.cameraIds.filter((id) => !facts.has(id));
      if (missing.length) throw new ApiFailure(400, "BAD_REQUEST", `body.scope.cameraIds: cameras not found: ${listIds(missing)}`);
      coversNotShared = [...facts.values()].some((f) => f.sharingClass === "NOT_SHARED");
    } else {
      const counts = await scopeClassCounts(reader, scope);
      if (counts.UNCONDITIONAL + counts.CONDITIONAL + counts.NOT_SHARED === 0) throw new ApiFailure(400, "BAD_REQUEST", `body.scope: ${describeScope(scope)} holds no cameras`);
      coversNotShared = counts.NOT_SHARED > 0;
    }
    // Grantee: the commander's own department, or a media department for live coverage.
    let grantee = { id: auth.departmentId, name: auth.me.department.name };
    if (body.mediaDepartmentId !== undefined) {
      const allowed = this.options.mediaDepartmentIds;
      if (!allowed.includes(body.mediaDepartmentId)) {
        throw new ApiFailure(400, "BAD_REQUEST", `body.mediaDepartmentId: ${body.mediaDepartmentId} is not a media department (allowed: ${allowed.join(", ") || "none"})`);
      }
      const dept = await reader.get<{ name: string }>("SELECT name FROM department WHERE id = ?", [body.mediaDepartmentId]);
      grantee = { id: body.mediaDepartmentId, name: dept?.name ?? body.mediaDepartmentId };
    }
    // Incident: an existing one, or declared with the grant.
    let incident: Incident;
    let declared = false;
    const now = this.options.now();
    if (body.incidentId !== undefined) {
      const row = await reader.get<{ record: string }>("SELECT record FROM incident WHERE id = ?", [body.incidentId]);
      if (!row) throw new ApiFailure(404, "NOT_FOUND", `no incident ${body.incidentId}`);
      incident = JSON.parse(row.record) as Incident;
    } else if (body.incident !== undefined) {
      const civilCode = canonicalCivilCode(body.incident.civilCode);
      const name = await regionName(reader, civilCode);
      if (name === null) throw new ApiFailure(400, "BAD_REQUEST", `body.incident.civilCode: no region ${body.incident.civilCode} in the catalog`);
      incident = { ...body.incident, civilCode, id: newRecordId("inc", now), regionName: name, declaredBy: auth.me.user.displayName, declaredAt: iso(now) };
      declared = true;
    } else {
      throw new ApiFailure(400, "BAD_REQUEST", "body.incidentId: give either incidentId or incident");
    }
    const tooLong = grantMinutesProblem(this.options.limits, incident.level, body.minutes);
    if (tooLong) throw new ApiFailure(400, "BAD_REQUEST", tooLong);

    const kind = grantKind(coversNotShared);
    const active = kind === "break-glass";
    const grant: Grant = {
      id: newRecordId("grant", now),
      incidentId: incident.id,
      incidentTitle: incident.title,
      kind,
      basis: body.mediaDepartmentId !== undefined ? "MEDIA_GRANT" : "GRANT",
      status: active ? "active" : "requested",
      departmentId: grantee.id,
      departmentName: grantee.name,
      requestedBy: auth.me.user.displayName,
      requestedAt: iso(now),
      scope,
      reason: body.reason,
      minutes: body.minutes,
      validFrom: active ? iso(now) : null,
      validUntil: active ? addMinutes(iso(now), body.minutes) : null,
      decidedBy: null,
      extension: null,
      extensions: 0,
      endReason: null,
      endedBy: null,
      review: null,
    };
    const pushes = await this.store.write(async (db) => {
      if (declared) {
        await db.run("INSERT INTO incident (id, declared_at, record) VALUES (?, ?, ?)", [incident.id, now, JSON.stringify(incident)]);
        await logAccessAction(db, { at: now, refId: incident.id, action: "incident.declare", userId: auth.userId, detail: { title: incident.title, level: incident.level, type: incident.type, civilCode: incident.civilCode } });
      }
      await db.run(
        "INSERT INTO emergency_grant (id, department_id, requester_department_id, status, requested_at, valid_until, record) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [grant.id, grant.departmentId, auth.departmentId, grant.status, now, grant.validUntil === null ? null : Date.parse(grant.validUntil), JSON.stringify(grant)],
      );
      await logAccessAction(db, { at: now, refId: grant.id, action: "grant.request", userId: auth.userId, detail: { kind, basis: grant.basis, scope: describeScope(scope), minutes: body.minutes, reason: body.reason, incidentId: incident.id } });
      return this.changed(db, grant, grant.status, active);
    });
    await this.events.publish(pushes);
    return grant;
  }

  /** The approver decides whatever is pending: a special authorization, or an extension of an active grant. */
  async decide(auth: AuthContext, body: GrantDecision): Promise<Grant> {
    if (!auth.roles.includes("approver")) throw new ApiFailure(403, "FORBIDDEN", "only the approver role (city coordinator) may decide grants and extensions");
    const now = this.options.now();
    const { grant, pushes } = await this.store.write(async (db) => {
      const current = await this.load(db, body.grantId, now);
      await this.requireSecondPerson(db, auth, current, "decide");
      let next: Grant;
      let event: GrantEventStatus;
      let rulesChanged = false;
      let action: string;
      if (current.status === "requested") {
        action = body.approve ? "grant.approve" : "grant.refuse";
        next = body.approve
          ? { ...current, status: "active", validFrom: iso(now), validUntil: addMinutes(iso(now), current.minutes), decidedBy: auth.me.user.displayName }
          : { ...current, status: "rejected", decidedBy: auth.me.user.displayName, endReason: body.reason ?? null, endedBy: auth.me.user.displayName };
        event = body.approve ? "active" : "rejected";
        rulesChanged = body.approve;
      } else if (current.status === "active" && current.extension !== null) {
        const ext = current.extension;
        action = body.approve ? "grant.extension.approve" : "grant.extension.refuse";
        if (body.approve) {
          const problem = extensionProblem(this.options.limits, current, ext.minutes);
          if (problem) throw new ApiFailure(409, "CONFLICT", `the pending extension no longer fits: ${problem.replace(/^body\.minutes: /, "")}`);
          next = { ...current, validUntil: addMinutes(current.validUntil ?? iso(now), ext.minutes), extension: null, extensions: current.extensions + 1, decidedBy: auth.me.user.displayName };
          event = "extended";
          rulesChanged = true;
        } else {
          next = { ...current, extension: null };
          event = "active";
        }
      } else {
        throw new ApiFailure(409, "CONFLICT", `grant ${current.id} is ${current.status} with nothing pending to decide; reload it`);
      }
      await this.save(db, next);
      await logAccessAction(db, { at: now, refId: next.id, action, userId: auth.userId, detail: { reason: body.reason ?? null, validUntil: next.validUntil } });
      return { grant: next, pushes: await this.changed(db, next, event, rulesChanged) };
    });
    await this.events.publish(pushes);
    return grant;
  }

  async extend(auth: AuthContext, body: GrantExtend): Promise<Grant> {
    const now = this.options.now();
    const { grant, pushes } = await this.store.write(async (db) => {
      const current = await this.load(db, body.grantId, now);
      await this.requireManager(db, auth, current, "extend");
      if (current.status !== "active") throw new ApiFailure(409, "CONFLICT", `grant ${current.id} is ${current.status}; only an active grant can be extended`);
      if (current.extension !== null) throw new ApiFailure(409, "CONFLICT", `grant ${current.id} already has an extension waiting for the approver`);
      const problem = extensionProblem(this.options.limits, current, body.minutes);
      if (problem) throw new ApiFailure(400, "BAD_REQUEST", problem);
      const atOnce = current.kind === "break-glass";
      const next: Grant = atOnce
        ? { ...current, validUntil: addMinutes(current.validUntil ?? iso(now), body.minutes), extensions: current.extensions + 1 }
        : { ...current, extension: { minutes: body.minutes, reason: body.reason, requestedAt: iso(now) } };
      await this.save(db, next);
      await logAccessAction(db, { at: now, refId: next.id, action: atOnce ? "grant.extend" : "grant.extension.request", userId: auth.userId, detail: { minutes: body.minutes, reason: body.reason, validUntil: next.validUntil } });
      return { grant: next, pushes: await this.changed(db, next, atOnce ? "extended" : "active", atOnce) };
    });
    await this.events.publish(pushes);
    return grant;
  }

  /** A forced stop: the requesting department's commander or any approver ends an active or pending grant now. */
  async revoke(auth: AuthContext, body: GrantRevoke): Promise<Grant> {
    const now = this.options.now();
    const { grant, pushes } = await this.store.write(async (db) => {
      const current = await this.load(db, body.grantId, now);
      await this.requireManager(db, auth, current, "revoke");
      if (current.status !== "active" && current.status !== "requested") throw new ApiFailure(409, "CONFLICT", `grant ${current.id} is already ${current.status}`);
      const wasActive = current.status === "active";
      const next: Grant = {
        ...current,
        status: "revoked",
        validUntil: wasActive ? iso(now) : current.validUntil,
        extension: null,
        endReason: body.reason,
        endedBy: auth.me.user.displayName,
      };
      await this.save(db, next);
      await logAccessAction(db, { at: now, refId: next.id, action: "grant.revoke", userId: auth.userId, detail: { reason: body.reason, wasActive } });
      return { grant: next, pushes: await this.changed(db, next, "revoked", wasActive) };
    });
    // Streams opened under it end at once, wherever their tickets went (the console also closes its tiles).
    if (grant.validFrom !== null) this.options.cuts.revoke("ref", grant.id, now);
    await this.events.publish(pushes);
    return grant;
  }

  /**
   * The approver reviews a break-glass grant after the fact, in whatever status it is now (active, expired, revoked),
   * once. Nothing about access changes: the grant event carries its current status and no entitlement event follows.
   */
  async review(auth: AuthContext, body: GrantReview): Promise<Grant> {
    if (!auth.roles.includes("approver")) throw new ApiFailure(403, "FORBIDDEN", "only the approver role (city coordinator) may review break-glass grants");
    const now = this.options.now();
    const { grant, pushes } = await this.store.write(async (db) => {
      // The stored record, not the view at `now`: an active grant past its end stays for the sweeper to expire.
      const stored = await this.loadStored(db, body.grantId);
      await this.requireSecondPerson(db, auth, stored, "review");
      const problem = reviewProblem(stored);
      if (problem) throw new ApiFailure(409, "CONFLICT", problem);
      const next: Grant = { ...stored, review: { by: auth.me.user.displayName, at: iso(now), note: body.note } };
      await this.save(db, next);
      const current = this.readAt(next, now);
      await logAccessAction(db, { at: now, refId: next.id, action: "grant.review", userId: auth.userId, detail: { note: body.note, status: current.status } });
      return { grant: current, pushes: await this.changed(db, current, current.status, false) };
    });
    await this.events.publish(pushes);
    return grant;
  }

  /** Records active grants past their end as expired and pushes it. Returns how many ended. */
  async expireEnded(): Promise<number> {
    const now = this.options.now();
    const due = await this.store.reader.get<{ n: number }>("SELECT COUNT(*) AS n FROM emergency_grant WHERE status = 'active' AND valid_until <= ?", [now]);
    if (!due?.n) return 0;
    const pushes = await this.store.write(async (db) => {
      const rows = await db.all<GrantRow>("SELECT record FROM emergency_grant WHERE status = 'active' AND valid_until <= ?", [now]);
      const out: Push[] = [];
      for (const row of rows) {
        const next: Grant = { ...grantFromRecord(row.record), status: "expired", extension: null };
        await this.save(db, next);
        await logAccessAction(db, { at: now, refId: next.id, action: "grant.expire", userId: "platform", detail: { validUntil: next.validUntil } });
        out.push(...(await this.changed(db, next, "expired", true)));
      }
      return out;
    });
    await this.events.publish(pushes);
    return pushes.filter((p) => p.event.type === "grant").length;
  }

  private async load(db: Database, grantId: string, now: number): Promise<Grant> {
    return this.readAt(await this.loadStored(db, grantId), now);
  }

  /** The grant as recorded (its status not yet read at any time). */
  private async loadStored(db: Database, grantId: string): Promise<Grant> {
    const row = await db.get<GrantRow>("SELECT record FROM emergency_grant WHERE id = ?", [grantId]);
    if (!row) throw new ApiFailure(404, "NOT_FOUND", `no grant ${grantId}`);
    return grantFromRecord(row.record);
  }

  /** Extend and revoke: a commander of the department that requested the grant, or an approver. */
  private async requireManager(db: Database, auth: AuthContext, grant: Grant, what: "extend" | "revoke"): Promise<void> {
    if (auth.roles.includes("approver")) return;
    const row = await db.get<{ requester_department_id: string }>("SELECT requester_department_id FROM emergency_grant WHERE id = ?", [grant.id]);
    if (auth.roles.includes("commander") && row?.requester_department_id === auth.departmentId) return;
    throw new ApiFailure(403, "FORBIDDEN", `only a commander of the requesting department or an approver may ${what} grant ${grant.id}`);
  }

  /**
   * Approvals take a second person: whoever asked for a grant or for one of its extensions never decides (approves or
   * refuses) or reviews it.
   */
  private async requireSecondPerson(db: Database, auth: AuthContext, grant: Grant, what: "decide" | "review"): Promise<void> {
    const asked = await db.get<{ action: string }>(
      "SELECT action FROM access_action WHERE ref_id = ? AND user_id = ? AND action IN ('grant.request', 'grant.extend', 'grant.extension.request') ORDER BY seq LIMIT 1",
      [grant.id, auth.userId],
    );
    if (!asked) return;
    const part = asked.action === "grant.request" ? "this grant" : "an extension of this grant";
    throw new ApiFailure(403, "SELF_APPROVAL", `you asked for ${part}; another approver must ${what} grant ${grant.id}`);
  }

  private async save(db: Database, grant: Grant): Promise<void> {
    await db.run("UPDATE emergency_grant SET status = ?, valid_until = ?, record = ? WHERE id = ?", [
      grant.status,
      grant.validUntil === null ? null : Date.parse(grant.validUntil),
      JSON.stringify(grant),
      grant.id,
    ]);
  }

  /** The pushes for a change: the grant event for all, and when the grantee's rules changed, its entitlement event. */
  private async changed(db: Database, grant: Grant, status: GrantEventStatus, rulesChanged: boolean): Promise<Push[]> {
    const pushes: Push[] = [{ audience: "*", event: { type: "grant", grantId: grant.id, status, validUntil: grant.validUntil } }];
    if (rulesChanged) {
      const revision = await bumpRevision(db, grant.departmentId);
      pushes.push({ audience: `dept:${grant.departmentId}`, event: { type: "entitlement", departmentId: grant.departmentId, revision } });
    }
    return pushes;
  }
}
