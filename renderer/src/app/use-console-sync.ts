// Runs in the renderer. Keeps the store a mirror of main: bootstrap + catalog on every (re)connect, then events.
import { useEffect } from "react";
import { apiErrorCode } from "../../../contract/console-client.js";
import { consoleLink } from "../bridge/console-api.js";
import { useConsoleStore } from "../state/console-store.js";

export function useConsoleSync(): void {
  useEffect(() => {
    const { api, connection } = consoleLink();
    const store = useConsoleStore.getState;
    const offs = [
      api.on("wallChanged", (wall) => store().applyWall(wall)),
      api.on("relayStatus", (relay) => store().setRelay(relay)),
      api.on("localeChanged", (locale) => store().setLocale(locale)),
    ];

    let lastGeneration = -1;
    const onConnection = () => {
      const c = connection.current();
      store().setConnection(c);
      if (c.status !== "open" || c.generation === lastGeneration) return;
      lastGeneration = c.generation;
      void (async () => {
        try {
          store().applyBootstrap(await api.getBootstrap({}));
        } catch (err) {
          const code = apiErrorCode(err);
          if (store().boot.status !== "ready") store().bootFailed(code, err instanceof Error ? err.message : String(err));
          return;
        }
        await loadCatalog();
      })();
    };
    offs.push(connection.subscribe(onConnection));
    onConnection();
    return () => offs.forEach((off) => off());
  }, []);
}

export async function loadCatalog(): Promise<void> {
  const store = useConsoleStore.getState;
  if (store().cameraList.length === 0) store().setCatalogLoad({ status: "loading" });
  try {
    store().setCameras(await consoleLink().api.listCameras({}));
  } catch (err) {
    const code = apiErrorCode(err);
    // Keep showing a catalog we already have; only an empty one turns into an error.
    if (store().cameraList.length === 0) store().setCatalogLoad({ status: "failed", code });
  }
}
