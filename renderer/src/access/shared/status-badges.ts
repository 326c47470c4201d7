// Runs in the renderer (pure). Status badges for applications and grants (and a break-glass grant's review): the
// label key and a tone for its color.
import type { ApplicationStatus, Grant, GrantStatus } from "../../../../contract/platform-api.js";
import type { MessageKey } from "../../i18n/i18n.js";

export type Tone = "info" | "ok" | "warn" | "bad" | "muted";
export type Badge = { key: MessageKey; tone: Tone };

const APPLICATION: Record<ApplicationStatus, Badge> = {
  submitted: { key: "access.appStatus.submitted", tone: "info" },
  approved: { key: "access.appStatus.approved", tone: "ok" },
  "partially-approved": { key: "access.appStatus.partially-approved", tone: "ok" },
  rejected: { key: "access.appStatus.rejected", tone: "bad" },
  withdrawn: { key: "access.appStatus.withdrawn", tone: "muted" },
};

const GRANT: Record<GrantStatus, Badge> = {
  requested: { key: "access.grantStatus.requested", tone: "warn" },
  active: { key: "access.grantStatus.active", tone: "ok" },
  revoked: { key: "access.grantStatus.revoked", tone: "bad" },
  expired: { key: "access.grantStatus.expired", tone: "muted" },
  rejected: { key: "access.grantStatus.rejected", tone: "bad" },
};

export function applicationBadge(status: ApplicationStatus, overdue = false): Badge {
  return overdue && status === "submitted" ? { key: "access.appStatus.submitted", tone: "bad" } : APPLICATION[status];
}

export function grantBadge(grant: Pick<Grant, "status">): Badge {
  return GRANT[grant.status];
}

export function grantKindKey(kind: Grant["kind"]): MessageKey {
  return kind === "special" ? "access.grantKind.special" : "access.grantKind.break-glass";
}

/** A grant waits for the approver: a special authorization not yet approved, or an extension request. */
export function grantAwaitsApproval(grant: Pick<Grant, "status" | "extension">): boolean {
  return grant.status === "requested" || (grant.status === "active" && grant.extension !== null);
}

/** A break-glass grant the approver has not reviewed yet, whatever its status: the review comes after the fact. */
export function grantAwaitsReview(grant: Pick<Grant, "kind" | "review">): boolean {
  return grant.kind === "break-glass" && grant.review === null;
}

/** 待复核 / 已复核 on a break-glass grant; none on a special authorization (approved beforehand). */
export function grantReviewBadge(grant: Pick<Grant, "kind" | "review">): Badge | null {
  if (grant.kind !== "break-glass") return null;
  return grant.review === null ? { key: "access.review.pending", tone: "warn" } : { key: "access.review.done", tone: "ok" };
}
