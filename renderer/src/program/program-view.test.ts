import { describe, expect, it } from "vitest";
import { offersProgramOutput, parsePageView, programOutputUrl, programWindowName, wallWindowName, wallWindowUrl } from "./program-view.js";

describe("parsePageView", () => {
  it("is the console of wall 1 without view=program or wall", () => {
    expect(parsePageView("?k=abc")).toEqual({ view: "console", wall: 1 });
    expect(parsePageView("")).toEqual({ view: "console", wall: 1 });
  });
  it("reads the wall a console window is bound to", () => {
    expect(parsePageView("?wall=3")).toEqual({ view: "console", wall: 3 });
    expect(parsePageView("?wall=8")).toEqual({ view: "console", wall: 8 });
  });
  it("falls back to wall 1 for a wall number that cannot exist", () => {
    for (const q of ["?wall=0", "?wall=9", "?wall=-1", "?wall=2.5", "?wall=x", "?wall="]) expect(parsePageView(q)).toEqual({ view: "console", wall: 1 });
  });
  it("reads the wall and tile of a program page", () => {
    expect(parsePageView("?k=abc&view=program&tile=3")).toEqual({ view: "program", wall: 1, tile: 3 });
    expect(parsePageView("?view=program&wall=2&tile=0")).toEqual({ view: "program", wall: 2, tile: 0 });
    expect(parsePageView("?view=program&wall=2&tile=63")).toEqual({ view: "program", wall: 2, tile: 63 });
  });
  it("rejects a missing or bad tile", () => {
    for (const q of ["?view=program", "?view=program&tile=", "?view=program&tile=64", "?view=program&tile=-1", "?view=program&tile=1.5", "?view=program&tile=x"]) {
      expect(parsePageView(q)).toEqual({ view: "program", wall: 1, tile: null });
    }
  });
});

describe("page URLs", () => {
  const loc = { origin: "http://127.0.0.1:5173", pathname: "/", search: "?k=s%2Bk&code=c0de&x=1" };
  it("program output: keeps origin and path, names wall and tile, and carries no secret", () => {
    expect(programOutputUrl(loc, 2, 5)).toBe("http://127.0.0.1:5173/?view=program&wall=2&tile=5");
    expect(parsePageView(new URL(programOutputUrl(loc, 2, 5)).search)).toEqual({ view: "program", wall: 2, tile: 5 });
  });
  it("wall windows: ?wall=N, the plain page for wall 1", () => {
    expect(wallWindowUrl(loc, 3)).toBe("http://127.0.0.1:5173/?wall=3");
    expect(wallWindowUrl(loc, 1)).toBe("http://127.0.0.1:5173/");
    expect(parsePageView(new URL(wallWindowUrl(loc, 3)).search)).toEqual({ view: "console", wall: 3 });
  });
  it("names one window per wall and per program tile", () => {
    expect(programWindowName(1, 5)).toBe("vigil-program-1-5");
    expect(programWindowName(2, 5)).toBe("vigil-program-2-5");
    expect(wallWindowName(4)).toBe("vigil-wall-4");
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
