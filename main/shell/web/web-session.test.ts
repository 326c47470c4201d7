import { describe, expect, it } from "vitest";
import { LAUNCH_CODE_TTL_MS, LaunchCodes, MAX_LIVE_CODES, readCookie, secretMatches, sessionCookieName, sessionSetCookie, withoutCode } from "./web-session.js";

function codes() {
  let now = 1_000_000;
  let n = 0;
  const c = new LaunchCodes(() => `code-${++n}`, () => now);
  return { c, advance: (ms: number) => (now += ms) };
}

describe("launch codes", () => {
  it("open the console once", () => {
    const { c } = codes();
    const code = c.mint();
    expect(c.redeem(code)).toBe(true);
    expect(c.redeem(code)).toBe(false);
  });
  it("die unused after their time", () => {
    const { c, advance } = codes();
    const code = c.mint();
    advance(LAUNCH_CODE_TTL_MS);
    expect(c.redeem(code)).toBe(false);
    const next = c.mint();
    advance(LAUNCH_CODE_TTL_MS - 1);
    expect(c.redeem(next)).toBe(true);
  });
  it("are refused when unknown, empty or missing", () => {
    const { c } = codes();
    c.mint();
    expect(c.redeem("code-999")).toBe(false);
    expect(c.redeem("")).toBe(false);
    expect(c.redeem(null)).toBe(false);
  });
  it("keep at most a few alive: a new one drops the oldest", () => {
    const { c } = codes();
    const first = c.mint();
    for (let i = 0; i < MAX_LIVE_CODES; i++) c.mint();
    expect(c.redeem(first)).toBe(false);
    expect(c.redeem(`code-${MAX_LIVE_CODES + 1}`)).toBe(true);
  });
});

describe("the session cookie", () => {
  it("is HttpOnly, SameSite=Strict, host-only, for the whole origin, gone with the browser", () => {
    const header = sessionSetCookie(sessionCookieName(4100), "s3cret");
    expect(header).toBe("vigil_4100=s3cret; Path=/; HttpOnly; SameSite=Strict");
    expect(header).not.toMatch(/Domain|Max-Age|Expires/);
  });
  it("is read from a Cookie header among others", () => {
    expect(readCookie("a=1; vigil_4100=s3cret; vigil_4101=other", "vigil_4100")).toBe("s3cret");
    expect(readCookie("vigil_41000=x", "vigil_4100")).toBeNull();
    expect(readCookie(undefined, "vigil_4100")).toBeNull();
  });
  it("is compared whole", () => {
    expect(secretMatches("s3cret", "s3cret")).toBe(true);
    expect(secretMatches("s3cret", "s3cre")).toBe(false);
    expect(secretMatches("s3cret", null)).toBe(false);
  });
});

describe("withoutCode", () => {
  it("keeps the page and its other parameters", () => {
    expect(withoutCode(new URL("http://127.0.0.1:1/?code=abc"))).toBe("/");
    expect(withoutCode(new URL("http://127.0.0.1:1/?view=program&code=abc&tile=2"))).toBe("/?view=program&tile=2");
  });
});
