import { describe, expect, it } from "vitest";
import { offersProgramOutput, parsePageView, programOutputUrl, programWindowName } from "./program-view.js";

describe("parsePageView", () => {
  it("is the console without view=program", () => {
    expect(parsePageView("?k=abc")).toEqual({ view: "console" });
    expect(parsePageView("")).toEqual({ view: "console" });
  });
  it("reads the tile of a program page", () => {
    expect(parsePageView("?k=abc&view=program&tile=3")).toEqual({ view: "program", tile: 3 });
    expect(parsePageView("?view=program&tile=0")).toEqual({ view: "program", tile: 0 });
  });
  it("rejects a missing or bad tile", () => {
    for (const q of ["?view=program", "?view=program&tile=", "?view=program&tile=16", "?view=program&tile=-1", "?view=program&tile=1.5", "?view=program&tile=x"]) {
      expect(parsePageView(q)).toEqual({ view: "program", tile: null });
    }
  });
});

describe("programOutputUrl", () => {
  it("keeps origin and path, and carries no secret", () => {
    const loc = { origin: "http://127.0.0.1:5173", pathname: "/", search: "?k=s%2Bk&code=c0de&x=1" };
    expect(programOutputUrl(loc, 2)).toBe("http://127.0.0.1:5173/?view=program&tile=2");
    expect(parsePageView(new URL(programOutputUrl(loc, 2)).search)).toEqual({ view: "program", tile: 2 });
  });
  it("names one window per tile", () => {
    expect(programWindowName(5)).toBe("vigil-program-5");
  });
});

describe("offersProgramOutput", () => {
  it("follows main's decision for the program purpose", () => {
    expect(offersProgramOutput({ programOutput: true }, "playing")).toBe(true);
    expect(offersProgramOutput({ programOutput: false }, "playing")).toBe(false);
    expect(offersProgramOutput(undefined, "connecting")).toBe(false);
  });
  it("is not offered for locked or ended tiles", () => {
    expect(offersProgramOutput({ programOutput: true }, "locked")).toBe(false);
    expect(offersProgramOutput({ programOutput: true }, "expired")).toBe(false);
  });
});
