// Runs in the renderer. Applies a session main returned or pushed: a different (or no) user drops what the catalog
// panel showed for the previous one and loads the tree for the new one.
import type { SessionState } from "../../../contract/console-api.js";
import { reloadTree, resetCatalog } from "../catalog/catalog-store.js";
import { useConsoleStore } from "./console-store.js";

export function adoptSession(session: SessionState): void {
  const store = useConsoleStore.getState();
  const before = store.session?.user?.username ?? null;
  const after = session.user?.username ?? null;
  store.setSession(session);
  if (before !== after) {
    resetCatalog();
    if (after !== null) void reloadTree();
  }
}
