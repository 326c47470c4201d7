// Runs in the renderer. Camera records the wall needs (tile names, regions) fetched one by one with getCamera and
// kept per id: the renderer never holds the whole catalog. Refreshed for the cameras on the wall when the catalog changes.
import { useEffect } from "react";
import { create } from "zustand";
import type { CameraView } from "../../../contract/catalog-view.js";
import { apiErrorCode } from "../../../contract/console-client.js";
import { consoleApi } from "./console-link.js";

type Entry = { status: "loading" } | { status: "ready"; camera: CameraView } | { status: "missing" };

type CameraCache = {
  entries: ReadonlyMap<string, Entry>;
  put(id: string, entry: Entry): void;
};

export const useCameraCache = create<CameraCache>()((set, get) => ({
  entries: new Map(),
  put: (id, entry) => {
    const next = new Map(get().entries);
    next.set(id, entry);
    set({ entries: next });
  },
}));

const inFlight = new Set<string>();

/** Fetches (or refetches) one camera into the cache. */
export async function fetchCamera(id: string): Promise<void> {
  if (inFlight.has(id)) return;
  inFlight.add(id);
  const cache = useCameraCache.getState;
  if (!cache().entries.has(id)) cache().put(id, { status: "loading" });
  try {
    cache().put(id, { status: "ready", camera: await consoleApi().getCamera({ cameraId: id }) });
  } catch (err) {
    const code = apiErrorCode(err);
    // A camera gone from the catalog says so; any other failure keeps what we had and is tried again later.
    if (code === "UNKNOWN_CAMERA") cache().put(id, { status: "missing" });
    else if (cache().entries.get(id)?.status === "loading") {
      const next = new Map(cache().entries);
      next.delete(id);
      useCameraCache.setState({ entries: next });
    }
  } finally {
    inFlight.delete(id);
  }
}

const REFRESH_MIN_MS = 1000;
let refreshTimer: ReturnType<typeof setTimeout> | null = null;
let lastRefreshAt = 0;

/**
 * Refetches the cameras `ids()` names (the ones on the wall) after a catalog change or a reconnect; bursts of
 * changes (cameras flapping every 100 ms) coalesce into at most one round a second.
 */
export function refreshCameras(ids: () => Iterable<string | null>): void {
  if (refreshTimer !== null) return;
  refreshTimer = setTimeout(
    () => {
      refreshTimer = null;
      lastRefreshAt = Date.now();
      for (const id of new Set(ids())) if (id) void fetchCamera(id);
    },
    Math.max(0, lastRefreshAt + REFRESH_MIN_MS - Date.now()),
  );
}

/** The camera for a tile: cached, fetched on first use. Undefined while loading or when unknown. */
export function useCameraView(id: string | null): CameraView | undefined {
  const entry = useCameraCache((s) => (id ? s.entries.get(id) : undefined));
  useEffect(() => {
    if (id && !useCameraCache.getState().entries.has(id)) void fetchCamera(id);
  }, [id]);
  return entry?.status === "ready" ? entry.camera : undefined;
}
