// Runs in the platform (pure). May this department view this camera now, on which basis, until when?
// Secrecy=1 cameras never reach here: the catalog does not serve them. A rule matches a camera when the camera is in
// its scope, of one of its sharing classes (null: any), and the time is inside its validity.
import type { AccessBasis, Entitlement, PlatformCamera, RefusalReason } from "../../contract/platform-api.js";

export type ViewDecision = { allowed: true; basis: AccessBasis; validUntil: number | null; ruleId: string } | { allowed: false; reason: RefusalReason };

type CameraFacts = Pick<PlatformCamera, "id" | "civilCode" | "domain" | "ownerDepartment" | "sharingClass" | "mediaUse" | "regionPath">;

function inScope(rule: Entitlement, camera: CameraFacts): boolean {
  const scope = rule.scope;
  switch (scope.kind) {
    case "department":
      return camera.ownerDepartment.id === scope.departmentId;
    case "sharing-class":
      return camera.sharingClass === scope.sharingClass;
    case "cameras":
      return scope.cameraIds.includes(camera.id);
    case "region":
      return camera.civilCode.startsWith(scope.civilCode) || camera.regionPath.some((r) => r.code === scope.civilCode);
    case "domain":
      return camera.domain === scope.domain;
  }
}

const endOf = (rule: Entitlement): number => (rule.validUntil === null ? Number.POSITIVE_INFINITY : Date.parse(rule.validUntil));

export function decideView(rules: readonly Entitlement[], camera: CameraFacts, now: number): ViewDecision {
  let mediaBlocked = false;
  let best: Entitlement | null = null;
  for (const rule of rules) {
    if (!inScope(rule, camera)) continue;
    if (rule.classes !== null && !rule.classes.includes(camera.sharingClass)) continue;
    if (rule.validFrom !== null && Date.parse(rule.validFrom) > now) continue;
    if (endOf(rule) <= now) continue;
    if (rule.requiresMediaUse && !camera.mediaUse) {
      mediaBlocked = true;
      continue;
    }
    // The rule that lasts longest wins: a stream opened under it is cut last.
    if (!best || endOf(rule) > endOf(best)) best = rule;
  }
  if (best) return { allowed: true, basis: best.basis, validUntil: best.validUntil === null ? null : Date.parse(best.validUntil), ruleId: best.id };
  if (mediaBlocked) return { allowed: false, reason: "MEDIA_USE_REQUIRED" };
  if (camera.sharingClass === "NOT_SHARED") return { allowed: false, reason: "NOT_SHARED" };
  return { allowed: false, reason: "CONDITIONAL_NEEDS_APPLICATION" };
}
