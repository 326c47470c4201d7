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
    longitude: 106.9, latitude: 27.6, address: "", mediaUse: false, privacyMasks: [], ...patch,
  };
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

type Row = [string, SharingClass, Role[], AccessRule[], Partial<Camera>, ReturnType<typeof decideAccess>];
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

  it("locks everything when nobody is logged in", () => {
    expect(decideAccess(cam("UNCONDITIONAL"), null, standing("d1"), NOW)).toEqual({ allowed: false, reason: "NOT_LOGGED_IN" });
  });

  it("a region grant covers cameras below that civil code only", () => {
    const far = cam("NOT_SHARED", { civilCode: "520402" });
    expect(decideAccess(far, { departmentId: "d1", roles: operator }, [grant(NOW + HOUR)], NOW).allowed).toBe(false);
  });
});

// ── The full decision table: every sharing class × role × ownership × held application/grant × time × media-use ──
// The expected answer is the city rule written out plainly (DESIGN.md "Access model"), independent of the code.

type Holding = "none" | "application" | "break-glass" | "special" | "media-grant";
type Phase = "before" | "during" | "at-end" | "after";
const CLASSES: SharingClass[] = ["UNCONDITIONAL", "CONDITIONAL", "NOT_SHARED"];
const ROLE_SETS: Record<string, Role[]> = {
  operator: ["operator"],
  commander: ["commander", "operator"],
  media: ["media"],
  approver: ["approver"],
  auditor: ["auditor"],
};
const HOLDINGS: Holding[] = ["none", "application", "break-glass", "special", "media-grant"];
const PHASES: Phase[] = ["before", "during", "at-end", "after"];
const START = NOW - HOUR;
const END = NOW + HOUR;
const phaseTime: Record<Phase, number> = { before: START - 1, during: NOW, "at-end": END, after: END + 1 };

function heldRule(h: Holding): AccessRule | null {
  const base = { scope: { kind: "region", civilCode: "520302" } as const, validFrom: START, validUntil: END, requiresMediaUse: false };
  switch (h) {
    case "none":
      return null;
    case "application":
      return { ...base, id: "a", basis: "APPLICATION", classes: ["CONDITIONAL"], refId: "APP-1" };
    case "break-glass":
      return { ...base, id: "g", basis: "GRANT", classes: ["UNCONDITIONAL", "CONDITIONAL"], refId: "GR-1" };
    case "special":
      return { ...base, id: "g", basis: "GRANT", classes: null, refId: "GR-2" };
    case "media-grant":
      return { ...base, id: "m", basis: "MEDIA_GRANT", classes: null, refId: "GR-3" };
  }
}

function ruleSays(cls: SharingClass, roleName: string, own: boolean, holding: Holding, phase: Phase, mediaUse: boolean): ReturnType<typeof decideAccess> {
  const mediaOnly = roleName === "media";
  const active = phase === "during";
  type Candidate = { basis: AccessRule["basis"]; validUntil: number | null; refId: string | null };
  const can: Candidate[] = [];
  if (own) can.push({ basis: "OWN_DEPARTMENT", validUntil: null, refId: null });
  if (cls === "UNCONDITIONAL") can.push({ basis: "UNCONDITIONAL", validUntil: null, refId: null });
  if (active && holding === "application" && cls === "CONDITIONAL") can.push({ basis: "APPLICATION", validUntil: END, refId: "APP-1" });
  if (active && holding === "break-glass" && cls !== "NOT_SHARED") can.push({ basis: "GRANT", validUntil: END, refId: "GR-1" });
  if (active && holding === "special") can.push({ basis: "GRANT", validUntil: END, refId: "GR-2" });
  if (active && holding === "media-grant") can.push({ basis: "MEDIA_GRANT", validUntil: END, refId: "GR-3" });
  // Media staff: media-use cameras, or a media grant.
  const usable = mediaOnly && !mediaUse ? can.filter((c) => c.basis === "MEDIA_GRANT") : can;
  // A basis without end is preferred (its stream is never cut); among those the first listed.
  const pick = usable.find((c) => c.validUntil === null) ?? usable[0];
  if (pick) return { allowed: true, ...pick };
  if (mediaOnly && !mediaUse) return { allowed: false, reason: "MEDIA_USE_REQUIRED" };
  return { allowed: false, reason: cls === "NOT_SHARED" ? "NOT_SHARED" : "NEEDS_APPLICATION" };
}

const matrix: Array<[string, SharingClass, string, boolean, Holding, Phase, boolean]> = [];
for (const cls of CLASSES)
  for (const role of Object.keys(ROLE_SETS))
    for (const own of [false, true])
      for (const holding of HOLDINGS)
        for (const phase of PHASES)
          for (const mediaUse of [false, true]) matrix.push([`${cls} ${role} ${own ? "own" : "other"} ${holding} ${phase} ${mediaUse ? "media-use" : "-"}`, cls, role, own, holding, phase, mediaUse]);

describe("access decision table (every class × role × ownership × holding × time × media-use)", () => {
  it(`covers ${CLASSES.length * 5 * 2 * HOLDINGS.length * PHASES.length * 2} cases`, () => {
    expect(matrix.length).toBe(1200);
  });

  it.each(matrix)("%s", (_name, cls, role, own, holding, phase, mediaUse) => {
    const dept = "d1";
    const roles = ROLE_SETS[role]!;
    const mediaLimited = roles.every((r) => r === "media");
    const rules: AccessRule[] = [...standing(dept, mediaLimited)];
    const held = heldRule(holding);
    if (held) rules.push(held);
    const camera = cam(cls, { ownerDepartmentId: own ? dept : "other-dept", mediaUse });
    expect(decideAccess(camera, { departmentId: dept, roles }, rules, phaseTime[phase])).toEqual(ruleSays(cls, role, own, holding, phase, mediaUse));
  });
});
