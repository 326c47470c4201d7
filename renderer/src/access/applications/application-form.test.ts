import { describe, expect, it } from "vitest";
import { applicationInput, emptyApplicationDraft, validateApplication, type ApplicationDraft } from "./application-form.js";

const CAM_A = "52030200001320000001";
const CAM_B = "52030200001320000002";

function filled(patch: Partial<ApplicationDraft> = {}): ApplicationDraft {
  return {
    ...emptyApplicationDraft("遵义市公安局红花岗区分局", [CAM_A]),
    contact: "王静 0851-12345678",
    reason: "辖区重点路段治安巡查",
    purpose: "治安巡查",
    useScope: "本单位指挥中心",
    securityMeasures: "专人专账号，不录制",
    validDays: "30",
    ...patch,
  };
}

describe("application form", () => {
  it("starts from the user's department, 30 days, and the cart when it holds cameras", () => {
    const draft = emptyApplicationDraft("遵义市公安局红花岗区分局", [CAM_A]);
    expect(draft.applicantDepartment).toBe("遵义市公安局红花岗区分局");
    expect(draft.validDays).toBe("30");
    expect(draft.scope.kind).toBe("cameras");
    expect(emptyApplicationDraft("x", []).scope.kind).toBe("region");
  });

  it("maps the draft to the request: cameras from the cart, days as a number", () => {
    const input = applicationInput(filled(), [CAM_A, CAM_B]);
    expect(input.scope).toEqual({ kind: "cameras", cameraIds: [CAM_A, CAM_B] });
    expect(input.validDays).toBe(30);
    const region = applicationInput(filled({ scope: { kind: "region", civilCode: "520302", domain: "" } }), [CAM_A]);
    expect(region.scope).toEqual({ kind: "region", civilCode: "520302" });
    const domain = applicationInput(filled({ scope: { kind: "domain", civilCode: "", domain: "traffic" } }), []);
    expect(domain.scope).toEqual({ kind: "domain", domain: "traffic" });
  });

  it("accepts a complete draft and trims text as the contract does", () => {
    const result = validateApplication(filled({ contact: "  王静 0851-12345678  " }), [CAM_A]);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.contact).toBe("王静 0851-12345678");
      expect(result.value.validDays).toBe(30);
    }
  });

  it("names each field's problem with a message key, never zod's English", () => {
    const result = validateApplication(
      filled({ applicantDepartment: " ", contact: "王", reason: "x".repeat(1001), validDays: "400", purpose: "" }),
      [],
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.applicantDepartment).toEqual({ key: "access.err.required" });
    expect(result.errors.contact).toEqual({ key: "access.err.tooShort", params: { min: 5 } });
    expect(result.errors.reason).toEqual({ key: "access.err.tooLong", params: { max: 1000 } });
    expect(result.errors.purpose).toEqual({ key: "access.err.required" });
    expect(result.errors.validDays).toEqual({ key: "access.err.integer", params: { min: 1, max: 365 } });
    expect(result.errors.scope).toEqual({ key: "access.err.noCameras" });
    expect(result.errors.useScope).toBeUndefined();
  });

  it("flags days that are not whole numbers, and an unpicked region or domain", () => {
    for (const validDays of ["", "1.5", "abc", "0"]) {
      const result = validateApplication(filled({ validDays }), [CAM_A]);
      expect(result.ok ? null : result.errors.validDays?.key, validDays).toBe("access.err.integer");
    }
    const region = validateApplication(filled({ scope: { kind: "region", civilCode: "", domain: "" } }), [CAM_A]);
    expect(region.ok ? null : region.errors.scope).toEqual({ key: "access.err.choose" });
    const domain = validateApplication(filled({ scope: { kind: "domain", civilCode: "", domain: "" } }), [CAM_A]);
    expect(domain.ok ? null : domain.errors.scope).toEqual({ key: "access.err.choose" });
  });
});
