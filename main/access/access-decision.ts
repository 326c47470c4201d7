// Runs in main. Pure: may this user open this camera now, on which basis, until when — decided locally from the
// platform's entitlement rules, so the console enforces access (lock badges, stream open) even while the platform
// is unreachable. The platform stays authoritative: it decides again when it issues a play ticket.
import type { Camera, SharingClass } from "../../contract/camera.js";
import type { CameraAccess } from "../../contract/catalog-view.js";
import type { AccessBasis as PlatformBasis, EntitlementScope, Role } from "../../contract/platform-api.js";

/** An entitlement with its times already turned into wall-clock ms. */
export type AccessRule = {
  id: string;
  basis: PlatformBasis;
  scope: EntitlementScope;
  validFrom: number | null;
  validUntil: number | null;
  requiresMediaUse: boolean;
  /** Sharing classes the rule covers (null: all). */
  classes: readonly SharingClass[] | null;
  /** The application or grant behind it. */
  refId: string | null;
};

export type AccessSubject = { departmentId: string; roles: readonly Role[] };

export function scopeCovers(scope: EntitlementScope, camera: Camera): boolean {
  switch (scope.kind) {
    case "department":
      return camera.ownerDepartmentId === scope.departmentId;
    case "sharing-class":
      return camera.sharingClass === scope.sharingClass;
    case "cameras":
      return scope.cameraIds.includes(camera.id);
    case "region":
      return camera.civilCode.startsWith(scope.civilCode);
    case "domain":
      return camera.domain === scope.domain;
  }
}

/** A media user (and no other role) needs a media-use camera or a media grant; everyone else does not. */
function mediaOnly(subject: AccessSubject): boolean {
  return subject.roles.length > 0 && subject.roles.every((r) => r === "media");
}

export function decideAccess(camera: Camera, subject: AccessSubject | null, rules: readonly AccessRule[], now: number): CameraAccess {
  if (!subject) return { allowed: false, reason: "NOT_LOGGED_IN" };
  const media = mediaOnly(subject);
  let best: AccessRule | null = null;
  for (const rule of rules) {
    if (rule.validFrom !== null && now < rule.validFrom) continue;
    if (rule.validUntil !== null && now >= rule.validUntil) continue;
    if (!scopeCovers(rule.scope, camera)) continue;
    if (rule.classes !== null && !rule.classes.includes(camera.sharingClass)) continue;
    if ((rule.requiresMediaUse || media) && !camera.mediaUse && rule.basis !== "MEDIA_GRANT") continue;
    // Prefer the rule that lasts longest: a stream opened on it is cut at its end.
    if (!best || (best.validUntil !== null && (rule.validUntil === null || rule.validUntil > best.validUntil))) best = rule;
  }
  if (best) return { allowed: true, basis: best.basis, validUntil: best.validUntil, refId: best.refId };
  if (media && !camera.mediaUse) return { allowed: false, reason: "MEDIA_USE_REQUIRED" };
  return { allowed: false, reason: camera.sharingClass === "NOT_SHARED" ? "NOT_SHARED" : "NEEDS_APPLICATION" };
}
