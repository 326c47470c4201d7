// Runs in the renderer. Keeps the store a mirror of main: bootstrap on every (re)connect, then events. The catalog
// panel's data (tree, open leaves, search) and the wall's camera records are refetched when main says they changed.
import { useEffect } from "react";
import { apiErrorCode } from "../../../contract/console-client.js";
import { consoleLink } from "../bridge/console-api.js";
import { refreshShown, reloadTree, resetCatalog } from "../catalog/catalog-store.js";
import { applyAccessState, clearAccessState, refreshAccessState } from "../state/access-state.js";
import { adoptSession } from "../state/session.js";
import { refreshCameras } from "../state/camera-cache.js";
import { useConsoleStore } from "../state/console-store.js";

function wallCameraIds(): (string | null)[] {
  return useConsoleStore.getState().wall?.tiles ?? [];
}

/** `catalog: false` (the program output page): keep wall, session and access in step, but no catalog panel data. */
export function useConsoleSync(options: { catalog?: boolean } = {}): void {
  const catalog = options.catalog ?? true;
  useEffect(() => {
    const { api, connection } = consoleLink();
    const store = useConsoleStore.getState;
    const offs = [
      api.on("wallChanged", (wall) => store().applyWall(wall)),
      api.on("relayStatus", (relay) => store().setRelay(relay)),
      api.on("localeChanged", (locale) => store().setLocale(locale)),
      api.on("sessionChanged", (session) => adoptSession(session, { catalog })),
      api.on("platformStatus", (platform) => store().setPlatform(platform)),
      api.on("catalogChanged", ({ revision }) => {
        store().setCatalogRevision(revision);
        if (catalog && store().session?.user) refreshShown();
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
      const reconnect = lastGeneration !== -1;
      lastGeneration = c.generation;
      void (async () => {
        try {
          const boot = await api.getBootstrap({});
          const hadUser = store().session?.user?.username ?? null;
          store().applyBootstrap(boot);
          // applyBootstrap took the session as is; compare users ourselves.
          const user = boot.session.user?.username ?? null;
          if (catalog) {
            if (hadUser !== user) resetCatalog();
            if (user !== null) {
              if (reconnect && hadUser === user) refreshShown();
              else void reloadTree();
            }
          }
          if (user !== null) void refreshAccessState();
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
  }, [catalog]);
}
