import { describe, expect, it } from "vitest";
import { collectFieldErrors, fieldMessage, parseWholeNumber } from "./form-errors.js";

describe("field messages", () => {
  it("text: empty is required, then too short / too long with the bound", () => {
    expect(fieldMessage({ code: "too_small", path: ["a"], minimum: 2 }, { kind: "text" }, "  ")).toEqual({ key: "access.err.required" });
    expect(fieldMessage({ code: "invalid_type", path: ["a"] }, { kind: "text" }, undefined)).toEqual({ key: "access.err.required" });
    expect(fieldMessage({ code: "too_small", path: ["a"], minimum: 4 }, { kind: "text" }, "ab")).toEqual({ key: "access.err.tooShort", params: { min: 4 } });
    expect(fieldMessage({ code: "too_big", path: ["a"], maximum: 64 }, { kind: "text" }, "x")).toEqual({ key: "access.err.tooLong", params: { max: 64 } });
    expect(fieldMessage({ code: "invalid_format", path: ["a"] }, { kind: "text" }, "x")).toEqual({ key: "access.err.invalid" });
  });
  it("numbers, choices and camera lists", () => {
    expect(fieldMessage({ code: "too_big", path: [] }, { kind: "integer", min: 1, max: 30 }, 40)).toEqual({ key: "access.err.integer", params: { min: 1, max: 30 } });
    expect(fieldMessage({ code: "invalid_value", path: [] }, { kind: "choice" }, "")).toEqual({ key: "access.err.choose" });
    expect(fieldMessage({ code: "too_small", path: [] }, { kind: "cameras", max: 500 }, [])).toEqual({ key: "access.err.noCameras" });
    expect(fieldMessage({ code: "too_big", path: [] }, { kind: "cameras", max: 500 }, [])).toEqual({ key: "access.err.tooManyCameras", params: { max: 500 } });
  });
  it("keeps the first issue per field", () => {
    const errors = collectFieldErrors(
      [
        { code: "too_small", path: ["name"], minimum: 2 },
        { code: "too_big", path: ["name"], maximum: 9 },
        { code: "too_small", path: ["other", 0], minimum: 2 },
      ],
      (p) => (p[0] === "name" ? "name" : "other"),
      { name: { kind: "text" }, other: { kind: "text" } },
      { name: "a", other: "" },
    );
    expect(errors).toEqual({ name: { key: "access.err.tooShort", params: { min: 2 } }, other: { key: "access.err.required" } });
  });
  it("parses whole numbers only", () => {
    expect(parseWholeNumber(" 12 ")).toBe(12);
    expect(parseWholeNumber("")).toBeUndefined();
    expect(parseWholeNumber("1.5")).toBeNaN();
    expect(parseWholeNumber("-3")).toBeNaN();
  });
});
