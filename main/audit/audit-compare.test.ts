// Unit tests of the local ↔ platform audit comparison: what each kind of tampering looks like, without I/O.
import { describe, expect, it } from "vitest";
import type { AuditCheckpoint, AuditEvent } from "../../contract/platform-api.js";
import { compareRange, compareTail, describeFinding, type AuditFinding, type LocalAuditRow } from "./audit-compare.js";

const id = (seq: number) => `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`;
const hash = (seq: number, v = "a") => v.repeat(63) + (seq % 10);
const local = (seq: number, over: Partial<LocalAuditRow> = {}): LocalAuditRow => ({ seq, id: id(seq), hash: hash(seq), uploaded: true, ...over });
const event = (seq: number): AuditEvent => ({ id: id(seq), seq, at: "2026-03-01T08:00:00.000Z", action: "stream.start", terminalId: "ws-01", hash: hash(seq) });
const checkpoint = (eventSeq: number, verified = true): AuditCheckpoint => ({
  id: id(eventSeq),
  eventSeq,
  seq: eventSeq - 1,
  hash: hash(eventSeq - 1),
  count: eventSeq - 1,
  signedAt: 0,
  key: "k".repeat(43),
  sig: "s".repeat(86),
  verified,
  receivedAt: "2026-03-01T08:00:00.000Z",
});
const seqs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("compareRange / compareTail", () => {
  it("finds nothing when both copies agree, across ranges", () => {
    const findings: AuditFinding[] = [];
    compareRange(seqs(1, 5).map((s) => local(s)), { events: seqs(1, 5).map(event), checkpoints: [checkpoint(5)] }, { after: 0, through: 5 }, findings);
    compareRange(seqs(5, 8).map((s) => local(s)), { events: seqs(6, 8).map(event), checkpoints: [] }, { after: 5, through: 8 }, findings);
    expect(findings).toEqual([]);
    expect(compareTail([local(9, { uploaded: false })], 8, findings)).toEqual({ pending: 1 });
    expect(findings).toEqual([]);
  });

  it("reports the newest records deleted as one run, across ranges, and names them the newest", () => {
    const findings: AuditFinding[] = [];
    compareRange(seqs(1, 7).map((s) => local(s)), { events: seqs(1, 8).map(event), checkpoints: [] }, { after: 0, through: 8 }, findings);
    compareRange([], { events: seqs(9, 10).map(event), checkpoints: [] }, { after: 8, through: 10 }, findings);
    expect(findings).toEqual([{ kind: "missing-locally", fromSeq: 8, toSeq: 10 }]);
    expect(describeFinding(findings[0]!, 7)).toBe("records #8–#10 (the newest 3 records) are on the platform but missing locally — deleted");
  });

  it("reports an edited record, a replaced one, an inserted one, and a rewritten chain against a verified checkpoint", () => {
    const findings: AuditFinding[] = [];
    const mine = [local(1), local(2, { hash: hash(2, "b") }), local(3, { id: id(99) }), local(4, { hash: hash(4, "c") }), local(5)];
    const platform = { events: [event(1), event(2), event(3), event(5)], checkpoints: [checkpoint(5), checkpoint(3, false)] };
    compareRange(mine, platform, { after: 0, through: 5 }, findings);
    expect(findings.map((f) => f.kind)).toEqual(["differs", "differs", "only-local", "checkpoint-disagrees"]);
    expect(describeFinding(findings[1]!, 5)).toContain("is another record than the platform's copy");
    expect(findings[3]).toEqual({ kind: "checkpoint-disagrees", checkpointSeq: 5, seq: 4, signedHash: hash(4), localHash: hash(4, "c") });
  });

  it("tells records marked uploaded that the platform lacks from records still waiting", () => {
    const findings: AuditFinding[] = [];
    expect(compareTail([local(4), local(5), local(6, { uploaded: false })], 3, findings)).toEqual({ pending: 1 });
    expect(findings).toEqual([{ kind: "uploaded-but-missing", fromSeq: 4, toSeq: 5 }]);
    expect(describeFinding(findings[0]!, 6)).toBe("records #4–#5 are marked as uploaded, but the platform has no copy");
  });
});
