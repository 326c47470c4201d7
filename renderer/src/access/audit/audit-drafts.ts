// Runs in the renderer. The audit view's filters and page, kept while the drawer is closed or on another tab.
import { create } from "zustand";
import { EMPTY_AUDIT_FILTER, type AuditFilter } from "./audit-query.js";

export type AuditDrafts = { filter: AuditFilter; offset: number };

const initial = (): AuditDrafts => ({ filter: EMPTY_AUDIT_FILTER, offset: 0 });

export const useAuditDrafts = create<AuditDrafts>()(initial);

export function resetAuditDrafts(): void {
  useAuditDrafts.setState(initial());
}
