// Runs in the renderer. What the user typed into the access drawer's forms, kept outside the components so that
// closing the drawer (Esc), switching tabs or a failed submit never loses it; plus which forms are open, the last
// tab and the audit filters. Cleared when another user logs in.
import { create } from "zustand";
import { useConsoleStore, type AccessTab } from "../state/console-store.js";
import type { ScopePick } from "./access-scope.js";
import { emptyApplicationDraft, type ApplicationDraft } from "./application-form.js";
import { EMPTY_AUDIT_FILTER, type AuditFilter } from "./audit-query.js";
import { emptyGrantDraft, type GrantDraft } from "./grant-form.js";

export type AccessDrafts = {
  /** Null until the form is first shown (it starts from the user's department then). */
  application: ApplicationDraft | null;
  grant: GrantDraft | null;
  applicationFormOpen: boolean;
  grantFormOpen: boolean;
  lastTab: AccessTab;
  auditFilter: AuditFilter;
  auditOffset: number;
};

const initial = (): AccessDrafts => ({
  application: null,
  grant: null,
  applicationFormOpen: false,
  grantFormOpen: false,
  lastTab: "applications",
  auditFilter: EMPTY_AUDIT_FILTER,
  auditOffset: 0,
});

export const useAccessDrafts = create<AccessDrafts>()(initial);

export function resetAccessDrafts(): void {
  useAccessDrafts.setState(initial());
}

function department(): string {
  return useConsoleStore.getState().session?.user?.department ?? "";
}

export function updateApplicationDraft(patch: Partial<ApplicationDraft>): void {
  const s = useAccessDrafts.getState();
  const base = s.application ?? emptyApplicationDraft(department(), useConsoleStore.getState().applicationCart);
  useAccessDrafts.setState({ application: { ...base, ...patch } });
}

export function updateGrantDraft(patch: Partial<GrantDraft>): void {
  const s = useAccessDrafts.getState();
  const base = s.grant ?? emptyGrantDraft(useConsoleStore.getState().grantCart);
  useAccessDrafts.setState({ grant: { ...base, ...patch } });
}

/** Opens the drawer on a tab (and remembers it for the header button). */
export function openAccessTab(tab: AccessTab): void {
  useAccessDrafts.setState({ lastTab: tab });
  useConsoleStore.getState().openAccessDrawer(tab);
}

/** A draft begun before a camera was added to its cart now asks for the cart's cameras. */
function onCart<D extends { scope: ScopePick }>(draft: D | null): D | null {
  return draft && { ...draft, scope: { ...draft.scope, kind: "cameras" } };
}

/** Catalog lock action 申请: the camera goes into the application cart; the drawer opens on the application form. */
export function applyForCamera(cameraId: string): void {
  useConsoleStore.getState().addToCart("application", cameraId);
  useAccessDrafts.setState((s) => ({ application: onCart(s.application), applicationFormOpen: true }));
  openAccessTab("applications");
}

/** Catalog lock action 特别授权 (commanders): the camera goes into the grant cart; the drawer opens on the grant form. */
export function requestGrantForCamera(cameraId: string): void {
  useConsoleStore.getState().addToCart("grant", cameraId);
  useAccessDrafts.setState((s) => ({ grant: onCart(s.grant), grantFormOpen: true }));
  openAccessTab("grants");
}
