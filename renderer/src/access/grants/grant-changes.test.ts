import { describe, expect, it } from "vitest";
import { checkExtend, checkRevoke } from "./grant-changes.js";

describe("changes to a running grant", () => {
  it("a revocation needs a reason", () => {
    expect(checkRevoke("g-1", "x")).toEqual({ ok: false, errors: { reason: { key: "access.err.tooShort", params: { min: 2 } } } });
    expect(checkRevoke("g-1", " 处置完毕 ")).toEqual({ ok: true, value: { grantId: "g-1", reason: "处置完毕" } });
  });
  it("an extension needs whole minutes and a reason", () => {
    expect(checkExtend("g-1", "30", "继续处置")).toEqual({ ok: true, value: { grantId: "g-1", minutes: 30, reason: "继续处置" } });
    const bad = checkExtend("g-1", "0", "");
    expect(bad.ok ? null : bad.errors).toEqual({ minutes: { key: "access.err.integer", params: { min: 1, max: 1440 } }, reason: { key: "access.err.required" } });
  });
});
