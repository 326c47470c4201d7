// Runs in the renderer. 授权与审计: the header button and the drawer it opens on the right, over the wall (which keeps
// playing underneath). Tabs: 申请, 应急授权, 审批 (approver), 审计 (auditor, commander); ←/→ move between tabs, Esc
// closes. Drafts, carts and lists are forgotten when the user changes.
import { useEffect, useRef, type KeyboardEvent } from "react";
import { useT } from "../i18n/use-t.js";
import { useConsoleStore, type AccessTab } from "../state/console-store.js";
import { resetAccessData, useAccessFeed } from "./access-data.js";
import { openAccessTab, resetAccessDrafts, useAccessDrafts } from "./access-drafts.js";
import { shownTab, visibleTabs } from "./access-tabs.js";
import { useRoles } from "./access-widgets.js";
import { ApplicationsTab } from "./ApplicationsTab.js";
import { ApprovalsTab } from "./ApprovalsTab.js";
import { AuditTab } from "./AuditTab.js";
import { GrantsTab } from "./GrantsTab.js";

const TAB_LABEL: Record<AccessTab, "access.tab.applications" | "access.tab.grants" | "access.tab.approvals" | "access.tab.audit"> = {
  applications: "access.tab.applications",
  grants: "access.tab.grants",
  approvals: "access.tab.approvals",
  audit: "access.tab.audit",
};

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
        else openAccessTab(shownTab(useAccessDrafts.getState().lastTab, roles));
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

/** Another user (or no one): drafts, carts, lists and the open drawer belong to the one before. */
function forgetAccessState(): void {
  const s = useConsoleStore.getState();
  s.closeAccessDrawer();
  s.clearCart("application");
  s.clearCart("grant");
  resetAccessDrafts();
  resetAccessData();
}

useConsoleStore.subscribe((s, prev) => {
  const user = s.session?.user?.username ?? null;
  const before = prev.session?.user?.username ?? null;
  if (user !== before && prev.session !== null) forgetAccessState();
});

/** Mounted once in the console window: the drawer while it is open. */
export function AccessLayer() {
  const tab = useConsoleStore((s) => s.accessDrawer);
  const loggedIn = useConsoleStore((s) => Boolean(s.session?.user));
  if (tab === null || !loggedIn) return null;
  return <AccessDrawer asked={tab} />;
}

function AccessDrawer({ asked }: { asked: AccessTab }) {
  const t = useT();
  const roles = useRoles();
  const tabs = visibleTabs(roles);
  const tab = shownTab(asked, roles);
  const drawer = useRef<HTMLElement>(null);
  useAccessFeed();

  useEffect(() => {
    drawer.current?.focus();
  }, []);

  useEffect(() => {
    // Esc closes the drawer before anything else (the relay panel, a maximized tile) takes it.
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== "Escape" || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      e.stopPropagation();
      useConsoleStore.getState().closeAccessDrawer();
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
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
