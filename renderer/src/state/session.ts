// Runs in the renderer. Applies a session main returned or pushed: a different (or no) user drops the access state of
// the previous one and fetches this one's. (The catalog panel follows the user by itself: catalog/use-catalog-sync.)
import type { SessionState } from "../../../contract/console-api.js";
import { clearAccessState, refreshAccessState } from "./access-state.js";
import { useConsoleStore } from "./console-store.js";

export function adoptSession(session: SessionState): void {
  const store = useConsoleStore.getState();
  const before = store.session?.user?.username ?? null;
  const after = session.user?.username ?? null;
  store.setSession(session);
  if (before !== after) {
    // The grants and applications of the previous user are not this one's.
    clearAccessState();
    if (after !== null) void refreshAccessState();
  }
}
