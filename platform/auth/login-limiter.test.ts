// The login limiter on a fake clock: growing waits per (user, address), never a lockout elsewhere.
import { describe, expect, it } from "vitest";
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimiterOptions } from "./login-limiter.js";

function limiter(overrides: Partial<LoginLimiterOptions> = {}): { limiter: LoginLimiter; clock: { t: number } } {
  const clock = { t: 1_700_000_000_000 };
  return { limiter: new LoginLimiter({ ...DEFAULT_LOGIN_LIMITS, ...overrides, now: () => clock.t }), clock };
}

const failTimes = (l: LoginLimiter, n: number, user = "commander", address = "10.0.0.9"): void => {
  for (let i = 0; i < n; i++) l.fail(user, address);
};

describe("login limiter", () => {
  it("lets the first failures through, then makes the pair wait longer after each further one", () => {
    const { limiter: l, clock } = limiter();
    failTimes(l, 4);
    expect(l.retryAfterS("commander", "10.0.0.9")).toBe(0);
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      l.fail("commander", "10.0.0.9");
      const wait = l.retryAfterS("commander", "10.0.0.9");
      waits.push(wait);
      // Waiting it out allows the next try (which fails again here).
      clock.t += wait * 1000;
      expect(l.retryAfterS("commander", "10.0.0.9")).toBe(0);
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
  });

  it("counts per (user, address): the same user elsewhere and other users on the same address are not held up", () => {
    const { limiter: l } = limiter();
    // Fifty wrong passwords for the commander from one address (the console's own loopback logins among them).
    failTimes(l, 50, "commander", "127.0.0.1");
    expect(l.retryAfterS("commander", "127.0.0.1")).toBeGreaterThan(0);
    expect(l.retryAfterS("commander", "10.0.0.2")).toBe(0);
    expect(l.retryAfterS("operator", "127.0.0.1")).toBe(0);
    // A username is one pair whatever its case.
    expect(l.retryAfterS("Commander", "127.0.0.1")).toBeGreaterThan(0);
  });

  it("never waits longer than the cap, so no one is locked out for good", () => {
    const { limiter: l } = limiter();
    failTimes(l, 1000);
    expect(l.retryAfterS("commander", "10.0.0.9")).toBe(DEFAULT_LOGIN_LIMITS.maxDelayMs / 1000);
  });

  it("clears a pair on success, and forgets it after a quiet spell", () => {
    const { limiter: l, clock } = limiter();
    failTimes(l, 6);
    l.succeed("commander", "10.0.0.9");
    expect(l.retryAfterS("commander", "10.0.0.9")).toBe(0);
    failTimes(l, 4);
    // One more failure would start the waits; after the quiet spell the count starts over.
    clock.t += DEFAULT_LOGIN_LIMITS.forgetMs;
    failTimes(l, 4);
    expect(l.retryAfterS("commander", "10.0.0.9")).toBe(0);
    // A success from another address does not clear this pair.
    failTimes(l, 2);
    l.succeed("commander", "10.0.0.2");
    expect(l.retryAfterS("commander", "10.0.0.9")).toBeGreaterThan(0);
  });

  it("remembers a bounded number of pairs, dropping the longest quiet first", () => {
    const { limiter: l, clock } = limiter({ maxTracked: 3 });
    for (const user of ["a", "b", "c", "d"]) {
      failTimes(l, 6, user);
      clock.t += 1;
    }
    expect(l.tracked).toBe(3);
    expect(l.retryAfterS("a", "10.0.0.9")).toBe(0);
    expect(l.retryAfterS("d", "10.0.0.9")).toBeGreaterThan(0);
  });
});
