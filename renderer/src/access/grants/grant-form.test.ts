import { describe, expect, it } from "vitest";
import type { GrantPolicy, Incident } from "../../../../contract/platform-api.js";
import { emptyGrantDraft, grantCap, grantInput, validateGrant, type GrantDraft } from "./grant-form.js";

const CAM = "52030200001320000001";
const policy: GrantPolicy = {
  capMinutes: { I: 240, II: 120, III: 60, IV: 30 },
  maxTotalMinutes: 480,
  answerDeadlineDays: 3,
  mediaDepartments: [{ id: "city-media", name: "遵义市融媒体中心" }],
};
const incident: Incident = {
  id: "inc-1",
  title: "湘江水位超警",
  type: "flood",
  level: "III",
  civilCode: "520303",
  regionName: "汇川区",
  declaredBy: "指挥长 李强",
  declaredAt: "2026-07-01T08:00:00+08:00",
};

function declared(patch: Partial<GrantDraft> = {}): GrantDraft {
  return { ...emptyGrantDraft([CAM]), title: "山体滑坡", type: "geological", level: "II", civilCode: "520302", minutes: "60", reason: "现场研判", ...patch };
}

describe("grant form", () => {
  it("starts on an open incident when there is one, and on the cart's cameras", () => {
    expect(emptyGrantDraft([], true).incidentMode).toBe("existing");
    expect(emptyGrantDraft([CAM]).scope.kind).toBe("cameras");
  });

  it("caps the duration by the incident's level (declared or picked)", () => {
    expect(grantCap(declared(), [], policy)).toBe(120);
    expect(grantCap(declared({ level: "" }), [], policy)).toBeNull();
    expect(grantCap(declared({ incidentMode: "existing", incidentId: "inc-1" }), [incident], policy)).toBe(60);
    expect(grantCap(declared(), [], null)).toBeNull();
  });

  it("declares a new incident with the grant, or names the picked one", () => {
    expect(grantInput(declared(), [CAM])).toMatchObject({
      incident: { title: "山体滑坡", type: "geological", level: "II", civilCode: "520302" },
      scope: { kind: "cameras", cameraIds: [CAM] },
      minutes: 60,
    });
    const picked = grantInput(declared({ incidentMode: "existing", incidentId: "inc-1" }), [CAM]);
    expect(picked.incidentId).toBe("inc-1");
    expect(picked.incident).toBeUndefined();
  });

  it("accepts a complete draft; a media grant names its department", () => {
    const ok = validateGrant(declared(), [CAM], [], policy);
    expect(ok.ok).toBe(true);
    const media = validateGrant(declared({ media: true, mediaDepartmentId: "city-media" }), [CAM], [], policy);
    expect(media.ok && media.value.mediaDepartmentId).toBe("city-media");
    const noDept = validateGrant(declared({ media: true }), [CAM], [], policy);
    expect(noDept.ok ? null : noDept.errors.mediaDepartmentId).toEqual({ key: "access.err.choose" });
  });

  it("refuses minutes over the cap with the cap in the message", () => {
    const result = validateGrant(declared({ minutes: "121" }), [CAM], [], policy);
    expect(result.ok ? null : result.errors.minutes).toEqual({ key: "access.err.integer", params: { min: 1, max: 120 } });
  });

  it("maps missing incident fields, scope and reason to their inputs", () => {
    const result = validateGrant(declared({ title: "", type: "", level: "", civilCode: "", reason: "", minutes: "" }), [], [], policy);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.title).toEqual({ key: "access.err.required" });
    expect(result.errors.type).toEqual({ key: "access.err.choose" });
    expect(result.errors.level).toEqual({ key: "access.err.choose" });
    expect(result.errors.civilCode).toEqual({ key: "access.err.choose" });
    expect(result.errors.scope).toEqual({ key: "access.err.noCameras" });
    expect(result.errors.reason).toEqual({ key: "access.err.required" });
    expect(result.errors.minutes?.key).toBe("access.err.integer");
  });

  it("asks to pick an incident when none is picked", () => {
    const result = validateGrant(declared({ incidentMode: "existing", incidentId: "" }), [CAM], [incident], policy);
    expect(result.ok ? null : result.errors.incidentId).toEqual({ key: "access.err.choose" });
  });
});
