// Runs in the platform. Which cameras a department may view, as rules with a basis and an end: the standing rules
// (own department, unconditional sharing) and the rules approved applications and active grants add (pure: the
// records come from the caller).
import type { AccessScope, Application, Entitlement, EntitlementSet, Grant, Role } from "../../contract/platform-api.js";
import { isMediaOnly } from "../../contract/access-evaluator.js";
import { grantClasses } from "./grant-policy.js";

export function standingRules(departmentId: string, roles: readonly Role[]): Entitlement[] {
  // Media staff may only use cameras flagged for media use (or a media grant, which carries no such limit).
  const requiresMediaUse = isMediaOnly(roles);
  return [
    { id: `own:${departmentId}`, basis: "OWN_DEPARTMENT", scope: { kind: "department", departmentId }, validFrom: null, validUntil: null, requiresMediaUse, refId: null, classes: null },
    { id: "unconditional", basis: "UNCONDITIONAL", scope: { kind: "sharing-class", sharingClass: "UNCONDITIONAL" }, validFrom: null, validUntil: null, requiresMediaUse, refId: null, classes: null },
  ];
}

/** The rule an approved (or partially approved) application adds: its approved scope, CONDITIONAL cameras only. */
export function applicationRule(app: Application, roles: readonly Role[]): Entitlement | null {
  const d = app.decision;
  if ((app.status !== "approved" && app.status !== "partially-approved") || !d?.approvedScope) return null;
  return {
    id: `application:${app.id}`,
    basis: "APPLICATION",
    scope: d.approvedScope,
    validFrom: d.at,
    validUntil: d.validUntil,
    requiresMediaUse: isMediaOnly(roles),
    refId: app.id,
    classes: ["CONDITIONAL"],
  };
}

/** The rule an active grant adds. A media grant carries no media-use limit; a special authorization opens all classes. */
export function grantRule(grant: Grant, roles: readonly Role[]): Entitlement | null {
  if (grant.status !== "active" || grant.validFrom === null || grant.validUntil === null) return null;
  return {
    id: `grant:${grant.id}`,
    basis: grant.basis,
    scope: grant.scope satisfies AccessScope,
    validFrom: grant.validFrom,
    validUntil: grant.validUntil,
    requiresMediaUse: grant.basis === "MEDIA_GRANT" ? false : isMediaOnly(roles),
    refId: grant.id,
    classes: grantClasses(grant.kind),
  };
}

/** Standing rules plus the given applications' and grants' rules that have not ended at `now`. */
export function entitlementSet(input: {
  departmentId: string;
  roles: readonly Role[];
  revision: number;
  now: number;
  applications: readonly Application[];
  grants: readonly Grant[];
}): EntitlementSet {
  const live = (rule: Entitlement | null): rule is Entitlement => rule !== null && (rule.validUntil === null || Date.parse(rule.validUntil) > input.now);
  const rules = [
    ...standingRules(input.departmentId, input.roles),
    ...input.applications.map((a) => applicationRule(a, input.roles)).filter(live),
    ...input.grants.map((g) => grantRule(g, input.roles)).filter(live),
  ];
  return { departmentId: input.departmentId, revision: input.revision, entitlements: rules, generatedAt: new Date(input.now).toISOString() };
}
