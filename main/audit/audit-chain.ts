// Runs in main (and the audit:verify CLI). The audit log's hash chain as pure functions, no I/O: the canonical form
// of a record, its hash, and a verifier that walks records in seq order and names the first broken one.
import { createHash } from "node:crypto";

export type AuditDetailValue = string | number | boolean | null;
export type AuditDetail = Record<string, AuditDetailValue>;

/** The fields a record's hash covers (everything but the hashes themselves and the upload state). */
export type AuditChainFields = {
  seq: number;
  id: string;
  at: number;
  action: string;
  username: string | null;
  departmentId: string | null;
  terminalId: string;
  cameraId: string | null;
  basis: string | null;
  detail: AuditDetail;
};

export type AuditChainRow = AuditChainFields & {
  prevHash: string;
  hash: string;
  /** Set when a stored column could not be read back (e.g. detail is no longer JSON): the row was edited. */
  damaged?: string;
};

export type ChainProblem = "hash-mismatch" | "prev-mismatch" | "seq-gap";

export type ChainBreak = {
  seq: number;
  id: string;
  action: string;
  at: number;
  problem: ChainProblem;
  /** seq-gap: the seq the record should have had (the records from here to seq - 1 are missing). */
  expectedSeq?: number;
};

export type VerifyResult = {
  ok: boolean;
  /** Records found intact, in seq order, before the first broken one (all of them when ok). */
  checked: number;
  /** Hash of the last intact record; GENESIS for an empty log. */
  lastHash: string;
  firstBroken?: ChainBreak;
};

/** The prevHash of the first record. */
export const GENESIS = "0".repeat(64);

/** Format version of the canonical form, part of every hash so a future format can't be confused with this one. */
const CANONICAL_VERSION = 1;

function sortedDetail(detail: AuditDetail): AuditDetail {
  const out: AuditDetail = {};
  for (const key of Object.keys(detail).sort()) {
    const value = detail[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Canonical JSON of a record's detail: keys sorted, no whitespace. This is also how the log stores it. */
export function canonicalDetail(detail: AuditDetail): string {
  return JSON.stringify(sortedDetail(detail));
}

/** Canonical serialization of a record's hashed fields: fixed key order, detail keys sorted, no whitespace. */
export function canonicalRecord(fields: AuditChainFields): string {
  return JSON.stringify({
    v: CANONICAL_VERSION,
    seq: fields.seq,
    id: fields.id,
    at: fields.at,
    action: fields.action,
    username: fields.username,
    departmentId: fields.departmentId,
    terminalId: fields.terminalId,
    cameraId: fields.cameraId,
    basis: fields.basis,
    detail: sortedDetail(fields.detail),
  });
}

/** sha256 (hex) over the previous record's hash and this record's canonical form. */
export function hashRecord(prevHash: string, fields: AuditChainFields): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalRecord(fields)).digest("hex");
}

/**
 * Incremental verifier, for logs too large to hold at once: push rows in seq order, stop at the first break.
 * A deleted record shows as a seq gap (or, when the rows after it were renumbered, a prev mismatch); an edited
 * record as a hash mismatch; reordered records as a prev mismatch.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS;
  private intact = 0;
  private broken: ChainBreak | undefined;

  /** Checks the next row; returns false once the chain is broken (further rows are ignored). */
  push(row: AuditChainRow): boolean {
    if (this.broken) return false;
    const at = { seq: row.seq, id: row.id, action: row.action, at: row.at };
    if (row.seq !== this.expectedSeq) {
      this.broken = { ...at, problem: "seq-gap", expectedSeq: this.expectedSeq };
    } else if (row.prevHash !== this.prevHash) {
      this.broken = { ...at, problem: "prev-mismatch" };
    } else if (row.damaged !== undefined || hashRecord(row.prevHash, row) !== row.hash) {
      this.broken = { ...at, problem: "hash-mismatch" };
    }
    if (this.broken) return false;
    this.intact++;
    this.expectedSeq = row.seq + 1;
    this.prevHash = row.hash;
    return true;
  }

  result(): VerifyResult {
    return { ok: !this.broken, checked: this.intact, lastHash: this.prevHash, ...(this.broken ? { firstBroken: this.broken } : {}) };
  }
}

/** Verifies rows given in seq order, from the first record of the log. */
export function verifyChain(rows: Iterable<AuditChainRow>): VerifyResult {
  const verifier = new ChainVerifier();
  for (const row of rows) if (!verifier.push(row)) break;
  return verifier.result();
}
