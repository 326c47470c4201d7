import { describe, expect, it } from "vitest";
import { AccessClock } from "./access-clock.js";
import type { AccessRule } from "../../contract/access-evaluator.js";
import { GrantTimer, timedRules, warningsDue, type WarningMinutes } from "./grant-timer.js";

const MIN = 60_000;

describe("warningsDue", () => {
  const none = new Set<WarningMinutes>();
  it("says nothing with more than 10 minutes left", () => expect(warningsDue(11 * MIN, none, false)).toEqual({ say: [], skip: [] }));
  it("says 10 when crossing 10", () => expect(warningsDue(10 * MIN - 1, none, false)).toEqual({ say: [10], skip: [] }));
  it("skips thresholds already passed at first sight", () => expect(warningsDue(4 * MIN, none, true)).toEqual({ say: [], skip: [10, 5] }));
  it("a jump across several thresholds says only the tightest", () => expect(warningsDue(30_000, new Set([10]), false)).toEqual({ say: [1], skip: [5] }));
  it("never repeats", () => expect(warningsDue(30_000, new Set([10, 5, 1]), false)).toEqual({ say: [], skip: [] }));
});

describe("GrantTimer", () => {
  const rule = (refId: string, validUntil: number): AccessRule => ({
    id: refId, basis: "GRANT", scope: { kind: "region", civilCode: "5203" }, validFrom: 0, validUntil, requiresMediaUse: false, classes: null, refId,
  });

  it("warns at 10, 5 and 1 minutes and reports the end once, on the access clock", () => {
    const mono = { t: 0 };
    const clock = new AccessClock({ testMode: true, wallNow: () => 1_000_000, monoNow: () => mono.t });
    let rules = [rule("G1", 1_000_000 + 15 * MIN)];
    const seen: string[] = [];
    const timer = new GrantTimer({
      clock,
      rules: () => rules,
      events: { warn: (r, m) => seen.push(`${r.refId} warn ${m}`), expired: (r) => seen.push(`${r.refId} expired`), tick: () => undefined },
    });
    timer.check();
    mono.t = 6 * MIN;
    timer.check();
    mono.t = 10 * MIN + 1;
    timer.check();
    mono.t = 14 * MIN + 1;
    timer.check();
    timer.check();
    mono.t = 15 * MIN;
    timer.check();
    timer.check();
    expect(seen).toEqual(["G1 warn 10", "G1 warn 5", "G1 warn 1", "G1 expired"]);
    // An extension (new end) is a new countdown; a withdrawn rule is not an expiry.
    rules = [rule("G2", 1_000_000 + 30 * MIN)];
    timer.check();
    rules = [];
    timer.check();
    expect(seen).toEqual(["G1 warn 10", "G1 warn 5", "G1 warn 1", "G1 expired"]);
  });

  it("a test clock jump past the end reports it immediately", () => {
    const clock = new AccessClock({ testMode: true, wallNow: () => 0, monoNow: () => 0 });
    const seen: string[] = [];
    const timer = new GrantTimer({ clock, rules: () => [rule("G", 60_000)], events: { warn: () => undefined, expired: (r) => seen.push(r.refId), tick: () => undefined } });
    timer.start();
    clock.advance(61_000);
    timer.stop();
    expect(seen).toEqual(["G"]);
  });

  it("timedRules keeps one entry per grant, soonest end first, only active ones", () => {
    const rules = [rule("B", 500), rule("A", 200), rule("A", 300), { ...rule("C", 900), validFrom: 150 }, { ...rule("S", 100), refId: null }];
    expect(timedRules(rules, 100).map((r) => `${r.refId}:${r.validUntil}`)).toEqual(["A:300", "B:500"]);
  });
});
