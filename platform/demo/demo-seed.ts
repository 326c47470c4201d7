// Runs in the platform API. Seeds an empty (or differently scaled) database with the demo catalog, departments
// and users. Reseeding starts a new catalog epoch, so consoles holding old cursors resync (410).
import { hashPassword } from "../auth/password.js";
import type { CatalogRepo } from "../catalog/catalog-repo.js";
import { setMeta, type PlatformStore } from "../store/platform-store.js";
import { buildDemoCatalog } from "./demo-catalog.js";
import { DEMO_USERS } from "./demo-users.js";

export async function seedDemo(store: PlatformStore, catalog: CatalogRepo, options: { scale: number; now: number }): Promise<boolean> {
  const wanted = String(options.scale);
  if ((await store.getMeta("demo_scale")) === wanted) return false;
  const cameras = buildDemoCatalog({ scale: options.scale, now: new Date(options.now) });
  const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
  await store.write(async (db) => {
    await catalog.seed(db, cameras);
    const departments = new Map<string, string>();
    for (const c of cameras) departments.set(c.ownerDepartment.id, c.ownerDepartment.name);
    for (const u of DEMO_USERS) departments.set(u.department.id, u.department.name);
    await db.run("INSERT OR REPLACE INTO department (id, name) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)", [
      JSON.stringify([...departments]),
    ]);
    for (const [i, u] of DEMO_USERS.entries()) {
      await db.run(
        `INSERT INTO user (id, username, display_name, department_id, roles, password_hash, demo_password) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name, department_id = excluded.department_id,
           roles = excluded.roles, password_hash = excluded.password_hash, demo_password = excluded.demo_password`,
        [u.id, u.username, u.displayName, u.department.id, JSON.stringify(u.roles), hashes[i] ?? "", u.password],
      );
    }
    await setMeta(db, "demo_scale", wanted);
  });
  return true;
}
