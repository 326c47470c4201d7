// The access rules, table-driven, against BOTH call sites of the one evaluator (contract/access-evaluator.ts):
// the platform's (a play ticket: its rule set from real application and grant records, over the catalog record)
// and the console's (the same rule set after the wire — JSON through EntitlementSetSchema — over the camera as the
// console maps it). The expected answer is DESIGN.md's access model written out plainly, independent of the code:
// every sharing class × basis held (and its record state) × scope × role × purpose × time × ownership × media use.
import { describe, expect, it } from "vitest";
import type { AccessBasis, AccessRefusal } from "../../contract/access-evaluator.js";
import type { SharingClass } from "../../contract/camera.js";
import { EntitlementSetSchema, type AccessScope, type Application, type Grant, type PlatformCamera, type Role } from "../../contract/platform-api.js";
import { cameraAccess } from "../../main/access/camera-access.js";
import { accessRulesOf } from "../../contract/access-evaluator.js";
import { toConsoleCamera } from "../../main/platform/camera-mapping.js";
import { decideTicketAccess } from "../../platform/access/camera-decision.js";
import { entitlementSet } from "../../platform/access/entitlements.js";

const NOW = Date.parse("2026-11-25T08:00:00Z");
const HOUR = 3_600_000;
const START = NOW - HOUR;
const END = NOW + HOUR;
const iso = (ms: number): string => new Date(ms).toISOString();
const DEPT = "520302-skynet";
const CAMERA_ID = "52030300001326000001";

type Holding =
  | "none"
  | "application"
  | "application-submitted"
  | "application-rejected"
  | "break-glass"
  | "special"
  | "media-grant"
  | "grant-requested"
  | "grant-revoked";
type Scope = "cameras" | "region" | "region-path" | "domain" | "elsewhere";
type Phase = "before" | "during" | "at-end" | "after";
type Purpose = "live" | "program";

const CLASSES: SharingClass[] = ["UNCONDITIONAL", "CONDITIONAL", "NOT_SHARED"];
const ROLE_SETS: Record<string, Role[]> = {
  operator: ["operator"],
  commander: ["commander", "operator"],
  media: ["media"],
  approver: ["approver"],
  auditor: ["auditor"],
};
const HOLDINGS: Holding[] = ["none", "application", "application-submitted", "application-rejected", "break-glass", "special", "media-grant", "grant-requested", "grant-revoked"];
const SCOPES: Scope[] = ["cameras", "region", "region-path", "domain", "elsewhere"];
const PHASES: Phase[] = ["before", "during", "at-end", "after"];
const PURPOSES: Purpose[] = ["live", "program"];
const phaseTime: Record<Phase, number> = { before: START - 1, during: NOW, "at-end": END, after: END + 1 };

/** A camera of 汇川区 (civil code 520303) that the platform's directory files under 新蒲新区 (520390, no GB code). */
function record(cls: SharingClass, own: boolean, mediaUse: boolean): PlatformCamera {
  return {
    id: CAMERA_ID,
    name: "新蒲新区·测试点",
    civilCode: "520303",
    regionPath: [
      { code: "52", name: "贵州省" },
      { code: "5203", name: "遵义市" },
      { code: "520390", name: "新蒲新区" },
    ],
    address: "贵州省遵义市新蒲新区",
    parental: 0,
    parentIds: ["520390"],
    domain: "water",
    ownerDepartment: own ? { id: DEPT, name: "本部门" } : { id: "520390-water", name: "新蒲新区水务局" },
    sharingClass: cls,
    secrecy: 0,
    ptzType: 1,
    longitude: 107,
    latitude: 27.7,
    status: "ONLINE",
    statusChangedAt: iso(START),
    mediaUse,
    privacyMasks: [],
    profiles: ["main", "sub"],
    version: 1,
    updatedAt: iso(START),
  };
}

function scopeOf(scope: Scope): AccessScope {
  switch (scope) {
    case "cameras":
      return { kind: "cameras", cameraIds: [CAMERA_ID] };
    case "region":
      return { kind: "region", civilCode: "5203" };
    case "region-path":
      return { kind: "region", civilCode: "520390" };
    case "domain":
      return { kind: "domain", domain: "water" };
    case "elsewhere":
      return { kind: "cameras", cameraIds: ["52030200001326000009"] };
  }
}

function application(status: Application["status"], scope: AccessScope): Application {
  return {
    id: "APP-1",
    status,
    departmentId: DEPT,
    departmentName: "本部门",
    applicant: { userId: "u-op", displayName: "值班员" },
    applicantDepartment: "本部门",
    contact: "张三 13800000000",
    reason: "防汛值守",
    scope,
    purpose: "防汛",
    useScope: "指挥中心",
    securityMeasures: "专网",
    validDays: 1,
    submittedAt: iso(START - HOUR),
    due: "2026-11-28",
    dueProvisional: false,
    overdue: false,
    decision: status === "submitted" ? null : { by: "u-ap", at: iso(START), approvedScope: status === "rejected" ? null : scope, validUntil: status === "rejected" ? null : iso(END), reason: status === "rejected" ? "理由不足" : null },
  };
}

function grant(kind: Grant["kind"], basis: Grant["basis"], status: Grant["status"], scope: AccessScope): Grant {
  const active = status === "active" || status === "revoked";
  return {
    id: "GR-1",
    incidentId: "INC-1",
    incidentTitle: "汛情",
    kind,
    basis,
    status,
    departmentId: DEPT,
    departmentName: "本部门",
    requestedBy: "u-cmd",
    requestedAt: iso(START),
    scope,
    reason: "抢险",
    minutes: 120,
    validFrom: active ? iso(START) : null,
    validUntil: active ? iso(END) : null,
    decidedBy: null,
    extension: null,
    extensions: 0,
    endReason: status === "revoked" ? "撤销" : null,
    endedBy: status === "revoked" ? "u-cmd" : null,
    review: null,
  };
}

function records(holding: Holding, scope: Scope): { applications: Application[]; grants: Grant[] } {
  const s = scopeOf(scope);
  switch (holding) {
    case "none":
      return { applications: [], grants: [] };
    case "application":
      return { applications: [application("approved", s)], grants: [] };
    case "application-submitted":
      return { applications: [application("submitted", s)], grants: [] };
    case "application-rejected":
      return { applications: [application("rejected", s)], grants: [] };
    case "break-glass":
      return { applications: [], grants: [grant("break-glass", "GRANT", "active", s)] };
    case "special":
      return { applications: [], grants: [grant("special", "GRANT", "active", s)] };
    case "media-grant":
      return { applications: [], grants: [grant("break-glass", "MEDIA_GRANT", "active", s)] };
    case "grant-requested":
      return { applications: [], grants: [grant("special", "GRANT", "requested", s)] };
    case "grant-revoked":
      return { applications: [], grants: [grant("special", "GRANT", "revoked", s)] };
  }
}

type Expected = { allowed: true; basis: AccessBasis; validUntil: number | null; refId: string | null } | { allowed: false; reason: AccessRefusal };

/** DESIGN.md's access model, written out. */
function ruleSays(c: { cls: SharingClass; role: string; own: boolean; holding: Holding; scope: Scope; phase: Phase; mediaUse: boolean; purpose: Purpose }): Expected {
  const mediaOnly = c.role === "media";
  const during = c.phase === "during";
  const covered = c.scope !== "elsewhere";
  type Candidate = { basis: AccessBasis; validUntil: number | null; refId: string | null };
  const can: Candidate[] = [];
  if (c.own) can.push({ basis: "OWN_DEPARTMENT", validUntil: null, refId: null });
  if (c.cls === "UNCONDITIONAL") can.push({ basis: "UNCONDITIONAL", validUntil: null, refId: null });
  if (during && covered) {
    // An approved application opens CONDITIONAL cameras; a break-glass grant UNCONDITIONAL and CONDITIONAL; a special
    // authorization all three. Submitted or rejected applications, requested or revoked grants open nothing.
    if (c.holding === "application" && c.cls === "CONDITIONAL") can.push({ basis: "APPLICATION", validUntil: END, refId: "APP-1" });
    if ((c.holding === "break-glass" || c.holding === "media-grant") && c.cls !== "NOT_SHARED") can.push({ basis: c.holding === "media-grant" ? "MEDIA_GRANT" : "GRANT", validUntil: END, refId: "GR-1" });
    if (c.holding === "special") can.push({ basis: "GRANT", validUntil: END, refId: "GR-1" });
  }
  // Media use (a media-only user, or the program output): a camera cleared for media use, or a media grant.
  const needsMedia = (mediaOnly || c.purpose === "program") && !c.mediaUse;
  const usable = needsMedia ? can.filter((x) => x.basis === "MEDIA_GRANT") : can;
  // A basis without end is preferred (its stream is never cut); among equals the first listed.
  const pick = usable.find((x) => x.validUntil === null) ?? usable[0];
  if (pick) return { allowed: true, ...pick };
  if (can.length > 0 || (mediaOnly && !c.mediaUse)) return { allowed: false, reason: "MEDIA_USE_REQUIRED" };
  return { allowed: false, reason: c.cls === "NOT_SHARED" ? "NOT_SHARED" : "NEEDS_APPLICATION" };
}

type Case = Parameters<typeof ruleSays>[0];
const cases: Case[] = [];
for (const cls of CLASSES)
  for (const role of Object.keys(ROLE_SETS))
    for (const own of [false, true])
      for (const holding of HOLDINGS)
        for (const scope of SCOPES)
          for (const phase of PHASES)
            for (const mediaUse of [false, true]) for (const purpose of PURPOSES) cases.push({ cls, role, own, holding, scope, phase, mediaUse, purpose });

const name = (c: Case): string => `${c.cls} ${c.role} ${c.own ? "own" : "other"} ${c.holding}@${c.scope} ${c.phase} ${c.mediaUse ? "media-use" : "-"} ${c.purpose}`;

function platformSays(c: Case): Expected {
  const roles = ROLE_SETS[c.role]!;
  const set = entitlementSet({ departmentId: DEPT, roles, revision: 1, now: phaseTime[c.phase], ...records(c.holding, c.scope) });
  const decision = decideTicketAccess(set.entitlements, record(c.cls, c.own, c.mediaUse), { departmentId: DEPT, roles }, c.purpose, phaseTime[c.phase]);
  if (!decision.allowed) return decision;
  return { allowed: true, basis: decision.basis, validUntil: decision.validUntil, refId: decision.refId };
}

function consoleSays(c: Case): Expected {
  const roles = ROLE_SETS[c.role]!;
  // The console's copy was fetched earlier (at START) and travelled as JSON; it decides on its own clock.
  const set = entitlementSet({ departmentId: DEPT, roles, revision: 1, now: Math.min(START - 1, phaseTime[c.phase]), ...records(c.holding, c.scope) });
  const wire = EntitlementSetSchema.parse(JSON.parse(JSON.stringify(set)));
  const access = cameraAccess(toConsoleCamera(record(c.cls, c.own, c.mediaUse)), { departmentId: DEPT, roles }, accessRulesOf(wire.entitlements), phaseTime[c.phase], c.purpose);
  if (access.allowed || access.reason !== "NOT_LOGGED_IN") return access as Expected;
  throw new Error("a logged-in subject is never refused as NOT_LOGGED_IN");
}

describe("one access evaluator, both call sites", () => {
  it(`covers every combination (${cases.length} cases)`, () => {
    expect(cases.length).toBe(CLASSES.length * 5 * 2 * HOLDINGS.length * SCOPES.length * PHASES.length * 2 * 2);
  });

  for (const [site, says] of [
    ["platform (play ticket)", platformSays],
    ["console (lock badge, stream open, program output)", consoleSays],
  ] as const) {
    it(`${site} decides as the access model says`, () => {
      const wrong: string[] = [];
      for (const c of cases) {
        const expected = ruleSays(c);
        const got = says(c);
        if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(`${name(c)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
      }
      expect(wrong.slice(0, 15), `${wrong.length} of ${cases.length} cases differ`).toEqual([]);
    });
  }

  it("a region grant reaches a camera filed under a platform-assigned region (新蒲新区) on both sides", () => {
    const c: Case = { cls: "NOT_SHARED", role: "commander", own: false, holding: "special", scope: "region-path", phase: "during", mediaUse: false, purpose: "live" };
    expect(platformSays(c)).toEqual({ allowed: true, basis: "GRANT", validUntil: END, refId: "GR-1" });
    expect(consoleSays(c)).toEqual(platformSays(c));
  });

  it("nobody logged in: the console locks every camera", () => {
    expect(cameraAccess(toConsoleCamera(record("UNCONDITIONAL", true, true)), null, [], NOW)).toEqual({ allowed: false, reason: "NOT_LOGGED_IN" });
  });
});
