// Runs in the renderer. 授权与审计: the panel the header button opens in the side column, beside the wall (which
// shrinks and keeps playing; nothing covers a tile). Tabs: 申请, 应急授权, 审批 (approver), 审计 (auditor, commander);
// ←/→ move between tabs; Esc (app/use-wall-keys) or × closes. Loaded on demand (AccessLayer), with everything only
// the drawer uses. Drafts, carts and lists are forgotten when the user changes (access-requests, shared/access-data).
import { useEffect, useRef, type KeyboardEvent } from "react";
import { useT } from "../state/use-t.js";
import { useConsoleStore, type AccessTab } from "../state/console-store.js";
import { useAccessFeed } from "./shared/access-data.js";
import { openAccessTab } from "./access-requests.js";
import { shownTab, visibleTabs } from "./access-tabs.js";
import { useRoles } from "./shared/use-roles.js";
import { ApplicationsTab } from "./applications/ApplicationsTab.js";
import { ApprovalsTab } from "./approvals/ApprovalsTab.js";
import { AuditTab } from "./audit/AuditTab.js";
import { GrantsTab } from "./grants/GrantsTab.js";

const TAB_LABEL: Record<AccessTab, "access.tab.applications" | "access.tab.grants" | "access.tab.approvals" | "access.tab.audit"> = {
  applications: "access.tab.applications",
  grants: "access.tab.grants",
  approvals: "access.tab.approvals",
  audit: "access.tab.audit",
};

export function AccessDrawer({ asked }: { asked: AccessTab }) {
  const t = useT();
  const roles = useRoles();
  const tabs = visibleTabs(roles);
  const tab = shownTab(asked, roles);
  const drawer = useRef<HTMLElement>(null);
  useAccessFeed();

  useEffect(() => {
    drawer.current?.focus();
  }, []);

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    e.preventDefault();
    const i = tabs.indexOf(tab);
    const next = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
    if (next) {
      openAccessTab(next);
      document.getElementById(`access-tab-${next}`)?.focus();
    }
  };

  return (
    <aside id="access-drawer" ref={drawer} className="access-drawer" data-testid="access-drawer" data-tab={tab} role="dialog" aria-modal="false" aria-label={t("access.title")} tabIndex={-1}>
      <div className="access-drawer__head">
        <h2 className="access-drawer__title">{t("access.title")}</h2>
        <div className="access-drawer__tabs" role="tablist" aria-label={t("access.title")} onKeyDown={onTabKey}>
          {tabs.map((name) => (
            <button
              key={name}
              id={`access-tab-${name}`}
              type="button"
              role="tab"
              className={`access-tab${name === tab ? " access-tab--active" : ""}`}
              data-testid={`access-tab-${name}`}
              aria-selected={name === tab}
              aria-controls="access-panel"
              tabIndex={name === tab ? 0 : -1}
              onClick={() => openAccessTab(name)}
            >
              {t(TAB_LABEL[name])}
            </button>
          ))}
        </div>
        <button type="button" className="access-drawer__close" data-testid="access-close" aria-label={t("access.close")} title={t("access.close")} onClick={() => useConsoleStore.getState().closeAccessDrawer()}>
          ×
        </button>
      </div>
      <div id="access-panel" className="access-drawer__body" role="tabpanel" aria-labelledby={`access-tab-${tab}`}>
        {tab === "applications" && <ApplicationsTab />}
        {tab === "grants" && <GrantsTab />}
        {tab === "approvals" && <ApprovalsTab />}
        {tab === "audit" && <AuditTab />}
      </div>
    </aside>
  );
}
