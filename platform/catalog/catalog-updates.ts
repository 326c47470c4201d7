// Runs in the platform API. Applies catalog mutations and pushes them: status flips as camera-status events,
// everything else as catalog events carrying the full records (or tombstones).
import type { PlatformEvent } from "../../contract/platform-api.js";
import type { EventHub } from "../events/event-hub.js";
import type { CatalogRepo, Mutation } from "./catalog-repo.js";

export async function applyCatalogMutations(catalog: CatalogRepo, events: EventHub, mutations: readonly Mutation[]): Promise<void> {
  const { applied } = await catalog.apply(mutations);
  const pushes: PlatformEvent[] = [];
  const batch: PlatformEvent & { type: "catalog" } = { type: "catalog", cursor: "", changes: [] };
  let lastSeq = 0;
  for (const a of applied) {
    if (a.statusOnly && a.change.kind === "upsert") {
      const cam = a.change.camera;
      pushes.push({ type: "camera-status", cameraId: cam.id, status: cam.status, statusChangedAt: cam.statusChangedAt, version: cam.version, cursor: await catalog.encode(a.seq) });
    } else {
      batch.changes.push(a.change);
      lastSeq = a.seq;
    }
  }
  if (batch.changes.length > 0) pushes.push({ ...batch, cursor: await catalog.encode(lastSeq) });
  await events.publish(pushes.map((event) => ({ audience: "*" as const, event })));
}
