// Runs in the renderer. Keeps the store a mirror of main: bootstrap on every (re)connect, then events. The wall's
// camera records are refetched when main says the catalog changed; the catalog panel follows the store on its own
// (catalog/use-catalog-sync), so the program output page, which has no panel, never loads catalog code.
import { useEffect } from "react";
import { apiErrorCode } from "../../../contract/console-client.js";
import { consoleApi, consoleConnection } from "./console-link.js";
import { applyAccessState, clearAccessState, refreshAccessState } from "./access-state.js";
import { adoptSession } from "./session.js";
import { refreshCameras } from "./camera-cache.js";
import { useConsoleStore } from "./console-store.js";

function wallCameraIds(): (string | null)[] {
  return useConsoleStore.getState().wall?.tiles ?? [];
}

export function useConsoleSync(): void {
  useEffect(() => {
    const api = consoleApi();
    const connection = consoleConnection();
    const store = useConsoleStore.getState;
    const offs = [
      api.on("wallChanged", (wall) => store().applyWall(wall)),
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
  }, []);
}
