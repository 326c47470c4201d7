// Runs in the platform API. The platform's copy of every console's audit log: each event stored once (by id) with
// its terminal and place in that terminal's chain, and each checkpoint kept with the platform's verdict on its
// signature — checked against the terminal key the uploading session registered at login (issue 10). An auditor
// compares a console's local log with this copy (`npm run audit:verify -- --against-platform`).
import {
  AUDIT_CHECKPOINT_ACTION,
  AuditCheckpointDetailSchema,
  AuditEventSchema,
  type AuditBatchResult,
  type AuditChainPage,
  type AuditCheckpoint,
  type AuditEvent,
} from "../../contract/platform-api.js";
import { checkpointMessage, verifyTerminalSignature } from "../../contract/terminal-signature.js";
import type { AuthContext } from "../auth/session-service.js";
import type { Database } from "../store/platform-database.js";

type Ack = NonNullable<AuditBatchResult["checkpoints"]>[number];
type CheckpointRow = {
  event_id: string;
  event_seq: number;
  seq: number;
  hash: string;
  count: number;
  signed_at: number;
  public_key: string;
  signature: string;
  verified: number;
  received_at: number;
};

const CHECKPOINT_COLUMNS = "event_id, event_seq, seq, hash, count, signed_at, public_key, signature, verified, received_at";

/**
 * The platform's verdict on a checkpoint event: it must cover the record just before it (the one its prevHash names),
 * be signed with the key this session registered, for this session's terminal.
 */
function verifyCheckpoint(e: AuditEvent, auth: AuthContext): { detail: ReturnType<typeof AuditCheckpointDetailSchema.parse>; verified: boolean } | null {
  const parsed = AuditCheckpointDetailSchema.safeParse(e.detail ?? {});
  if (!parsed.success || e.seq === undefined) return null;
  const d = parsed.data;
  const consistent = d.seq === e.seq - 1 && d.count === d.seq && d.hash === e.prevHash;
  const ours = auth.terminalKey !== null && d.key === auth.terminalKey && e.terminalId === auth.terminalId;
  const signed = verifyTerminalSignature(d.key, checkpointMessage({ terminalId: e.terminalId, seq: d.seq, hash: d.hash, count: d.count, signedAt: d.signedAt }), d.sig);
  return { detail: d, verified: consistent && ours && signed };
}

/** Stores a batch (idempotent by event id); acknowledges the checkpoints in it, also when they were stored before. */
export async function storeAuditBatch(db: Database, events: readonly AuditEvent[], auth: AuthContext, now: number): Promise<AuditBatchResult> {
  const duplicates: string[] = [];
  const acks: Ack[] = [];
  let stored = 0;
  for (const e of events) {
    const res = await db.run(
      `INSERT INTO audit_event (id, user_id, session_id, received_at, at, action, camera_id, record, terminal_id, seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
      [e.id, auth.userId, auth.sessionId, now, e.at, e.action, e.cameraId ?? null, JSON.stringify(e), e.terminalId, e.seq ?? null],
    );
    if (res.changes > 0) stored++;
    else duplicates.push(e.id);
    if (e.action !== AUDIT_CHECKPOINT_ACTION) continue;
    if (res.changes === 0) {
      const known = await db.get<{ seq: number; verified: number }>("SELECT seq, verified FROM audit_checkpoint WHERE event_id = ?", [e.id]);
      acks.push({ id: e.id, seq: known?.seq ?? 0, verified: known?.verified === 1 });
      continue;
    }
    const check = verifyCheckpoint(e, auth);
    if (!check || e.seq === undefined) {
      acks.push({ id: e.id, seq: 0, verified: false });
      continue;
    }
    const d = check.detail;
    await db.run(
      `INSERT INTO audit_checkpoint (event_id, terminal_id, event_seq, seq, hash, count, signed_at, public_key, signature, verified, session_id, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [e.id, e.terminalId, e.seq, d.seq, d.hash, d.count, d.signedAt, d.key, d.sig, check.verified ? 1 : 0, auth.sessionId, now],
    );
    acks.push({ id: e.id, seq: d.seq, verified: check.verified });
  }
  return { stored, duplicates, ...(acks.length > 0 ? { checkpoints: acks } : {}) };
}

function toCheckpoint(row: CheckpointRow): AuditCheckpoint {
  return {
    id: row.event_id,
    eventSeq: Number(row.event_seq),
    seq: Number(row.seq),
    hash: row.hash,
    count: Number(row.count),
    signedAt: Number(row.signed_at),
    key: row.public_key,
    sig: row.signature,
    verified: row.verified === 1,
    receivedAt: new Date(Number(row.received_at)).toISOString(),
  };
}

export const CHAIN_PAGE_DEFAULT = 1000;
export const CHAIN_PAGE_MAX = 5000;

/** One page of a terminal's chain as the platform holds it, by seq. */
export async function auditChainPage(db: Database, q: { terminalId: string; afterSeq?: number; limit?: number }): Promise<AuditChainPage> {
  const after = q.afterSeq ?? 0;
  const limit = Math.min(q.limit ?? CHAIN_PAGE_DEFAULT, CHAIN_PAGE_MAX);
  const rows = await db.all<{ seq: number; record: string }>(
    "SELECT seq, record FROM audit_event WHERE terminal_id = ? AND seq > ? ORDER BY seq LIMIT ?",
    [q.terminalId, after, limit + 1],
  );
  const page = rows.slice(0, limit);
  const events = page.flatMap((r) => {
    const e = AuditEventSchema.safeParse(JSON.parse(r.record));
    return e.success ? [e.data] : [];
  });
  const lastOfPage = page.length > 0 ? Number(page[page.length - 1]?.seq) : after;
  const [checkpoints, top, latest] = await Promise.all([
    db.all<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE terminal_id = ? AND event_seq > ? AND event_seq <= ? ORDER BY event_seq`, [q.terminalId, after, lastOfPage]),
    db.get<{ n: number | null }>("SELECT MAX(seq) AS n FROM audit_event WHERE terminal_id = ?", [q.terminalId]),
    db.get<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE terminal_id = ? AND verified = 1 ORDER BY event_seq DESC LIMIT 1`, [q.terminalId]),
  ]);
  return {
    terminalId: q.terminalId,
    events,
    checkpoints: checkpoints.map(toCheckpoint),
    nextAfterSeq: rows.length > limit ? lastOfPage : null,
    lastSeq: Number(top?.n ?? 0),
    latestCheckpoint: latest ? toCheckpoint(latest) : null,
  };
}
