import { describe, expect, it } from "vitest";
// Named cases of the access evaluator; the full table against both call sites is tests/core/access-evaluator-parity.test.ts.
import type { SharingClass } from "./camera.js";
import type { Role } from "./platform-api.js";
import { decideCameraAccess, type AccessCamera, type AccessDecision, type AccessPurpose, type AccessRule } from "./access-evaluator.js";

const NOW = Date.parse("2026-11-25T08:00:00Z");
const HOUR = 3_600_000;

function cam(sharingClass: SharingClass, patch: Partial<AccessCamera> = {}): AccessCamera {
  return { id: "52030200001326000001", civilCode: "520302", regionCodes: ["52", "5203", "520302"], domain: "skynet", ownerDepartmentId: "other-dept", sharingClass, mediaUse: false, ...patch };
}

type Decided = { allowed: true; basis: AccessRule["basis"]; validUntil: number | null; refId: string | null } | Extract<AccessDecision, { allowed: false }>;

function decideAccess(camera: AccessCamera, subject: { departmentId: string; roles: Role[] }, rules: AccessRule[], now: number, purpose: AccessPurpose = "live"): Decided {
  const d = decideCameraAccess({ rules, camera, subject, purpose, now });
  return d.allowed ? { allowed: true, basis: d.basis, validUntil: d.validUntil, refId: d.refId } : d;
}

/** The standing rules a platform gives every department: own cameras and UNCONDITIONAL ones. */
const standing = (dept: string, requiresMediaUse = false): AccessRule[] => [
  { id: "own", basis: "OWN_DEPARTMENT", scope: { kind: "department", departmentId: dept }, validFrom: null, validUntil: null, requiresMediaUse, classes: null, refId: null },
  { id: "unc", basis: "UNCONDITIONAL", scope: { kind: "sharing-class", sharingClass: "UNCONDITIONAL" }, validFrom: null, validUntil: null, requiresMediaUse, classes: null, refId: null },
];
const application = (validFrom: number, validUntil: number): AccessRule => ({
  id: "app-1", basis: "APPLICATION", scope: { kind: "cameras", cameraIds: ["52030200001326000001"] }, validFrom, validUntil, requiresMediaUse: false,
  classes: ["CONDITIONAL"], refId: "app-1",
});
const grant = (validUntil: number, basis: AccessRule["basis"] = "GRANT"): AccessRule => ({
  id: "grant-1", basis, scope: { kind: "region", civilCode: "5203" }, validFrom: NOW - HOUR, validUntil, requiresMediaUse: false,
  classes: null, refId: "grant-1",
});

type Row = [string, SharingClass, Role[], AccessRule[], Partial<AccessCamera>, Decided];
const operator: Role[] = ["operator"];
const media: Role[] = ["media"];

const table: Row[] = [
  ["unconditional: anyone", "UNCONDITIONAL", operator, standing("d1"), {}, { allowed: true, basis: "UNCONDITIONAL", validUntil: null, refId: null }],
  ["conditional without application", "CONDITIONAL", operator, standing("d1"), {}, { allowed: false, reason: "NEEDS_APPLICATION" }],
  ["not shared without grant", "NOT_SHARED", operator, standing("d1"), {}, { allowed: false, reason: "NOT_SHARED" }],
  ["own department, even not shared", "NOT_SHARED", operator, standing("other-dept"), {}, { allowed: true, basis: "OWN_DEPARTMENT", validUntil: null, refId: null }],
  ["conditional with an approved application", "CONDITIONAL", operator, [...standing("d1"), application(NOW - HOUR, NOW + HOUR)], {}, { allowed: true, basis: "APPLICATION", validUntil: NOW + HOUR, refId: "app-1" }],
  ["application not yet valid", "CONDITIONAL", operator, [...standing("d1"), application(NOW + HOUR, NOW + 2 * HOUR)], {}, { allowed: false, reason: "NEEDS_APPLICATION" }],
  ["application expired (end is exclusive)", "CONDITIONAL", operator, [...standing("d1"), application(NOW - HOUR, NOW)], {}, { allowed: false, reason: "NEEDS_APPLICATION" }],
  ["not shared under an active grant", "NOT_SHARED", operator, [...standing("d1"), grant(NOW + 60_000)], {}, { allowed: true, basis: "GRANT", validUntil: NOW + 60_000, refId: "grant-1" }],
  ["grant ended", "NOT_SHARED", operator, [...standing("d1"), grant(NOW - 1)], {}, { allowed: false, reason: "NOT_SHARED" }],
  ["longest basis wins: no end beats a grant", "UNCONDITIONAL", operator, [grant(NOW + 60_000), ...standing("d1")], {}, { allowed: true, basis: "UNCONDITIONAL", validUntil: null, refId: null }],
  ["media: unconditional but not media-use", "UNCONDITIONAL", media, standing("m", true), {}, { allowed: false, reason: "MEDIA_USE_REQUIRED" }],
  ["media: media-use camera", "UNCONDITIONAL", media, standing("m", true), { mediaUse: true }, { allowed: true, basis: "UNCONDITIONAL", validUntil: null, refId: null }],
  ["media: media grant opens a non-media camera", "CONDITIONAL", media, [...standing("m", true), grant(NOW + HOUR, "MEDIA_GRANT")], {}, { allowed: true, basis: "MEDIA_GRANT", validUntil: NOW + HOUR, refId: "grant-1" }],
  ["commander who is also operator is not media-limited", "UNCONDITIONAL", ["commander", "operator"], standing("c"), {}, { allowed: true, basis: "UNCONDITIONAL", validUntil: null, refId: null }],
];

describe("access decisions", () => {
  it.each(table)("%s", (_name, sharingClass, roles, rules, patch, expected) => {
    expect(decideAccess(cam(sharingClass, patch), { departmentId: "d1", roles }, rules, NOW)).toEqual(expected);
  });

  it("the program output needs media use or a media grant, whoever asks", () => {
    const rules = [...standing("d1"), grant(NOW + HOUR, "MEDIA_GRANT")];
    expect(decideAccess(cam("UNCONDITIONAL"), { departmentId: "d1", roles: operator }, standing("d1"), NOW, "program")).toEqual({ allowed: false, reason: "MEDIA_USE_REQUIRED" });
    expect(decideAccess(cam("UNCONDITIONAL", { mediaUse: true }), { departmentId: "d1", roles: operator }, standing("d1"), NOW, "program").allowed).toBe(true);
    // Live view picks the standing rule (no end); the program output lives on the media grant.
    expect(decideAccess(cam("UNCONDITIONAL"), { departmentId: "d1", roles: operator }, rules, NOW, "program")).toEqual({ allowed: true, basis: "MEDIA_GRANT", validUntil: NOW + HOUR, refId: "grant-1" });
  });

  it("a region scope matches a platform-assigned region in the path (新蒲新区), not only a civil-code prefix", () => {
    const xinpu = cam("NOT_SHARED", { civilCode: "520303", regionCodes: ["52", "5203", "520390"] });
    const region = { ...grant(NOW + HOUR), scope: { kind: "region", civilCode: "520390" } as const };
    expect(decideAccess(xinpu, { departmentId: "d1", roles: operator }, [region], NOW).allowed).toBe(true);
  });

  it("a region grant covers cameras below that civil code only", () => {
    const far = cam("NOT_SHARED", { civilCode: "520402", regionCodes: ["52", "5204", "520402"] });
    expect(decideAccess(far, { departmentId: "d1", roles: operator }, [grant(NOW + HOUR)], NOW).allowed).toBe(false);
  });
});

