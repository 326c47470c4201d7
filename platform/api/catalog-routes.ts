// Runs in the platform API. Catalog snapshot, change feed, entitlements, health summary.
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, type HealthSummary } from "../../contract/platform-api.js";
import { departmentRuleSet } from "../access/rule-set.js";
import type { PlatformServices } from "./platform-services.js";
import type { RouteHandlers } from "./route-binding.js";

/** Sizes above the cap are served at the cap (the answer says which size it used). */
const capped = (n: number | undefined): number => Math.min(n ?? PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX);

type GroupRow = { key: string; name: string; total: number; online: number };

async function groups(s: PlatformServices, keyCol: string, nameCol: string): Promise<HealthSummary["byDomain"]> {
  const rows = await s.store.reader.all<GroupRow>(
    `SELECT ${keyCol} AS key, ${nameCol} AS name, COUNT(*) AS total, SUM(status = 'ONLINE') AS online
     FROM camera WHERE deleted = 0 AND secrecy = 0 GROUP BY ${keyCol} ORDER BY ${keyCol}`,
  );
  return rows.map((r) => ({ key: r.key, name: r.name, total: r.total, online: r.online, onlineRate: r.total ? r.online / r.total : 0 }));
}

export function catalogHandlers(s: PlatformServices): Pick<RouteHandlers, "snapshot" | "changes" | "entitlements" | "healthSummary"> {
  return {
    snapshot: async ({ query }) => s.catalog.snapshot(capped(query.pageSize), query.pageToken),
    changes: async ({ query }) => s.catalog.changes(query.cursor, capped(query.limit)),
    entitlements: async ({ auth }) => departmentRuleSet(s, auth.departmentId, auth.roles, s.now()),
    healthSummary: async () => {
      const [byDepartment, byDomain, byRegion] = await Promise.all([
        groups(s, "owner_department_id", "owner_department_name"),
        groups(s, "domain", "domain"),
        groups(s, "county_code", "county_name"),
      ]);
      const total = byDomain.reduce((a, g) => a + g.total, 0);
      const online = byDomain.reduce((a, g) => a + g.online, 0);
      return { generatedAt: new Date(s.now()).toISOString(), total, online, onlineRate: total ? online / total : 0, byDepartment, byDomain, byRegion };
    },
  };
}
