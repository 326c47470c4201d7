import { describe, expect, it } from "vitest";
import { checkApprove, checkRefuse, checkReject, checkReview } from "./decision-forms.js";

const A = "52030200001320000001";
const B = "52030200001320000002";
const C = "52030200001320000003";

describe("approve an application", () => {
  it("approves all when every camera stays checked (no cameraIds)", () => {
    expect(checkApprove("app-1", "30", 30, [A, B], [A, B])).toEqual({ ok: true, value: { applicationId: "app-1", outcome: "approve", validDays: 30 } });
  });
  it("approves part: the checked cameras in the asked order", () => {
    expect(checkApprove("app-1", "10", 30, [A, B, C], [C, A])).toEqual({ ok: true, value: { applicationId: "app-1", outcome: "approve", validDays: 10, cameraIds: [A, C] } });
  });
  it("approves a region or domain scope whole", () => {
    expect(checkApprove("app-1", "7", 30, [], [])).toEqual({ ok: true, value: { applicationId: "app-1", outcome: "approve", validDays: 7 } });
  });
  it("keeps validity within what was asked and needs one camera", () => {
    const result = checkApprove("app-1", "31", 30, [A], []);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.validDays).toEqual({ key: "access.err.integer", params: { min: 1, max: 30 } });
    expect(result.errors.cameras).toEqual({ key: "access.err.noCameras" });
  });
});

describe("reasons", () => {
  it("a rejection and a refusal need a reason", () => {
    expect(checkReject("app-1", "")).toEqual({ ok: false, errors: { reason: { key: "access.err.required" } } });
    expect(checkReject("app-1", "材料不全")).toEqual({ ok: true, value: { applicationId: "app-1", outcome: "reject", reason: "材料不全" } });
    expect(checkRefuse("g-1", " ")).toEqual({ ok: false, errors: { reason: { key: "access.err.required" } } });
    expect(checkRefuse("g-1", "范围过大")).toEqual({ ok: true, value: { grantId: "g-1", approve: false, reason: "范围过大" } });
  });
  it("a review needs a note of 2–500 characters", () => {
    expect(checkReview("g-1", " 范围适当 ")).toEqual({ ok: true, value: { grantId: "g-1", note: "范围适当" } });
    expect(checkReview("g-1", "  ")).toEqual({ ok: false, errors: { note: { key: "access.err.required" } } });
    expect(checkReview("g-1", "好")).toEqual({ ok: false, errors: { note: { key: "access.err.tooShort", params: { min: 2 } } } });
    expect(checkReview("g-1", "x".repeat(501))).toEqual({ ok: false, errors: { note: { key: "access.err.tooLong", params: { max: 500 } } } });
  });
});
