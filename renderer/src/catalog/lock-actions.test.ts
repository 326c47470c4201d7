import { describe, expect, it } from "vitest";
import { lockAction } from "./lock-actions.js";

describe("catalog lock actions", () => {
  it("offer 申请 for cameras that need an application, 特别授权 for not-shared ones to commanders", () => {
    expect(lockAction("NEEDS_APPLICATION", ["operator"])).toBe("apply");
    expect(lockAction("NOT_SHARED", ["operator"])).toBeNull();
    expect(lockAction("NOT_SHARED", ["commander"])).toBe("grant");
    expect(lockAction("MEDIA_USE_REQUIRED", ["commander"])).toBeNull();
    expect(lockAction(null, ["commander"])).toBeNull();
  });
});
