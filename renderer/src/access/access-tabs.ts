// Runs in the renderer (pure). Which tabs of the access drawer a user sees: applications and grants for everyone,
// approvals for the approver role (the city coordinator), audit for auditors and commanders.
import type { SessionState } from "../../../contract/console-api.js";
import type { AccessTab } from "../state/console-store.js";

type Role = NonNullable<SessionState["user"]>["roles"][number];

export const ACCESS_TABS: readonly AccessTab[] = ["applications", "grants", "approvals", "audit"];

export function visibleTabs(roles: readonly Role[]): AccessTab[] {
  return ACCESS_TABS.filter((tab) => {
    if (tab === "approvals") return roles.includes("approver");
    if (tab === "audit") return roles.includes("auditor") || roles.includes("commander");
    return true;
  });
}

/** The tab to show: the one asked for when the user may see it, else the first one they may. */
export function shownTab(asked: AccessTab, roles: readonly Role[]): AccessTab {
  const tabs = visibleTabs(roles);
  return tabs.includes(asked) ? asked : (tabs[0] ?? "applications");
}
