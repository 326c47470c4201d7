// Runs everywhere (the platform to decide, main to explain and to cut). Pure. THE access rules of DESIGN.md, written
// once: may this user use this camera now, for this purpose, on which basis, until when — decided over the
// department's entitlement rules (standing rules, approved applications, active grants) that the platform builds.
// Secrecy=1 cameras never reach here: no catalog serves them (the platform answers 404, the console never stores them).
import { z } from "zod";
import type { SharingClass, SourceDomain } from "./camera.js";
import type { Role } from "./platform-api.js";

/** Why a user may use a camera. */
export const AccessBasisSchema = z.enum(["OWN_DEPARTMENT", "UNCONDITIONAL", "APPLICATION", "GRANT", "MEDIA_GRANT"]);
export type AccessBasis = z.infer<typeof AccessBasisSchema>;

/** Why not: the one set of refusal codes (the platform's 403 `reason`, the console's lock badge). */
export const AccessRefusalSchema = z.enum([
  "NEEDS_APPLICATION", // CONDITIONAL: the department must apply (有条件共享)
  "NOT_SHARED", // NOT_SHARED: only a special time-limited authorization opens it (不予共享)
  "MEDIA_USE_REQUIRED", // media use: the camera is not cleared for media and no media grant covers it
]);
export type AccessRefusal = z.infer<typeof AccessRefusalSchema>;

/**
 * What the camera is used for. `live`: a wall tile. `program`: the media program output (public dissemination),
 * which needs a camera cleared for media use or a media grant, whoever asks.
 */
export const AccessPurposeSchema = z.enum(["live", "program"]);
export type AccessPurpose = z.infer<typeof AccessPurposeSchema>;

/** Where an entitlement applies (the platform API's EntitlementScope). */
export type AccessRuleScope =
  | { kind: "department"; departmentId: string }
  | { kind: "sharing-class"; sharingClass: SharingClass }
  | { kind: "cameras"; cameraIds: readonly string[] }
  | { kind: "region"; civilCode: string }
  | { kind: "domain"; domain: SourceDomain };

/** An entitlement with its times as ms since the epoch. */
export type AccessRule = {
  id: string;
  basis: AccessBasis;
  scope: AccessRuleScope;
  validFrom: number | null;
  /** null: no end. A stream opened under this rule is cut here. */
  validUntil: number | null;
  requiresMediaUse: boolean;
  /** Sharing classes the rule covers (null: all). */
  classes: readonly SharingClass[] | null;
  /** The application or grant behind it (null for standing rules). */
  refId: string | null;
};

/** The wire form of an entitlement (ISO times), as GET /entitlements answers it. */
export type EntitlementWire = Omit<AccessRule, "validFrom" | "validUntil"> & { validFrom: string | null; validUntil: string | null };

/** The one conversion from the wire form, used by both the platform and the console. */
export function accessRulesOf(entitlements: readonly EntitlementWire[]): AccessRule[] {
  return entitlements.map((e) => ({
    id: e.id,
    basis: e.basis,
    scope: e.scope,
    validFrom: e.validFrom === null ? null : Date.parse(e.validFrom),
    validUntil: e.validUntil === null ? null : Date.parse(e.validUntil),
    requiresMediaUse: e.requiresMediaUse,
    classes: e.classes,
    refId: e.refId,
  }));
}

/** The camera facts the rules look at. */
export type AccessCamera = {
  id: string;
  /** The camera's civil code (6 digits on the console, up to 8 on the platform). */
  civilCode: string;
  /** Civil codes of its region path (province → county), for region scopes that are not a prefix (新蒲新区 520390). */
  regionCodes: readonly string[];
  domain: SourceDomain;
  ownerDepartmentId: string;
  sharingClass: SharingClass;
  mediaUse: boolean;
};

export type AccessSubject = { departmentId: string; roles: readonly Role[] };

export type AccessDecision =
  | { allowed: true; basis: AccessBasis; validUntil: number | null; refId: string | null; ruleId: string }
  | { allowed: false; reason: AccessRefusal };

export function scopeCovers(scope: AccessRuleScope, camera: AccessCamera): boolean {
  switch (scope.kind) {
    case "department":
      return camera.ownerDepartmentId === scope.departmentId;
    case "sharing-class":
      return camera.sharingClass === scope.sharingClass;
    case "cameras":
      return scope.cameraIds.includes(camera.id);
    case "region":
      return camera.civilCode.startsWith(scope.civilCode) || camera.regionCodes.includes(scope.civilCode);
    case "domain":
      return camera.domain === scope.domain;
  }
}

/** A media user (and no other role): every basis but a media grant needs a camera cleared for media use. */
export function isMediaOnly(roles: readonly Role[]): boolean {
  return roles.length > 0 && roles.every((r) => r === "media");
}

/** Whether a rule that covers the camera also clears it for this user and purpose (the media-use rule). */
function clearsMediaUse(rule: AccessRule, camera: AccessCamera, subject: AccessSubject, purpose: AccessPurpose): boolean {
  if (camera.mediaUse || rule.basis === "MEDIA_GRANT") return true;
  return !(rule.requiresMediaUse || isMediaOnly(subject.roles) || purpose === "program");
}

const endOf = (rule: AccessRule): number => rule.validUntil ?? Number.POSITIVE_INFINITY;

export function decideCameraAccess(input: {
  rules: readonly AccessRule[];
  camera: AccessCamera;
  subject: AccessSubject;
  purpose: AccessPurpose;
  now: number;
}): AccessDecision {
  const { rules, camera, subject, purpose, now } = input;
  let best: AccessRule | null = null;
  let mediaBlocked = false;
  for (const rule of rules) {
    if (rule.validFrom !== null && now < rule.validFrom) continue;
    if (endOf(rule) <= now) continue;
    if (!scopeCovers(rule.scope, camera)) continue;
    if (rule.classes !== null && !rule.classes.includes(camera.sharingClass)) continue;
    if (!clearsMediaUse(rule, camera, subject, purpose)) {
      mediaBlocked = true;
      continue;
    }
    // The rule that lasts longest wins: a stream opened under it is cut last.
    if (!best || endOf(rule) > endOf(best)) best = rule;
  }
  if (best) return { allowed: true, basis: best.basis, validUntil: best.validUntil, refId: best.refId, ruleId: best.id };
  // A media user looking at a camera not cleared for media: only a media grant would open it, whatever its class.
  if (mediaBlocked || (!camera.mediaUse && isMediaOnly(subject.roles))) return { allowed: false, reason: "MEDIA_USE_REQUIRED" };
  return { allowed: false, reason: camera.sharingClass === "NOT_SHARED" ? "NOT_SHARED" : "NEEDS_APPLICATION" };
}
