// Runs in the platform API. What the catalog says about an access scope: the served cameras a list names, how many
// served cameras of each sharing class a region or domain holds, and a region's name. Classified and deleted
// cameras count as absent.
import type { SharingClass } from "../../contract/camera.js";
import type { AccessScope, PlatformCamera } from "../../contract/platform-api.js";
import type { Database } from "../store/platform-database.js";
import type { CameraFact } from "./application-policy.js";

export type ClassCounts = Record<SharingClass, number>;

export async function cameraFacts(db: Database, cameraIds: readonly string[]): Promise<Map<string, CameraFact>> {
  const rows = await db.all<{ id: string; sharing_class: SharingClass; owner_department_id: string }>(
    "SELECT id, sharing_class, owner_department_id FROM camera WHERE id IN (SELECT value FROM json_each(?)) AND deleted = 0 AND secrecy = 0",
    [JSON.stringify(cameraIds)],
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, sharingClass: r.sharing_class, ownerDepartmentId: r.owner_department_id }]));
}

/** Served cameras per sharing class in a scope (a region matches by civil-code prefix, as rules do). */
export async function scopeClassCounts(db: Database, scope: AccessScope): Promise<ClassCounts> {
  const counts: ClassCounts = { UNCONDITIONAL: 0, CONDITIONAL: 0, NOT_SHARED: 0 };
  type CountRow = { sharing_class: SharingClass; n: number };
  let rows: CountRow[];
  if (scope.kind === "cameras") {
    rows = await db.all<CountRow>(
      "SELECT sharing_class, COUNT(*) AS n FROM camera WHERE id IN (SELECT value FROM json_each(?)) AND deleted = 0 AND secrecy = 0 GROUP BY sharing_class",
      [JSON.stringify(scope.cameraIds)],
    );
  } else if (scope.kind === "region") {
    rows = await db.all<CountRow>(
      "SELECT sharing_class, COUNT(*) AS n FROM camera WHERE county_code LIKE ? AND deleted = 0 AND secrecy = 0 GROUP BY sharing_class",
      [`${scope.civilCode}%`],
    );
  } else {
    rows = await db.all<CountRow>("SELECT sharing_class, COUNT(*) AS n FROM camera WHERE domain = ? AND deleted = 0 AND secrecy = 0 GROUP BY sharing_class", [scope.domain]);
  }
  for (const r of rows) counts[r.sharing_class] = r.n;
  return counts;
}

/** The name of a region (canonical civil code) as the catalog's region paths give it; null when no camera is there. */
export async function regionName(db: Database, civilCode: string): Promise<string | null> {
  const row = await db.get<{ record: string }>("SELECT record FROM camera WHERE county_code LIKE ? AND deleted = 0 AND secrecy = 0 LIMIT 1", [`${civilCode}%`]);
  if (!row) return null;
  const camera = JSON.parse(row.record) as PlatformCamera;
  return camera.regionPath.find((r) => r.code === civilCode)?.name ?? null;
}
