// Unit tests of the audit hash chain: canonical form, genesis, and what each kind of tampering looks like.
import { describe, expect, it } from "vitest";
import { GENESIS, canonicalDetail, canonicalRecord, hashRecord, verifyChain, type AuditChainFields, type AuditChainRow } from "./audit-chain.js";

function fields(seq: number, over: Partial<AuditChainFields> = {}): AuditChainFields {
  return {
    seq,
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
    at: 1_760_000_000_000 + seq * 1000,
    action: seq % 2 ? "stream.open" : "stream.stop",
    username: "operator",
    departmentId: "dept-emergency",
    terminalId: "ws-01",
    cameraId: "52030200011326000001",
    basis: "UNCONDITIONAL",
    detail: { tile: seq % 16, sessionId: `s-${seq}`, muted: true, note: null },
    ...over,
  };
}

/** A valid chain of n records. */
function chain(n: number): AuditChainRow[] {
  const rows: AuditChainRow[] = [];
  let prev = GENESIS;
  for (let seq = 1; seq <= n; seq++) {
    const f = fields(seq);
    const hash = hashRecord(prev, f);
    rows.push({ ...f, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe("canonical form", () => {
  it("does not depend on the order detail keys were written in", () => {
    const a = fields(1, { detail: { b: 2, a: "x", c: null } });
    const b = fields(1, { detail: { c: null, a: "x", b: 2 } });
    expect(canonicalRecord(a)).toBe(canonicalRecord(b));
    expect(hashRecord(GENESIS, a)).toBe(hashRecord(GENESIS, b));
    expect(canonicalDetail({ z: 1, a: true })).toBe('{"a":true,"z":1}');
  });

  it("covers every field: changing any one changes the hash", () => {
    const base = fields(3);
    const h = hashRecord(GENESIS, base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    const changes: Partial<AuditChainFields>[] = [
      { seq: 4 },
      { id: "00000000-0000-4000-8000-999999999999" },
      { at: base.at + 1 },
      { action: "stream.refused" },
      { username: null },
      { departmentId: "dept-traffic" },
      { terminalId: "ws-02" },
      { cameraId: null },
      { basis: "GRANT" },
      { detail: { ...base.detail, tile: 15 } },
      { detail: { ...base.detail, extra: "" } },
    ];
    for (const change of changes) expect(hashRecord(GENESIS, { ...base, ...change })).not.toBe(h);
    expect(hashRecord("f".repeat(64), base)).not.toBe(h);
  });

  it("tells null from the string 'null' and a number from its text", () => {
    expect(hashRecord(GENESIS, fields(1, { username: null }))).not.toBe(hashRecord(GENESIS, fields(1, { username: "null" })));
    expect(hashRecord(GENESIS, fields(1, { detail: { tile: 3 } }))).not.toBe(hashRecord(GENESIS, fields(1, { detail: { tile: "3" } })));
  });
});

describe("verifyChain", () => {
  it("accepts an empty log and an intact chain starting at genesis", () => {
    const unsigned = (n: number) => ({ checkpoints: 0, lastCheckpointSeq: null, unanchored: n, overdue: false, keysTrusted: false });
    expect(verifyChain([])).toEqual({ ok: true, checked: 0, lastHash: GENESIS, anchor: unsigned(0) });
    const rows = chain(50);
    expect(verifyChain(rows)).toEqual({ ok: true, checked: 50, lastHash: rows[49]?.hash, anchor: unsigned(50) });
  });

  it("names an edited record (hash mismatch), even when only detail changed", () => {
    const rows = chain(10);
    rows[6] = { ...rows[6]!, detail: { ...rows[6]!.detail, tile: 9 } };
    expect(verifyChain(rows)).toMatchObject({ ok: false, checked: 6, firstBroken: { seq: 7, id: rows[6]!.id, problem: "hash-mismatch" } });
  });

  it("names the record after an edited one whose hash was recomputed (prev mismatch)", () => {
    const rows = chain(10);
    const edited = { ...rows[3]!, username: "someone-else" };
    rows[3] = { ...edited, hash: hashRecord(edited.prevHash, edited) };
    expect(verifyChain(rows).firstBroken).toMatchObject({ seq: 5, problem: "prev-mismatch" });
  });

  it("finds a deleted record as a seq gap, or as a prev mismatch when the rest was renumbered", () => {
    const rows = chain(10);
    const deleted = [...rows.slice(0, 4), ...rows.slice(5)];
    expect(verifyChain(deleted)).toMatchObject({ ok: false, checked: 4, firstBroken: { seq: 6, problem: "seq-gap", expectedSeq: 5 } });
    const renumbered = deleted.map((r, i) => ({ ...r, seq: i + 1 }));
    expect(verifyChain(renumbered).firstBroken).toMatchObject({ seq: 5, id: rows[5]!.id, problem: "prev-mismatch" });
  });

  it("finds the first record deleted (the chain must start at seq 1 from genesis)", () => {
    const rows = chain(5);
    expect(verifyChain(rows.slice(1)).firstBroken).toMatchObject({ seq: 2, problem: "seq-gap", expectedSeq: 1 });
    const renumbered = rows.slice(1).map((r, i) => ({ ...r, seq: i + 1 }));
    expect(verifyChain(renumbered).firstBroken).toMatchObject({ seq: 1, problem: "prev-mismatch" });
  });

  it("finds reordered records", () => {
    const rows = chain(6);
    // Rows handed over out of order.
    expect(verifyChain([rows[0]!, rows[2]!, rows[1]!, ...rows.slice(3)]).firstBroken).toMatchObject({ seq: 3, problem: "seq-gap" });
    // Two records' seq values swapped in the table, so they still come in seq order.
    const swapped = [rows[0]!, { ...rows[2]!, seq: 2 }, { ...rows[1]!, seq: 3 }, ...rows.slice(3)];
    expect(verifyChain(swapped).firstBroken).toMatchObject({ seq: 2, id: rows[2]!.id, problem: "prev-mismatch" });
  });

  it("rejects a first record that does not link to genesis", () => {
    const f = fields(1);
    const prev = "a".repeat(64);
    expect(verifyChain([{ ...f, prevHash: prev, hash: hashRecord(prev, f) }]).firstBroken).toMatchObject({ seq: 1, problem: "prev-mismatch" });
  });

  it("reports a damaged row as edited", () => {
    const rows = chain(3);
    rows[1] = { ...rows[1]!, damaged: "detail is not JSON" };
    expect(verifyChain(rows).firstBroken).toMatchObject({ seq: 2, problem: "hash-mismatch" });
  });
});
