import { expect, it } from "vitest";
import { TimestampRebaser } from "./timestamp-rebaser.js";

it("starts each viewer at 0 and keeps real spacing", () => {
  const r = new TimestampRebaser();
  expect(r.current()).toBe(0);
  expect([5000, 5040, 5080, 5120].map((t) => r.media(t))).toEqual([0, 40, 80, 120]);
  expect(r.current()).toBe(120);
});

it("never goes backwards: clamps small steps back, rebases big jumps", () => {
  const r = new TimestampRebaser();
  const input = [5100, 5140, 5130 /* audio interleave */, 5180, 20 /* source restarted */, 60, 95_000 /* jump ahead */, 95_040, 2 ** 32 - 10];
  const out = input.map((t) => r.media(t));
  for (let i = 1; i < out.length; i++) expect(out[i]!).toBeGreaterThanOrEqual(out[i - 1]!);
  expect(out.slice(0, 4)).toEqual([0, 40, 40, 80]);
  expect(out[4]).toBe(120); // one step after the last output
  expect(out[5]).toBe(160);
  expect(out[6]).toBe(200);
  expect(out[7]).toBe(240);
  expect(out[8]).toBe(280);
});

it("keeps a real gap of a few seconds (skipped GOP) as a gap", () => {
  const r = new TimestampRebaser();
  r.media(0);
  expect(r.media(3000)).toBe(3000);
});

it("continues one step after the last output when told the upstream restarted", () => {
  const r = new TimestampRebaser();
  r.markDiscontinuity(); // before any media: nothing to continue from
  expect([500, 540, 580].map((t) => r.media(t))).toEqual([0, 40, 80]);
  r.markDiscontinuity();
  expect([0, 40].map((t) => r.media(t))).toEqual([120, 160]);
});
