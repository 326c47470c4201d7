import { describe, expect, it } from "vitest";
import { AccessClock } from "./access-clock.js";

describe("access clock", () => {
  it("advances with the monotonic clock, not the system clock", () => {
    let wall = 1_000_000;
    let mono = 50;
    const clock = new AccessClock({ wallNow: () => wall, monoNow: () => mono });
    expect(clock.now()).toBe(1_000_000);
    mono += 10_000;
    wall -= 3_600_000; // someone sets the system clock back an hour
    expect(clock.now()).toBe(1_010_000);
  });

  it("moves forward only in test mode, and tells listeners", () => {
    const mono = 0;
    const seen: number[] = [];
    const clock = new AccessClock({ testMode: true, wallNow: () => 5_000, monoNow: () => mono });
    clock.onJump((now) => seen.push(now));
    expect(clock.advance(60_000)).toBe(65_000);
    expect(seen).toEqual([65_000]);
    expect(() => clock.advance(-1)).toThrow(/never moves back/);
    expect(() => new AccessClock().advance(1)).toThrow(/test mode/);
  });
});
