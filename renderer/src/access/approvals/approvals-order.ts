// Runs in the renderer (pure). What the approver has to decide, in the order to decide it: overdue applications
// first (longest overdue first), then emergency grants waiting (special authorizations and extension requests,
// oldest request first), then break-glass grants to review after the fact (oldest first, whatever their status),
// then the other applications by due date.
import type { Application, Grant } from "../../../../contract/platform-api.js";
import { dueState, type DueState } from "../applications/due-countdown.js";
import { grantAwaitsApproval, grantAwaitsReview } from "../shared/status-badges.js";

export type ApprovalItem =
  | { kind: "application"; id: string; application: Application; due: DueState }
  | { kind: "grant"; id: string; grant: Grant; extension: boolean }
  | { kind: "review"; id: string; grant: Grant };

function byTime(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

export function pendingApprovals(applications: readonly Application[], grants: readonly Grant[], nowMs: number): ApprovalItem[] {
  const apps = applications
    .filter((a) => a.status === "submitted")
    .map((application): ApprovalItem & { kind: "application" } => ({ kind: "application", id: application.id, application, due: dueState(application, nowMs) }))
    .sort((a, b) => a.application.due.localeCompare(b.application.due) || byTime(a.application.submittedAt, b.application.submittedAt));
  const waiting = grants
    .filter(grantAwaitsApproval)
    .map((grant): ApprovalItem & { kind: "grant" } => ({ kind: "grant", id: grant.id, grant, extension: grant.status === "active" }))
    .sort((a, b) => byTime(a.grant.extension?.requestedAt ?? a.grant.requestedAt, b.grant.extension?.requestedAt ?? b.grant.requestedAt));
  const reviews = grants
    .filter(grantAwaitsReview)
    .map((grant): ApprovalItem & { kind: "review" } => ({ kind: "review", id: grant.id, grant }))
    .sort((a, b) => byTime(a.grant.requestedAt, b.grant.requestedAt));
  return [...apps.filter((a) => a.due.overdue), ...waiting, ...reviews, ...apps.filter((a) => !a.due.overdue)];
}
