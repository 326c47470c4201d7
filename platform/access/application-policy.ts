// Runs in the platform (pure). The rules of conditional-share applications (有条件共享): which cameras may be asked
// for, when the answer is due and overdue, and what an approval (all or part) grants.
import type { SharingClass } from "../../contract/camera.js";
import type { AccessScope, ApplicationStatus } from "../../contract/platform-api.js";
import { listIds } from "./access-scope.js";

const DAY_MS = 86_400_000;
/** China Standard Time has been UTC+8 all year since 1991 (no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The calendar date in Asia/Shanghai at `ms` (YYYY-MM-DD). */
export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Unanswered after its due date (the due day itself is still in time). */
export function isOverdue(status: ApplicationStatus, due: string, now: number): boolean {
  return status === "submitted" && shanghaiDate(now) > due;
}

export type CameraFact = { id: string; sharingClass: SharingClass; ownerDepartmentId: string };

/**
 * Why some of the cameras asked for cannot be applied for (null: all fine). Only CONDITIONAL cameras of other
 * departments need an application; unknown and classified cameras read alike ("not found").
 */
export function applicationCamerasProblem(cameraIds: readonly string[], facts: ReadonlyMap<string, CameraFact>, departmentId: string): string | null {
  const missing: string[] = [];
  const unconditional: string[] = [];
  const notShared: string[] = [];
  const own: string[] = [];
  for (const id of cameraIds) {
    const fact = facts.get(id);
    if (!fact) missing.push(id);
    else if (fact.ownerDepartmentId === departmentId) own.push(id);
    else if (fact.sharingClass === "UNCONDITIONAL") unconditional.push(id);
    else if (fact.sharingClass === "NOT_SHARED") notShared.push(id);
  }
  const parts = [
    missing.length ? `cameras not found: ${listIds(missing)}` : "",
    own.length ? `your department's own cameras need no application: ${listIds(own)}` : "",
    unconditional.length ? `unconditionally shared cameras need no application: ${listIds(unconditional)}` : "",
    notShared.length ? `cameras not shared (不予共享) open only under an emergency special authorization: ${listIds(notShared)}` : "",
  ].filter(Boolean);
  return parts.length ? `body.scope.cameraIds: ${parts.join("; ")}` : null;
}

export type Approval = { ok: true; scope: AccessScope; partial: boolean } | { ok: false; message: string };

/** What approving `cameraIds` (all when absent) of the requested scope grants. */
export function approvedScope(requested: AccessScope, cameraIds: readonly string[] | undefined): Approval {
  if (cameraIds === undefined) return { ok: true, scope: requested, partial: false };
  if (requested.kind !== "cameras") {
    return { ok: false, message: `body.cameraIds: a ${requested.kind} application is approved or rejected as a whole; partial approval needs a camera list` };
  }
  const asked = new Set(requested.cameraIds);
  const chosen = [...new Set(cameraIds)];
  const foreign = chosen.filter((id) => !asked.has(id));
  if (foreign.length) return { ok: false, message: `body.cameraIds: not part of this application: ${listIds(foreign)}` };
  return { ok: true, scope: { kind: "cameras", cameraIds: chosen }, partial: chosen.length < asked.size };
}

/** An approval's end: `validDays` whole days from the decision. */
export function approvalEnd(decidedAt: number, validDays: number): number {
  return decidedAt + validDays * DAY_MS;
}
