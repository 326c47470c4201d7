// Runs in main. The console's local audit log: append-only rows in SQLite (triggers refuse UPDATE/DELETE), each
// hash-chained to the one before, every row queued in an outbox until the platform has accepted it. With a signer
// (the terminal key), the log anchors itself: every AUDIT_CHECKPOINT_EVERY records, and whenever checkpoint() is
// called (start, every few minutes, clean shutdown), it appends a checkpoint signed over the newest record — after
// verifying the chain from the last checkpoint, so it never vouches for records changed behind its back.
import { randomUUID } from "node:crypto";
import type { AuditPage, AuditQuery, AuditRecord } from "../../contract/console-api.js";
import { AUDIT_CHECKPOINT_ACTION, AUDIT_CHECKPOINT_EVERY } from "../../contract/platform-api.js";
import { checkpointMessage } from "../../contract/terminal-signature.js";
import type { Database, Row } from "../store/database.js";
import {
  ChainVerifier,
  GENESIS,
  canonicalDetail,
  hashRecord,
  type AuditChainRow,
  type AuditDetail,
  type AuditDetailValue,
  type VerifierOptions,
  type VerifyResult,
} from "./audit-chain.js";

/** The platform's action pattern: lowercase dotted name, e.g. stream.start. */
export const AUDIT_ACTION_PATTERN = /^[a-z][a-z0-9._-]{0,63}$/;
const TERMINAL_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
/** The platform stores detail strings of at most this many characters; longer ones are cut at append. */
export const AUDIT_DETAIL_MAX_CHARS = 1024;
const DEFAULT_QUERY_LIMIT = 100;
const VERIFY_PAGE = 2000;

export type AuditAppendInput = {
  action: string;
  username: string | null;
  departmentId: string | null;
  cameraId?: string | null;
  basis?: string | null;
  detail?: Record<string, AuditDetailValue>;
};

/** A record still in the outbox, with how often its upload has failed so far. */
export type PendingAuditRecord = AuditRecord & { attempts: number };

/** Signs checkpoints: the terminal key (main/platform/terminal-key.ts). */
export type AuditSigner = { publicKey: string; retired?: readonly string[]; sign(message: Buffer): string };

/** Why a checkpoint was taken (kept in its detail, not signed). */
export type CheckpointReason = "records" | "interval" | "start" | "shutdown";

/** How often the console checkpoints when fewer than AUDIT_CHECKPOINT_EVERY records came in. */
export const AUDIT_CHECKPOINT_INTERVAL_MS = 5 * 60_000;

export type AuditLogOptions = {
  /** This installation's terminal id (sent at platform login); 1-64 of [A-Za-z0-9._:-]. */
  terminalId: string;
  /** The console's access clock, ms: the `at` of each record. */
  now: () => number;
  /** Signs checkpoints. Absent: no checkpoints (the chain then has no key; verify reports it unanchored). */
  signer?: AuditSigner;
  /** A checkpoint was refused (the chain does not verify from the last one); the operations log should say so. */
  onWarning?: (message: string) => void;
};

type AuditRow = {
  seq: number;
  id: string;
  at: number;
  action: string;
  username: string | null;
  department_id: string | null;
  terminal_id: string;
  camera_id: string | null;
  basis: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
};

const COLUMNS = "l.seq, l.id, l.at, l.action, l.username, l.department_id, l.terminal_id, l.camera_id, l.basis, l.detail, l.prev_hash, l.hash";

/** Reads `sql` with `params` and returns its rows: Database.all, or a read-only connection's (the verify CLI). */
export type AuditReader = <T extends Row>(sql: string, params: unknown[]) => Promise<T[]>;

/** Replaces lone UTF-16 surrogates (which SQLite's UTF-8 would turn into U+FFFD and so break the hash). */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  // Never end on the first half of a surrogate pair.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function optionalText(value: string | null | undefined): string | null {
  return value === undefined || value === null ? null : wellFormed(value);
}

/** Detail as it is stored and hashed: strings well-formed and at most 1024 chars; numbers finite (else text). */
function normalizeDetail(detail: Record<string, AuditDetailValue> | undefined): AuditDetail {
  const out: AuditDetail = {};
  for (const [rawKey, value] of Object.entries(detail ?? {})) {
    if (value === undefined) continue;
    const key = wellFormed(rawKey);
    if (typeof value === "string") out[key] = truncate(wellFormed(value), AUDIT_DETAIL_MAX_CHARS);
    else if (typeof value === "number") out[key] = Number.isFinite(value) ? value : String(value);
    else if (typeof value === "boolean" || value === null) out[key] = value;
    else throw new Error(`audit detail "${key}": expected a string, number, boolean or null, got ${typeof value}`);
  }
  return out;
}

function parseDetail(text: string): AuditDetail | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
    const out: AuditDetail = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null) out[k] = v;
      else return null;
    }
    return out;
  } catch {
    return null;
  }
}

function text(value: unknown): string {
  return typeof value === "string" ? value : String(value);
}

function nullableText(value: unknown): string | null {
  return value === null || value === undefined ? null : text(value);
}

/** A stored row as the chain sees it; a column that can't be read back marks the row damaged (it was edited). */
export function chainRowFromDb(row: AuditRow): AuditChainRow {
  const detail = parseDetail(text(row.detail));
  return {
    seq: Number(row.seq),
    id: text(row.id),
    at: Number(row.at),
    action: text(row.action),
    username: nullableText(row.username),
    departmentId: nullableText(row.department_id),
    terminalId: text(row.terminal_id),
    cameraId: nullableText(row.camera_id),
    basis: nullableText(row.basis),
    detail: detail ?? {},
    prevHash: text(row.prev_hash),
    hash: text(row.hash),
    ...(detail === null ? { damaged: "detail is not a JSON object of scalars" } : {}),
  };
}

function recordFromDb(row: AuditRow & { pending: number | null }): AuditRecord {
  const chain = chainRowFromDb(row);
  return {
    seq: chain.seq,
    id: chain.id,
    at: chain.at,
    action: chain.action,
    username: chain.username,
    departmentId: chain.departmentId,
    terminalId: chain.terminalId,
    cameraId: chain.cameraId,
    basis: chain.basis,
    detail: chain.damaged ? { unreadable: truncate(text(row.detail), AUDIT_DETAIL_MAX_CHARS) } : chain.detail,
    prevHash: chain.prevHash,
    hash: chain.hash,
    uploaded: row.pending === null,
  };
}

/**
 * Walks the whole log in seq order, a page at a time (a million rows never load at once), and verifies the chain.
 * Used by AuditLog.verify and by the audit:verify CLI on a read-only connection.
 */
export async function verifyAuditTable(read: AuditReader, pageSize = VERIFY_PAGE, opts: VerifierOptions = {}): Promise<VerifyResult> {
  const verifier = new ChainVerifier(opts);
  let after = opts.from ? opts.from.seq - 1 : -Infinity;
  for (;;) {
    const rows = await read<AuditRow>(`SELECT ${COLUMNS} FROM audit_log l WHERE l.seq > ? ORDER BY l.seq LIMIT ?`, [after, pageSize]);
    for (const row of rows) {
      if (!verifier.push(chainRowFromDb(row))) return verifier.result();
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return verifier.result();
    after = Number(last.seq);
  }
}

/** WHERE clause and parameters for an audit query's filters. */
function queryFilter(q: AuditQuery): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (q.cameraId !== undefined) {
    clauses.push("l.camera_id = ?");
    params.push(q.cameraId);
  }
  if (q.username !== undefined) {
    clauses.push("l.username = ?");
    params.push(q.username);
  }
  if (q.action !== undefined) {
    // An action or a dotted prefix of it: "stream" (or "stream.") matches stream.open, stream.start, …
    // One index range ["stream", "stream/") ('/' follows '.') holds "stream", "stream-…" and "stream.…"; the second
    // condition drops "stream-…".
    const base = q.action.replace(/\.+$/, "");
    clauses.push("l.action >= ? AND l.action < ? AND (l.action = ? OR l.action >= ?)");
    params.push(base, `${base}/`, base, `${base}.`);
  }
  if (q.from !== undefined) {
    clauses.push("l.at >= ?");
    params.push(q.from);
  }
  if (q.to !== undefined) {
    clauses.push("l.at <= ?");
    params.push(q.to);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

/** Attempts at one append when SQLite answers busy. */
const BUSY_RETRIES = 5;

export class AuditLog {
  private readonly terminalId: string;
  private readonly now: () => number;
  private readonly signer: AuditSigner | undefined;
  private readonly onWarning: (message: string) => void;
  /** Appends run one after another, so two never read the same last hash (the chain never forks). */
  private tail: Promise<unknown> = Promise.resolve();
  /** seq of the latest checkpoint record (0: none); read from the table on first use. */
  private lastCheckpointSeq: number | null = null;
  /** The chain failed verification at this seq: automatic checkpoints wait for an explicit checkpoint() call. */
  private refusedAt: number | null = null;

  constructor(
    private readonly db: Database,
    opts: AuditLogOptions,
  ) {
    if (!TERMINAL_ID_PATTERN.test(opts.terminalId)) {
      throw new Error(`audit log: terminal id "${opts.terminalId}" must be 1-64 of [A-Za-z0-9._:-]`);
    }
    this.terminalId = opts.terminalId;
    this.now = opts.now;
    this.signer = opts.signer;
    this.onWarning = opts.onWarning ?? (() => undefined);
  }

  /**
   * Appends one record and queues it for upload. Throws on a malformed action (a programming error); detail
   * strings longer than 1024 characters are cut. Resolves once the row is written.
   */
  append(input: AuditAppendInput): Promise<AuditRecord> {
    if (!AUDIT_ACTION_PATTERN.test(input.action)) {
      return Promise.reject(new Error(`audit action "${input.action}" must be a lowercase dotted name like "stream.open" (${AUDIT_ACTION_PATTERN})`));
    }
    let detail: AuditDetail;
    try {
      detail = normalizeDetail(input.detail);
    } catch (err) {
      return Promise.reject(err);
    }
    const run = this.tail.then(async () => {
      const record = await this.write(input, detail);
      if (this.signer && this.refusedAt === null && record.seq - (await this.checkpointSeq()) >= AUDIT_CHECKPOINT_EVERY) {
        await this.writeCheckpoint("records").catch((err: unknown) => this.onWarning(`audit checkpoint failed: ${err instanceof Error ? err.message : String(err)}`));
      }
      return record;
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Appends a signed checkpoint over the newest record, unless the newest record is a checkpoint already (or there is
   * no signer). Resolves with it, or null when none was due or the chain failed verification (reported via onWarning).
   */
  checkpoint(reason: CheckpointReason): Promise<AuditRecord | null> {
    const run = this.tail.then(() => this.writeCheckpoint(reason));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** The terminal's keys, for verifying this log's checkpoints. */
  private get trustedKeys(): readonly string[] | undefined {
    return this.signer ? [this.signer.publicKey, ...(this.signer.retired ?? [])] : undefined;
  }

  private async checkpointSeq(): Promise<number> {
    if (this.lastCheckpointSeq === null) {
      const row = await this.db.get<{ seq: number | null }>("SELECT MAX(seq) AS seq FROM audit_log WHERE action = ?", [AUDIT_CHECKPOINT_ACTION]);
      this.lastCheckpointSeq = Number(row?.seq ?? 0);
    }
    return this.lastCheckpointSeq;
  }

  private async writeCheckpoint(reason: CheckpointReason): Promise<AuditRecord | null> {
    const signer = this.signer;
    if (!signer) return null;
    const last = await this.db.get<{ seq: number; hash: string; action: string }>("SELECT seq, hash, action FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (!last || last.action === AUDIT_CHECKPOINT_ACTION) return null;
    // Vouch only for what verifies: the chain from the last checkpoint (itself included) to the newest record.
    const from = await this.checkpointSeq();
    const start = from > 0 ? await this.db.get<{ prev_hash: string }>("SELECT prev_hash FROM audit_log WHERE seq = ?", [from]) : undefined;
    const check = await verifyAuditTable(<T extends Row>(sql: string, params: unknown[]) => this.db.all<T>(sql, params), VERIFY_PAGE, {
      ...(this.trustedKeys ? { trustedKeys: this.trustedKeys } : {}),
      ...(start ? { from: { seq: from, prevHash: String(start.prev_hash) } } : {}),
    });
    if (!check.ok) {
      const b = check.firstBroken;
      this.refusedAt = Number(last.seq);
      this.onWarning(`audit log: not signing a checkpoint, the chain does not verify from the last one (record #${b?.seq ?? "?"}: ${b?.problem ?? "unknown"}); run npm run audit:verify`);
      return null;
    }
    this.refusedAt = null;
    const seq = Number(last.seq);
    const hash = String(last.hash);
    const signedAt = this.now();
    const sig = signer.sign(checkpointMessage({ terminalId: this.terminalId, seq, hash, count: seq, signedAt }));
    const record = await this.write(
      { action: AUDIT_CHECKPOINT_ACTION, username: null, departmentId: null },
      { seq, hash, count: seq, signedAt, key: signer.publicKey, sig, reason },
      signedAt,
    );
    this.lastCheckpointSeq = record.seq;
    return record;
  }

  private async write(input: AuditAppendInput, detail: AuditDetail, at = this.now()): Promise<AuditRecord> {
    if (!Number.isSafeInteger(at)) throw new Error(`audit log: the clock returned ${at}, not an integer ms timestamp`);
    const last = await this.db.get<{ seq: number; hash: string }>("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    const fields = {
      seq: last ? Number(last.seq) + 1 : 1,
      id: randomUUID(),
      at,
      action: input.action,
      username: optionalText(input.username),
      departmentId: optionalText(input.departmentId),
      terminalId: this.terminalId,
      cameraId: optionalText(input.cameraId),
      basis: optionalText(input.basis),
      detail,
    };
    const prevHash = last ? last.hash : GENESIS;
    const hash = hashRecord(prevHash, fields);
    // One statement: the row and (through the audit_log_enqueue trigger) its outbox entry are written atomically.
    // The console gives the audit log its own connection (main/app/compose.ts), so no other flow's transaction can
    // take this record down with it.
    const insert = () =>
      this.db.run(
        `INSERT INTO audit_log (seq, id, at, action, username, department_id, terminal_id, camera_id, basis, detail, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [fields.seq, fields.id, fields.at, fields.action, fields.username, fields.departmentId, fields.terminalId, fields.cameraId, fields.basis, canonicalDetail(detail), prevHash, hash],
      );
    // WAL can answer SQLITE_BUSY without waiting (a snapshot gone stale under the other connection's write): the
    // statement is safe to repeat, and a record must not be lost to it.
    for (let attempt = 1; ; attempt++) {
      try {
        await insert();
        break;
      } catch (err) {
        if (attempt >= BUSY_RETRIES || !(err instanceof Error) || !err.message.startsWith("SQLITE_BUSY")) throw err;
        await new Promise((r) => setTimeout(r, 20 * attempt));
      }
    }
    return { ...fields, prevHash, hash, uploaded: false };
  }

  /** Waits until every append issued so far has been written (or failed). */
  async flush(): Promise<void> {
    await this.tail;
  }

  /** Records matching the filters, newest first, and how many match in all. */
  async query(q: AuditQuery): Promise<AuditPage> {
    const { where, params } = queryFilter(q);
    const limit = q.limit ?? DEFAULT_QUERY_LIMIT;
    const offset = q.offset ?? 0;
    // The page's seqs first (from the filter's index alone), then only those rows: a filter matching many rows
    // never sorts full rows.
    const [rows, count] = await Promise.all([
      this.db.all<AuditRow & { pending: number | null }>(
        `SELECT ${COLUMNS}, o.seq AS pending FROM audit_log l LEFT JOIN audit_outbox o ON o.seq = l.seq
         WHERE l.seq IN (SELECT l.seq FROM audit_log l ${where} ORDER BY l.seq DESC LIMIT ? OFFSET ?)
         ORDER BY l.seq DESC`,
        [...params, limit, offset],
      ),
      this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_log l ${where}`, params),
    ]);
    return { items: rows.map(recordFromDb), total: count?.n ?? 0 };
  }

  /** Up to `limit` records waiting for upload whose next attempt is due at `now`, oldest first. */
  async pendingUploads(limit: number, now: number): Promise<PendingAuditRecord[]> {
    const rows = await this.db.all<AuditRow & { pending: number; attempts: number }>(
      `SELECT ${COLUMNS}, o.seq AS pending, o.attempts FROM audit_outbox o JOIN audit_log l ON l.seq = o.seq
       WHERE o.next_attempt_at <= ? ORDER BY o.seq LIMIT ?`,
      [now, limit],
    );
    return rows.map((row) => ({ ...recordFromDb(row), attempts: Number(row.attempts) }));
  }

  /** When the earliest waiting record is due (ms on the uploader's clock), or null when nothing waits. */
  async nextUploadAt(): Promise<number | null> {
    const row = await this.db.get<{ due: number | null }>("SELECT MIN(next_attempt_at) AS due FROM audit_outbox");
    return row?.due ?? null;
  }

  /** How many records wait for upload. */
  async pendingCount(): Promise<number> {
    const row = await this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM audit_outbox");
    return row?.n ?? 0;
  }

  /** The platform accepted these records (stored or already known): they leave the outbox. Returns how many left. */
  async markUploaded(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const res = await this.db.run(
      "DELETE FROM audit_outbox WHERE seq IN (SELECT seq FROM audit_log WHERE id IN (SELECT value FROM json_each(?)))",
      [JSON.stringify(ids)],
    );
    return res.changes;
  }

  /** An upload of these records failed: count the attempt and wait until `nextAttemptAt` before the next one. */
  async deferUploads(ids: readonly string[], nextAttemptAt: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db.run(
      `UPDATE audit_outbox SET attempts = attempts + 1, next_attempt_at = ?
       WHERE seq IN (SELECT seq FROM audit_log WHERE id IN (SELECT value FROM json_each(?)))`,
      [nextAttemptAt, JSON.stringify(ids)],
    );
  }

  /** Verifies the whole chain in seq order, a page at a time, with its checkpoints against the terminal's keys. */
  verify(): Promise<VerifyResult> {
    const trustedKeys = this.trustedKeys;
    return verifyAuditTable(<T extends Row>(sql: string, params: unknown[]) => this.db.all<T>(sql, params), VERIFY_PAGE, trustedKeys ? { trustedKeys } : {});
  }
}
