// Runs in the renderer. React hook: the logged-in user's roles, which decide the drawer's tabs and row actions.
import type { SessionState } from "../../../../contract/console-api.js";
import { useConsoleStore } from "../../state/console-store.js";

export type Role = NonNullable<SessionState["user"]>["roles"][number];
const NO_ROLES: readonly Role[] = [];

export function useRoles(): readonly Role[] {
  return useConsoleStore((s) => s.session?.user?.roles ?? NO_ROLES);
}
