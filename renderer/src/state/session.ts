// Runs in the renderer. Applies a session main returned or pushed: a different (or no) user drops what the catalog
// panel showed for the previous one and loads the tree for the new one.
import type { SessionState } from "../../../contract/console-api.js";
import { reloadTree, resetCatalog } from "../catalog/catalog-store.js";
import { clearAccessState, refreshAccessState } from "./access-state.js";
import { useConsoleStore } from "./console-store.js";

/** `catalog: false` (the program output page) leaves the catalog panel's data alone. */
export function adoptSession(session: SessionState, options: { catalog?: boolean } = {}): void {
  const store = useConsoleStore.getState();
  const before = store.session?.user?.username ?? null;
  const after = session.user?.username ?? null;
  store.setSession(session);
  if (before !== after) {
    if (options.catalog ?? true) {
      resetCatalog();
      if (after !== null) void reloadTree();
    }
    // The grants and applications of the previous user are not this one's.
    clearAccessState();
    if (after !== null) void refreshAccessState();
  }
}
