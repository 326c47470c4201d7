// Mutated real input: the parser must yield tags or throw FlvParseError, nothing else, and never hang.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { FlvParseError, FlvParser } from "./flv-parser.js";

const clip = readFileSync(fileURLToPath(new URL("../../resources/demo/mountain.flv", import.meta.url))).subarray(0, 48 * 1024);

/** mulberry32: small, seeded, reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

it("survives 400 seeded mutations of a real clip", () => {
  const rand = prng(20240601);
  const started = performance.now();
  const outcomes = { ok: 0, parseError: 0 };
  for (let round = 0; round < 400; round++) {
    const bytes = Buffer.from(clip);
    const edits = 1 + Math.floor(rand() * 8);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rand() * bytes.length);
      const kind = rand();
      // Bias towards the first bytes, where the header and tag headers live.
      const pos = kind < 0.3 ? Math.floor(rand() * 400) : at;
      if (kind < 0.6) bytes[pos] = Math.floor(rand() * 256);
      else if (kind < 0.8) bytes[pos] = (bytes[pos] ?? 0) ^ (1 << Math.floor(rand() * 8));
      else bytes.fill(0xff, pos, pos + Math.floor(rand() * 6));
    }
    const cut = rand() < 0.3 ? Math.floor(rand() * bytes.length) : bytes.length;
    const parser = new FlvParser();
    try {
      for (let pos = 0; pos < cut; pos += 1 + Math.floor(rand() * 9000)) parser.push(bytes.subarray(pos, Math.min(cut, pos + 9000)));
      outcomes.ok++;
    } catch (err) {
      if (!(err instanceof FlvParseError)) throw new Error(`round ${round}: unexpected ${String(err)}`);
      expect(err.message.length).toBeGreaterThan(10);
      outcomes.parseError++;
    }
  }
  expect(outcomes.ok + outcomes.parseError).toBe(400);
  expect(outcomes.parseError).toBeGreaterThan(0);
  expect(performance.now() - started).toBeLessThan(10_000);
});
