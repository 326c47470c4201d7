// Runs in the platform API. The one place a department's full rule set is built (standing rules, approved
// applications, active grants, with its revision): GET /entitlements answers it and play tickets decide with it.
import type { EntitlementSet, Role } from "../../contract/platform-api.js";
import type { PlatformStore } from "../store/platform-store.js";
import type { ApplicationService } from "./application-service.js";
import { readRevision } from "./department-revision.js";
import { entitlementSet } from "./entitlements.js";
import type { GrantService } from "./grant-service.js";

export type RuleSources = { store: PlatformStore; applications: ApplicationService; grants: GrantService };

export async function departmentRuleSet(sources: RuleSources, departmentId: string, roles: readonly Role[], now: number): Promise<EntitlementSet> {
  const [revision, applications, grants] = await Promise.all([
    readRevision(sources.store.reader, departmentId),
    sources.applications.activeFor(departmentId, now),
    sources.grants.activeFor(departmentId, now),
  ]);
  return entitlementSet({ departmentId, roles, revision, now, applications, grants });
}
