// Runs in the renderer. Keeps the store a mirror of main: bootstrap on every (re)connect, then events. The wall's
// camera records are refetched when main says the catalog changed; the catalog panel follows the store on its own
// (catalog/use-catalog-sync), so the program output page, which has no panel, never loads catalog code.
// A page bound to wall window N (`?wall=N`) fetches that wall after each bootstrap (which carries wall 1); when the
// wall is gone (UNKNOWN_WALL, or removed while the page is open) the page shows wall 1 and says so.
import { useEffect } from "react";
import type { ConsoleApi } from "../../../contract/console-api.js";
import { apiErrorCode } from "../../../contract/console-client.js";
import type { WallId } from "../../../contract/wall.js";
import { consoleApi, consoleConnection } from "./console-link.js";
import { applyAccessState, clearAccessState, refreshAccessState } from "./access-state.js";
import { adoptSession } from "./session.js";
import { refreshCameras } from "./camera-cache.js";
import { useConsoleStore } from "./console-store.js";

function wallCameraIds(): (string | null)[] {
  const wall = useConsoleStore.getState().wall;
  return wall ? [...wall.tiles, ...wall.parked] : [];
}

/** This page's wall gone: wall 1 instead, the address no longer names the old one (a reload shows wall 1 plainly). */
async function fallBackToWallOne(api: ConsoleApi, gone: WallId): Promise<void> {
  const store = useConsoleStore.getState;
  store().wallIsGone(gone);
  const q = new URLSearchParams(window.location.search);
  if (q.has("wall")) {
    q.delete("wall");
    const rest = q.toString();
    window.history.replaceState(null, "", `${window.location.pathname}${rest ? `?${rest}` : ""}`);
  }
  store().applyWall(await api.getWall({ wall: 1 }), true);
}

/** The wall this page shows, fresh from main (wall 1 came with the bootstrap). */
async function loadBoundWall(api: ConsoleApi): Promise<void> {
  const store = useConsoleStore.getState;
  const id = store().wallId;
  if (id === 1) return;
  try {
    store().applyWall(await api.getWall({ wall: id }), true);
  } catch (err) {
    if (apiErrorCode(err) !== "UNKNOWN_WALL") throw err;
    await fallBackToWallOne(api, id);
  }
}

/** Keeps the store a mirror of main for the page bound to `wall` (default: wall 1). */
export function useConsoleSync(wall: WallId = 1): void {
  useEffect(() => {
    const api = consoleApi();
    const connection = consoleConnection();
    const store = useConsoleStore.getState;
    store().bindWall(wall);
    const offs = [
      api.on("wallChanged", (state) => store().applyWall(state)),
      api.on("wallsChanged", ({ walls }) => {
        store().setWalls(walls);
        const id = store().wallId;
        if (!walls.includes(id)) void fallBackToWallOne(api, id).catch(() => {});
      }),
      api.on("relayStatus", (relay) => store().setRelay(relay)),
      api.on("localeChanged", (locale) => store().setLocale(locale)),
      api.on("sessionChanged", (session) => adoptSession(session)),
      api.on("platformStatus", (platform) => store().setPlatform(platform)),
      api.on("catalogChanged", ({ revision }) => {
        store().setCatalogRevision(revision);
        refreshCameras(wallCameraIds);
      }),
      api.on("accessState", (state) => applyAccessState(state)),
      api.on("grantWarning", ({ refId, minutesLeft, validUntil }) => store().pushNotice({ kind: "grantWarning", refId, minutesLeft, validUntil })),
    ];

    let lastGeneration = -1;
    const onConnection = () => {
      const c = connection.current();
      store().setConnection(c);
      if (c.status !== "open" || c.generation === lastGeneration) return;
      lastGeneration = c.generation;
      void (async () => {
        try {
          const boot = await api.getBootstrap({});
          store().applyBootstrap(boot);
          await loadBoundWall(api);
          if (boot.session.user !== null) void refreshAccessState();
          else clearAccessState();
          refreshCameras(wallCameraIds);
        } catch (err) {
          const code = apiErrorCode(err);
          if (store().boot.status !== "ready") store().bootFailed(code, err instanceof Error ? err.message : String(err));
        }
      })();
    };
    offs.push(connection.subscribe(onConnection));
    onConnection();
    return () => offs.forEach((off) => off());
  }, [wall]);
}
