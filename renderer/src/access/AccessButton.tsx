// Runs in the renderer. The header's 授权与审计 button: opens the access drawer on the tab used last (one the user
// may see), or closes it. Loaded with the console; the drawer it opens is loaded on demand.
import { useT } from "../state/use-t.js";
import { useConsoleStore } from "../state/console-store.js";
import { openAccessTab, useLastAccessTab } from "./access-requests.js";
import { shownTab } from "./access-tabs.js";
import { useRoles } from "./shared/use-roles.js";

export function AccessButton() {
  const t = useT();
  const open = useConsoleStore((s) => s.accessDrawer !== null);
  const roles = useRoles();
  return (
    <button
      type="button"
      className={`btn btn--small access-toggle${open ? " btn--active" : ""}`}
      data-testid="open-access"
      aria-pressed={open}
      aria-controls="access-drawer"
      title={t("access.buttonTitle")}
      onClick={() => {
        if (open) useConsoleStore.getState().closeAccessDrawer();
        else openAccessTab(shownTab(useLastAccessTab.getState().tab, roles));
      }}
    >
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
        <path d="M6 0.8 10.5 2.6v3.2c0 2.7-1.9 4.7-4.5 5.5C3.4 10.5 1.5 8.5 1.5 5.8V2.6Z" fill="none" stroke="currentColor" strokeWidth="1.2" />
        <path d="M3.9 6.1 5.4 7.5 8.2 4.6" fill="none" stroke="currentColor" strokeWidth="1.2" />
      </svg>
      <span>{t("access.button")}</span>
    </button>
  );
}
