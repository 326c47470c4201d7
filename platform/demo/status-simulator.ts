// Runs in the platform API (demo only). Cameras drop off and come back now and then, as real ones do, so consoles
// see live camera-status pushes and online rates move. The showcase cameras stay online (demos rely on them).
import type { CatalogRepo } from "../catalog/catalog-repo.js";
import { applyCatalogMutations } from "../catalog/catalog-updates.js";
import type { EventHub } from "../events/event-hub.js";
import type { PlatformStore } from "../store/platform-store.js";
import { SHOWCASE_CAMERA_IDS } from "./demo-catalog.js";

export function startStatusSimulator(deps: { store: PlatformStore; catalog: CatalogRepo; events: EventHub; intervalMs: number; onError: (err: unknown) => void }): () => void {
  const tick = async (): Promise<void> => {
    const rows = await deps.store.reader.all<{ id: string; status: string }>(
      "SELECT id, status FROM camera WHERE deleted = 0 AND secrecy = 0 AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY random() LIMIT 2",
      [JSON.stringify(SHOWCASE_CAMERA_IDS)],
    );
    await applyCatalogMutations(
      deps.catalog,
      deps.events,
      rows.map((r) => ({ kind: "status" as const, id: r.id, status: r.status === "ONLINE" ? ("OFFLINE" as const) : ("ONLINE" as const) })),
    );
  };
  const timer = setInterval(() => void tick().catch(deps.onError), deps.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
