import { describe, expect, it } from "vitest";
import type { Application, Grant } from "../../../../contract/platform-api.js";
import { pendingApprovals } from "./approvals-order.js";
import { grantEndsAt, remainingMs, sortGrants } from "../grants/grant-view.js";
import { applicationBadge, grantAwaitsApproval, grantAwaitsReview, grantBadge, grantKindKey, grantReviewBadge } from "../shared/status-badges.js";

const NOW = Date.parse("2026-01-05T09:00:00+08:00");

function app(id: string, patch: Partial<Application> = {}): Application {
  return {
    id,
    status: "submitted",
    applicantDepartment: "红花岗区分局",
    contact: "王静 0851-1234",
    reason: "治安巡查需要",
    scope: { kind: "region", civilCode: "520302" },
    purpose: "巡查",
    useScope: "指挥中心",
    securityMeasures: "专人专账号",
    validDays: 30,
    departmentId: "520302-skynet",
    departmentName: "遵义市公安局红花岗区分局",
    applicant: { userId: "u-operator", displayName: "值班员 王静" },
    submittedAt: "2026-01-01T10:00:00+08:00",
    due: "2026-01-07",
    dueProvisional: false,
    overdue: false,
    decision: null,
    ...patch,
  };
}

function grant(id: string, patch: Partial<Grant> = {}): Grant {
  return {
    id,
    incidentId: "inc-1",
    incidentTitle: "山体滑坡",
    kind: "special",
    basis: "GRANT",
    status: "requested",
    departmentId: "city-emergency",
    departmentName: "应急指挥中心",
    requestedBy: "指挥长 李强",
    requestedAt: "2026-01-05T08:00:00+08:00",
    scope: { kind: "cameras", cameraIds: ["52030200001320000001"] },
    reason: "现场研判",
    minutes: 30,
    validFrom: null,
    validUntil: null,
    decidedBy: null,
    extension: null,
    extensions: 0,
    endReason: null,
    endedBy: null,
    review: null,
    ...patch,
  };
}

describe("approvals order", () => {
  it("puts overdue applications first, then waiting grants, then the rest by due date", () => {
    const items = pendingApprovals(
      [
        app("later", { due: "2026-01-09" }),
        app("soon", { due: "2026-01-06" }),
        app("late", { due: "2026-01-02" }),
        app("flagged", { due: "2026-01-05", overdue: true }),
        app("done", { status: "approved" }),
      ],
      [
        grant("ext", {
          status: "active",
          kind: "special",
          validFrom: "2026-01-05T08:10:00+08:00",
          validUntil: "2026-01-05T08:40:00+08:00",
          extension: { minutes: 30, reason: "继续处置", requestedAt: "2026-01-05T08:30:00+08:00" },
        }),
        grant("special", { requestedAt: "2026-01-05T08:20:00+08:00" }),
        grant("live", { status: "active", kind: "break-glass", requestedAt: "2026-01-05T07:00:00+08:00" }),
      ],
      NOW,
    );
    expect(items.map((i) => i.id)).toEqual(["late", "flagged", "special", "ext", "live", "soon", "later"]);
    const ext = items.find((i) => i.id === "ext");
    expect(ext?.kind === "grant" && ext.extension).toBe(true);
    expect(items.find((i) => i.id === "live")?.kind).toBe("review");
  });
  it("lists unreviewed break-glass grants of any status after the decisions, oldest first", () => {
    const reviewed = { by: "市级统筹 张敏", at: "2026-01-05T08:50:00+08:00", note: "范围适当" };
    const items = pendingApprovals(
      [app("soon", { due: "2026-01-06" })],
      [
        grant("revoked", { kind: "break-glass", status: "revoked", requestedAt: "2026-01-05T06:00:00+08:00" }),
        grant("active", { kind: "break-glass", status: "active", requestedAt: "2026-01-05T08:30:00+08:00" }),
        grant("expired", { kind: "break-glass", status: "expired", requestedAt: "2026-01-04T20:00:00+08:00" }),
        grant("done", { kind: "break-glass", status: "active", review: reviewed }),
        grant("special-ended", { kind: "special", status: "expired" }),
        grant("special", { requestedAt: "2026-01-05T08:20:00+08:00" }),
      ],
      NOW,
    );
    expect(items.map((i) => `${i.kind}:${i.id}`)).toEqual(["grant:special", "review:expired", "review:revoked", "review:active", "application:soon"]);
  });
});

describe("status badges", () => {
  it("label and color statuses", () => {
    expect(applicationBadge("submitted")).toEqual({ key: "access.appStatus.submitted", tone: "info" });
    expect(applicationBadge("submitted", true).tone).toBe("bad");
    expect(applicationBadge("partially-approved").key).toBe("access.appStatus.partially-approved");
    expect(grantBadge({ status: "active" })).toEqual({ key: "access.grantStatus.active", tone: "ok" });
    expect(grantKindKey("break-glass")).toBe("access.grantKind.break-glass");
  });
  it("know which grants wait for the approver", () => {
    expect(grantAwaitsApproval({ status: "requested", extension: null })).toBe(true);
    expect(grantAwaitsApproval({ status: "active", extension: null })).toBe(false);
    expect(grantAwaitsApproval({ status: "active", extension: { minutes: 5, reason: "x", requestedAt: "2026-01-05T08:00:00+08:00" } })).toBe(true);
    expect(grantAwaitsApproval({ status: "expired", extension: null })).toBe(false);
  });
  it("know which break-glass grants wait for review and mark them", () => {
    const review = { by: "市级统筹 张敏", at: "2026-01-05T08:50:00+08:00", note: "范围适当" };
    expect(grantAwaitsReview({ kind: "break-glass", review: null })).toBe(true);
    expect(grantAwaitsReview({ kind: "break-glass", review })).toBe(false);
    expect(grantAwaitsReview({ kind: "special", review: null })).toBe(false);
    expect(grantReviewBadge({ kind: "break-glass", review: null })).toEqual({ key: "access.review.pending", tone: "warn" });
    expect(grantReviewBadge({ kind: "break-glass", review })).toEqual({ key: "access.review.done", tone: "ok" });
    expect(grantReviewBadge({ kind: "special", review: null })).toBeNull();
  });
});

describe("grant list", () => {
  it("shows live grants first (soonest end), then waiting, then ended newest first", () => {
    const sorted = sortGrants([
      grant("old", { status: "expired", validUntil: "2026-01-04T10:00:00+08:00" }),
      grant("wait", { status: "requested" }),
      grant("late-end", { status: "active", validUntil: "2026-01-05T10:00:00+08:00" }),
      grant("recent", { status: "revoked", validUntil: "2026-01-05T08:00:00+08:00" }),
      grant("early-end", { status: "active", validUntil: "2026-01-05T09:10:00+08:00" }),
    ]);
    expect(sorted.map((g) => g.id)).toEqual(["early-end", "late-end", "wait", "recent", "old"]);
  });
  it("counts down on main's enforced end when it holds the grant", () => {
    const g = grant("g1", { status: "active", validUntil: "2026-01-05T09:30:00+08:00" });
    expect(grantEndsAt(g, [])).toBe(Date.parse("2026-01-05T09:30:00+08:00"));
    expect(grantEndsAt(g, [{ refId: "g1", basis: "GRANT", validUntil: NOW + 60_000, title: null }])).toBe(NOW + 60_000);
    expect(grantEndsAt(grant("g2"), [])).toBeNull();
    expect(remainingMs(NOW + 5000, NOW)).toBe(5000);
    expect(remainingMs(NOW - 5000, NOW)).toBe(0);
    expect(remainingMs(null, NOW)).toBeNull();
  });
});
