import { describe, expect, it } from "vitest";
import { shownTab, visibleTabs } from "./access-tabs.js";

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
