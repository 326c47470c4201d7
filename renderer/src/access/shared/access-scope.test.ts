import { describe, expect, it } from "vitest";
import { onCartScope, scopeCameraIds, scopeInput } from "./access-scope.js";

describe("scope", () => {
  it("maps the pick to the request's scope", () => {
    expect(scopeInput({ kind: "cameras", civilCode: "520302", domain: "" }, ["1"])).toEqual({ kind: "cameras", cameraIds: ["1"] });
    expect(scopeCameraIds({ kind: "region", civilCode: "520302" })).toEqual([]);
    expect(scopeCameraIds({ kind: "cameras", cameraIds: ["a"] })).toEqual(["a"]);
  });
  it("turns a draft begun before the cart filled to the cart's cameras", () => {
    expect(onCartScope(null)).toBeNull();
    expect(onCartScope({ scope: { kind: "region", civilCode: "520302", domain: "" }, reason: "x" })).toEqual({ scope: { kind: "cameras", civilCode: "520302", domain: "" }, reason: "x" });
  });
});
