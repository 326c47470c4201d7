// Runs in the renderer. Keeps the catalog panel's data (tree, open leaves, search) in step with main, following the
// store that state/use-console-sync keeps: another (or no) user forgets what was shown and loads the new user's tree;
// a bootstrap after a reconnect (same user) and main's catalogChanged refetch what is shown, in place. Mounted once
// by the console window; the program output page has no panel and never loads this.
import { useEffect } from "react";
import { consoleApi } from "../state/console-link.js";
import { useConsoleStore, type ConsoleState } from "../state/console-store.js";
import { refreshShown, reloadTree, resetCatalog } from "./catalog-store.js";

const userOf = (s: Pick<ConsoleState, "session">): string | null => s.session?.user?.username ?? null;

export function useCatalogSync(): void {
  useEffect(() => {
    let user = userOf(useConsoleStore.getState());
    if (user !== null) void reloadTree();
    const offStore = useConsoleStore.subscribe((s, prev) => {
      const next = userOf(s);
      if (next !== user) {
        user = next;
        resetCatalog();
        if (next !== null) void reloadTree();
      } else if (next !== null && s.boot !== prev.boot && s.boot.status === "ready") {
        // Bootstrapped again after the link came back: the catalog may have changed while it was down.
        refreshShown();
      }
    });
    const offChanged = consoleApi().on("catalogChanged", () => {
      if (user !== null) refreshShown();
    });
    return () => {
      offStore();
      offChanged();
    };
  }, []);
}
