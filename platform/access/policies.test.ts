// Pure policy: application cameras and approvals, due/overdue in Asia/Shanghai, grant caps, kinds, extensions,
// reviews and stored records.
import { describe, expect, it } from "vitest";
import type { CameraFact } from "./application-policy.js";
import { applicationCamerasProblem, approvedScope, isOverdue, shanghaiDate } from "./application-policy.js";
import { canonicalCivilCode, canonicalScope } from "./access-scope.js";
import { DEFAULT_GRANT_LIMITS, extensionProblem, grantFromRecord, grantKind, grantMinutesProblem, grantStatusAt, reviewProblem } from "./grant-policy.js";

const A = "52030200431326950001";
const B = "52030200011326950002";
const C = "52030200011326000001";
const D = "52030200001326000101";

describe("application policy", () => {
  const facts = new Map<string, CameraFact>([
    [A, { id: A, sharingClass: "CONDITIONAL", ownerDepartmentId: "520302-water" }],
    [B, { id: B, sharingClass: "NOT_SHARED", ownerDepartmentId: "520302-social" }],
    [C, { id: C, sharingClass: "UNCONDITIONAL", ownerDepartmentId: "520302-xueliang" }],
    [D, { id: D, sharingClass: "CONDITIONAL", ownerDepartmentId: "520302-skynet" }],
  ]);
  it("accepts only other departments' conditional cameras, naming the others", () => {
    expect(applicationCamerasProblem([A], facts, "520302-skynet")).toBeNull();
    const problem = applicationCamerasProblem([A, B, C, D, "52030200011326999999"], facts, "520302-skynet") ?? "";
    expect(problem).toContain("body.scope.cameraIds");
    expect(problem).toContain(`cameras not found: 52030200011326999999`);
    expect(problem).toContain(`not shared (不予共享) open only under an emergency special authorization: ${B}`);
    expect(problem).toContain(`unconditionally shared cameras need no application: ${C}`);
    expect(problem).toContain(`own cameras need no application: ${D}`);
  });
  it("approves all, part (a subset of a camera list), never part of a region", () => {
    const scope = { kind: "cameras" as const, cameraIds: [A, D] };
    expect(approvedScope(scope, undefined)).toEqual({ ok: true, scope, partial: false });
    expect(approvedScope(scope, [D, A])).toMatchObject({ ok: true, partial: false });
    expect(approvedScope(scope, [A])).toEqual({ ok: true, scope: { kind: "cameras", cameraIds: [A] }, partial: true });
    expect(approvedScope(scope, [C])).toMatchObject({ ok: false, message: expect.stringContaining(C) as string });
    expect(approvedScope({ kind: "region", civilCode: "520302" }, [A])).toMatchObject({ ok: false, message: expect.stringContaining("as a whole") as string });
  });
  it("dates in Asia/Shanghai and is overdue only the day after the due date", () => {
    expect(shanghaiDate(Date.parse("2026-09-30T16:30:00Z"))).toBe("2026-10-01");
    expect(shanghaiDate(Date.parse("2026-09-30T15:59:59Z"))).toBe("2026-09-30");
    expect(isOverdue("submitted", "2026-10-10", Date.parse("2026-10-10T15:00:00Z"))).toBe(false);
    expect(isOverdue("submitted", "2026-10-10", Date.parse("2026-10-10T16:00:00Z"))).toBe(true);
    expect(isOverdue("approved", "2026-10-10", Date.parse("2026-10-12T00:00:00Z"))).toBe(false);
  });
  it("canonicalizes civil codes and camera lists", () => {
    expect(canonicalCivilCode("520300")).toBe("5203");
    expect(canonicalCivilCode("520000")).toBe("52");
    expect(canonicalCivilCode("520302")).toBe("520302");
    expect(canonicalScope({ kind: "cameras", cameraIds: [A, A, B] })).toEqual({ kind: "cameras", cameraIds: [A, B] });
  });
});

describe("grant policy", () => {
  it("caps a grant by incident level", () => {
    expect(grantMinutesProblem(DEFAULT_GRANT_LIMITS, "IV", 120)).toBeNull();
    expect(grantMinutesProblem(DEFAULT_GRANT_LIMITS, "IV", 121)).toContain("at most 120 minutes");
    expect(grantMinutesProblem(DEFAULT_GRANT_LIMITS, "I", 720)).toBeNull();
  });
  it("needs the approver for not-shared cameras", () => {
    expect(grantKind(true)).toBe("special");
    expect(grantKind(false)).toBe("break-glass");
  });
  it("limits the total validity with extensions", () => {
    const from = "2026-10-08T00:00:00.000Z";
    expect(extensionProblem(DEFAULT_GRANT_LIMITS, { validFrom: from, validUntil: "2026-10-08T20:00:00.000Z" }, 240)).toBeNull();
    expect(extensionProblem(DEFAULT_GRANT_LIMITS, { validFrom: from, validUntil: "2026-10-08T20:00:00.000Z" }, 241)).toContain("at most 240 more");
  });
  it("reads an active grant past its end as expired", () => {
    const g = { status: "active" as const, validUntil: "2026-10-08T01:00:00.000Z" };
    expect(grantStatusAt(g, Date.parse("2026-10-08T00:59:59Z"))).toBe("active");
    expect(grantStatusAt(g, Date.parse("2026-10-08T01:00:00Z"))).toBe("expired");
    expect(grantStatusAt({ ...g, status: "revoked" }, Date.parse("2026-10-09T00:00:00Z"))).toBe("revoked");
  });
  it("reviews only break-glass grants, once, in any status", () => {
    expect(reviewProblem({ id: "grant-1", kind: "break-glass", review: null })).toBeNull();
    expect(reviewProblem({ id: "grant-1", kind: "special", review: null })).toContain("special authorization, approved by the approver beforehand");
    const reviewed = { by: "审批 陈涛", at: "2026-10-08T03:00:00.000Z", note: "处置得当" };
    expect(reviewProblem({ id: "grant-1", kind: "break-glass", review: reviewed })).toBe("grant grant-1 was already reviewed by 审批 陈涛 at 2026-10-08T03:00:00.000Z");
  });
  it("reads a grant stored before the review step as not reviewed", () => {
    const old = { id: "grant-1", kind: "break-glass", status: "expired", validUntil: "2026-10-08T01:00:00.000Z" };
    expect(grantFromRecord(JSON.stringify(old))).toEqual({ ...old, review: null });
    const reviewed = { ...old, review: { by: "审批 陈涛", at: "2026-10-08T03:00:00.000Z", note: "处置得当" } };
    expect(grantFromRecord(JSON.stringify(reviewed))).toEqual(reviewed);
  });
});
