// Runs in the renderer. How the rest of the console opens the access drawer (授权与审计): on a tab (the header button
// remembers the last one), or with a camera from the catalog in a cart (申请 / 特别授权). Small and loaded with the
// console; the drawer itself is loaded when it first opens. Another user (or no one) gets none of the previous
// user's carts, drafts or open drawer.
import { create } from "zustand";
import { useConsoleStore, type AccessTab } from "../state/console-store.js";
import { resetApplicationDrafts, useApplicationDrafts } from "./applications/application-drafts.js";
import { resetAuditDrafts } from "./audit/audit-drafts.js";
import { resetGrantDrafts, useGrantDrafts } from "./grants/grant-drafts.js";
import { onCartScope } from "./shared/access-scope.js";

export const useLastAccessTab = create<{ tab: AccessTab }>()(() => ({ tab: "applications" }));

/** Opens the drawer on a tab (and remembers it for the header button). */
export function openAccessTab(tab: AccessTab): void {
  useLastAccessTab.setState({ tab });
  useConsoleStore.getState().openAccessDrawer(tab);
}

/** Catalog lock action 申请: the camera goes into the application cart; the drawer opens on the application form. */
export function applyForCamera(cameraId: string): void {
  useConsoleStore.getState().addToCart("application", cameraId);
  useApplicationDrafts.setState((s) => ({ draft: onCartScope(s.draft), formOpen: true }));
  openAccessTab("applications");
}

/** Catalog lock action 特别授权 (commanders): the camera goes into the grant cart; the drawer opens on the grant form. */
export function requestGrantForCamera(cameraId: string): void {
  useConsoleStore.getState().addToCart("grant", cameraId);
  useGrantDrafts.setState((s) => ({ draft: onCartScope(s.draft), formOpen: true }));
  openAccessTab("grants");
}

/** Another user (or no one): carts, drafts and the open drawer belong to the one before. */
function forgetAccessRequests(): void {
  const s = useConsoleStore.getState();
  s.closeAccessDrawer();
  s.clearCart("application");
  s.clearCart("grant");
  resetApplicationDrafts();
  resetGrantDrafts();
  resetAuditDrafts();
  useLastAccessTab.setState({ tab: "applications" });
}

useConsoleStore.subscribe((s, prev) => {
  const user = s.session?.user?.username ?? null;
  const before = prev.session?.user?.username ?? null;
  if (user !== before && prev.session !== null) forgetAccessRequests();
});
