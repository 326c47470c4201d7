import { describe, expect, it } from "vitest";
import type { Camera, SharingClass } from "../../contract/camera.js";
import type { Role } from "../../contract/platform-api.js";
import { decideAccess, type AccessRule } from "./access-decision.js";

const NOW = Date.parse("2026-11-25T08:00:00Z");
const HOUR = 3_600_000;

function cam(sharingClass: SharingClass, patch: Partial<Camera> = {}): Camera {
  return {
    id: "52030200001326000001", name: "测试", civilCode: "520302", regionName: "红花岗区", domain: "skynet",
    ownerDepartmentId: "other-dept", ownerDepartment: "其他部门", sharingClass, online: true, ptzType: 1,
    longitude: 106.9, latitude: 27.6, address: "", mediaUse: false, ...patch,
  };
}

/** The standing rules a platform gives every department: own cameras and UNCONDITIONAL ones. */
const standing = (dept: string, requiresMediaUse = false): AccessRule[] => [
  { id: "own", basis: "OWN_DEPARTMENT", scope: { kind: "department", departmentId: dept }, validFrom: null, validUntil: null, requiresMediaUse },
  { id: "unc", basis: "UNCONDITIONAL", scope: { kind: "sharing-class", sharingClass: "UNCONDITIONAL" }, validFrom: null, validUntil: null, requiresMediaUse },
];
const application = (validFrom: number, validUntil: number): AccessRule => ({
  id: "app-1", basis: "APPLICATION", scope: { kind: "cameras", cameraIds: ["52030200001326000001"] }, validFrom, validUntil, requiresMediaUse: false,
});
const grant = (validUntil: number, basis: AccessRule["basis"] = "GRANT"): AccessRule => ({
  id: "grant-1", basis, scope: { kind: "region", civilCode: "5203" }, validFrom: NOW - HOUR, validUntil, requiresMediaUse: false,
});

type Row = [string, SharingClass, Role[], AccessRule[], Partial<Camera>, ReturnType<typeof decideAccess>];
const operator: Role[] = ["operator"];
const media: Role[] = ["media"];

const table: Row[] = [
  ["unconditional: anyone", "UNCONDITIONAL", operator, standing("d1"), {}, { allowed: true, basis: "UNCONDITIONAL", validUntil: null }],
  ["conditional without application", "CONDITIONAL", operator, standing("d1"), {}, { allowed: false, reason: "NEEDS_APPLICATION" }],
  ["not shared without grant", "NOT_SHARED", operator, standing("d1"), {}, { allowed: false, reason: "NOT_SHARED" }],
  ["own department, even not shared", "NOT_SHARED", operator, standing("other-dept"), {}, { allowed: true, basis: "OWN_DEPARTMENT", validUntil: null }],
  ["conditional with an approved application", "CONDITIONAL", operator, [...standing("d1"), application(NOW - HOUR, NOW + HOUR)], {}, { allowed: true, basis: "APPLICATION", validUntil: NOW + HOUR }],
  ["application not yet valid", "CONDITIONAL", operator, [...standing("d1"), application(NOW + HOUR, NOW + 2 * HOUR)], {}, { allowed: false, reason: "NEEDS_APPLICATION" }],
  ["application expired (end is exclusive)", "CONDITIONAL", operator, [...standing("d1"), application(NOW - HOUR, NOW)], {}, { allowed: false, reason: "NEEDS_APPLICATION" }],
  ["not shared under an active grant", "NOT_SHARED", operator, [...standing("d1"), grant(NOW + 60_000)], {}, { allowed: true, basis: "GRANT", validUntil: NOW + 60_000 }],
  ["grant ended", "NOT_SHARED", operator, [...standing("d1"), grant(NOW - 1)], {}, { allowed: false, reason: "NOT_SHARED" }],
  ["longest basis wins: no end beats a grant", "UNCONDITIONAL", operator, [grant(NOW + 60_000), ...standing("d1")], {}, { allowed: true, basis: "UNCONDITIONAL", validUntil: null }],
  ["media: unconditional but not media-use", "UNCONDITIONAL", media, standing("m", true), {}, { allowed: false, reason: "MEDIA_USE_REQUIRED" }],
  ["media: media-use camera", "UNCONDITIONAL", media, standing("m", true), { mediaUse: true }, { allowed: true, basis: "UNCONDITIONAL", validUntil: null }],
  ["media: media grant opens a non-media camera", "CONDITIONAL", media, [...standing("m", true), grant(NOW + HOUR, "MEDIA_GRANT")], {}, { allowed: true, basis: "MEDIA_GRANT", validUntil: NOW + HOUR }],
  ["commander who is also operator is not media-limited", "UNCONDITIONAL", ["commander", "operator"], standing("c"), {}, { allowed: true, basis: "UNCONDITIONAL", validUntil: null }],
];

describe("access decisions", () => {
  it.each(table)("%s", (_name, sharingClass, roles, rules, patch, expected) => {
    expect(decideAccess(cam(sharingClass, patch), { departmentId: "d1", roles }, rules, NOW)).toEqual(expected);
  });

  it("locks everything when nobody is logged in", () => {
    expect(decideAccess(cam("UNCONDITIONAL"), null, standing("d1"), NOW)).toEqual({ allowed: false, reason: "NOT_LOGGED_IN" });
  });

  it("a region grant covers cameras below that civil code only", () => {
    const far = cam("NOT_SHARED", { civilCode: "520402" });
    expect(decideAccess(far, { departmentId: "d1", roles: operator }, [grant(NOW + HOUR)], NOW).allowed).toBe(false);
  });
});
