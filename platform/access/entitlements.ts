// Runs in the platform. Which cameras a department may view, as rules with a basis and an end (issue 4: the
// standing rules — own department, unconditional sharing; applications and grants add rules later).
import type { Entitlement, EntitlementSet, Role } from "../../contract/platform-api.js";

export function isMediaOnly(roles: readonly Role[]): boolean {
  return roles.length > 0 && roles.every((r) => r === "media");
}

export function standingEntitlements(departmentId: string, roles: readonly Role[], revision: number, now: number): EntitlementSet {
  // Media staff may only use cameras flagged for media use (or a media grant, which carries no such limit).
  const requiresMediaUse = isMediaOnly(roles);
  const rules: Entitlement[] = [
    { id: `own:${departmentId}`, basis: "OWN_DEPARTMENT", scope: { kind: "department", departmentId }, validFrom: null, validUntil: null, requiresMediaUse, refId: null },
    { id: "unconditional", basis: "UNCONDITIONAL", scope: { kind: "sharing-class", sharingClass: "UNCONDITIONAL" }, validFrom: null, validUntil: null, requiresMediaUse, refId: null },
  ];
  return { departmentId, revision, entitlements: rules, generatedAt: new Date(now).toISOString() };
}
