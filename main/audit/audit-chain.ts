// Runs in main (and the audit:verify CLI). The audit log's hash chain as pure functions, no I/O: the canonical form
// of a record, its hash, and a verifier that walks records in seq order and names the first broken one. A hash chain
// alone has no key — anyone can recompute it after an edit — so the chain carries signed checkpoints (issue 10): an
// audit.checkpoint record states the seq and hash of the record before it, signed with the terminal's key. The
// verifier checks each against the terminal's keys and reports how many records follow the last one.
import { createHash } from "node:crypto";
import { AUDIT_CHECKPOINT_ACTION, AUDIT_CHECKPOINT_EVERY, AuditCheckpointDetailSchema } from "../../contract/platform-api.js";
import { checkpointMessage, verifyTerminalSignature } from "../../contract/terminal-signature.js";

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

/**
 * checkpoint-mismatch: a checkpoint's signed seq/hash is not the record before it (the chain was recomputed or cut);
 * checkpoint-signature: malformed, not signed by one of the terminal's keys, or the signature does not match.
 */
export type ChainProblem = "hash-mismatch" | "prev-mismatch" | "seq-gap" | "checkpoint-mismatch" | "checkpoint-signature";

export type ChainBreak = {
  seq: number;
  id: string;
  action: string;
  at: number;
  problem: ChainProblem;
  /** seq-gap: the seq the record should have had (the records from here to seq - 1 are missing). */
  expectedSeq?: number;
};

/** How far the signed checkpoints vouch for the chain. */
export type ChainAnchor = {
  /** Valid checkpoints among the intact records. */
  checkpoints: number;
  /** seq of the latest valid checkpoint record; null when there is none. */
  lastCheckpointSeq: number | null;
  /** Intact records after it (all of them when there is none): what no signature covers yet. */
  unanchored: number;
  /**
   * More unanchored records than a console leaves (it checkpoints every AUDIT_CHECKPOINT_EVERY records): checkpoints
   * were removed, or the log predates them.
   */
  overdue: boolean;
  /** Signatures were checked against the terminal's own keys; false: only against the key each checkpoint names. */
  keysTrusted: boolean;
};

export type VerifyResult = {
  ok: boolean;
  /** Records found intact, in seq order, before the first broken one (all of them when ok). */
  checked: number;
  /** Hash of the last intact record; GENESIS for an empty log. */
  lastHash: string;
  firstBroken?: ChainBreak;
  anchor: ChainAnchor;
};

export type VerifierOptions = {
  /**
   * The terminal's public keys (current and retired). Absent: a checkpoint is only checked against the key it names,
   * which proves nothing against someone who can rewrite the log with a key of their own.
   */
  trustedKeys?: readonly string[];
  /** Verify from this record on (its prevHash taken as given), e.g. from the last checkpoint. Default: from record 1. */
  from?: { seq: number; prevHash: string };
};

/** Whether a record is a valid checkpoint of the record before it; the problem otherwise. */
export function checkCheckpoint(row: AuditChainRow, trustedKeys: readonly string[] | undefined): ChainProblem | null {
  const parsed = AuditCheckpointDetailSchema.safeParse(row.detail);
  if (!parsed.success) return "checkpoint-signature";
  const d = parsed.data;
  if (d.seq !== row.seq - 1 || d.count !== d.seq || d.hash !== row.prevHash) return "checkpoint-mismatch";
  if (trustedKeys && !trustedKeys.includes(d.key)) return "checkpoint-signature";
  const message = checkpointMessage({ terminalId: row.terminalId, seq: d.seq, hash: d.hash, count: d.count, signedAt: d.signedAt });
  return verifyTerminalSignature(d.key, message, d.sig) ? null : "checkpoint-signature";
}

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
  private expectedSeq: number;
  private prevHash: string;
  private intact = 0;
  private broken: ChainBreak | undefined;
  private checkpoints = 0;
  private lastCheckpointSeq: number | null = null;
  private sinceCheckpoint = 0;

  constructor(private readonly opts: VerifierOptions = {}) {
    this.expectedSeq = opts.from?.seq ?? 1;
    this.prevHash = opts.from?.prevHash ?? GENESIS;
  }

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
    } else if (row.action === AUDIT_CHECKPOINT_ACTION) {
      const problem = checkCheckpoint(row, this.opts.trustedKeys);
      if (problem) this.broken = { ...at, problem };
    }
    if (this.broken) return false;
    this.intact++;
    this.expectedSeq = row.seq + 1;
    this.prevHash = row.hash;
    if (row.action === AUDIT_CHECKPOINT_ACTION) {
      this.checkpoints++;
      this.lastCheckpointSeq = row.seq;
      this.sinceCheckpoint = 0;
    } else {
      this.sinceCheckpoint++;
    }
    return true;
  }

  result(): VerifyResult {
    const anchor: ChainAnchor = {
      checkpoints: this.checkpoints,
      lastCheckpointSeq: this.lastCheckpointSeq,
      unanchored: this.sinceCheckpoint,
      overdue: this.sinceCheckpoint > AUDIT_CHECKPOINT_EVERY,
      keysTrusted: this.opts.trustedKeys !== undefined,
    };
    return { ok: !this.broken, checked: this.intact, lastHash: this.prevHash, ...(this.broken ? { firstBroken: this.broken } : {}), anchor };
  }
}

/** Verifies rows given in seq order, from the first record of the log. */
export function verifyChain(rows: Iterable<AuditChainRow>, opts: VerifierOptions = {}): VerifyResult {
  const verifier = new ChainVerifier(opts);
  for (const row of rows) if (!verifier.push(row)) break;
  return verifier.result();
}
