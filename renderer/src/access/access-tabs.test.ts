import { describe, expect, it } from "vitest";
import { scopeCameraIds, scopeInput } from "./access-scope.js";
import { shownTab, visibleTabs } from "./access-tabs.js";
import { lockAction } from "./lock-actions.js";
import { formatDateTime, formatIso, formatRemaining, toDateTimeLocal } from "./time-format.js";

describe("access drawer tabs", () => {
  it("show approvals to approvers and audit to auditors and commanders", () => {
    expect(visibleTabs(["operator"])).toEqual(["applications", "grants"]);
    expect(visibleTabs(["approver"])).toEqual(["applications", "grants", "approvals"]);
    expect(visibleTabs(["commander", "operator"])).toEqual(["applications", "grants", "audit"]);
    expect(visibleTabs(["auditor"])).toEqual(["applications", "grants", "audit"]);
  });
  it("fall back to the first visible tab", () => {
    expect(shownTab("audit", ["operator"])).toBe("applications");
    expect(shownTab("approvals", ["approver"])).toBe("approvals");
  });
});

describe("catalog lock actions", () => {
  it("offer 申请 for cameras that need an application, 特别授权 for not-shared ones to commanders", () => {
    expect(lockAction("NEEDS_APPLICATION", ["operator"])).toBe("apply");
    expect(lockAction("NOT_SHARED", ["operator"])).toBeNull();
    expect(lockAction("NOT_SHARED", ["commander"])).toBe("grant");
    expect(lockAction("MEDIA_USE_REQUIRED", ["commander"])).toBeNull();
    expect(lockAction(null, ["commander"])).toBeNull();
  });
});

describe("scope", () => {
  it("maps the pick to the request's scope", () => {
    expect(scopeInput({ kind: "cameras", civilCode: "520302", domain: "" }, ["1"])).toEqual({ kind: "cameras", cameraIds: ["1"] });
    expect(scopeCameraIds({ kind: "region", civilCode: "520302" })).toEqual([]);
    expect(scopeCameraIds({ kind: "cameras", cameraIds: ["a"] })).toEqual(["a"]);
  });
});

describe("time format", () => {
  it("writes local times and remaining durations compactly", () => {
    const t = new Date(2026, 0, 5, 8, 3, 9).getTime();
    expect(formatDateTime(t)).toBe("2026-01-05 08:03");
    expect(formatDateTime(t, true)).toBe("2026-01-05 08:03:09");
    expect(toDateTimeLocal(t)).toBe("2026-01-05T08:03");
    expect(formatIso(null)).toBe("—");
    expect(formatIso("not a time")).toBe("not a time");
    expect(formatRemaining(3_723_000)).toBe("1:02:03");
    expect(formatRemaining(754_000)).toBe("12:34");
    expect(formatRemaining(4_200)).toBe("0:05");
    expect(formatRemaining(-10)).toBe("0:00");
  });
});
