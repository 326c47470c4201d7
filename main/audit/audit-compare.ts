// Runs in the audit:verify CLI. Compares a console's local audit log with the platform's copy of it, a seq range
// at a time, as pure functions (no I/O): records deleted locally (the newest ones, typically), records that differ
// from what was uploaded, and a local chain that disagrees with a checkpoint the platform verified. A chain that
// verifies locally can still be a rewrite; the platform's copy, and the checkpoints it acknowledged, are the anchor.
import type { AuditCheckpoint, AuditEvent } from "../../contract/platform-api.js";

/** A local record as the comparison needs it. */
export type LocalAuditRow = { seq: number; id: string; hash: string; uploaded: boolean };

export type AuditFinding =
  /** The platform holds records fromSeq..toSeq that the local log lacks. */
  | { kind: "missing-locally"; fromSeq: number; toSeq: number }
  /** Same place in the chain, another record (id) or another content (hash). */
  | { kind: "differs"; seq: number; localId: string; platformId: string; localHash: string; platformHash: string }
  /** A local record the platform lacks although it holds later ones. */
  | { kind: "only-local"; seq: number }
  /** The local record a verified checkpoint covers has another hash (a record gone is missing-locally). */
  | { kind: "checkpoint-disagrees"; checkpointSeq: number; seq: number; signedHash: string; localHash: string }
  /** A local record marked as accepted by the platform, which has no copy of it. */
  | { kind: "uploaded-but-missing"; fromSeq: number; toSeq: number };

/** Adds a seq to a run-length finding list, extending the last run when it continues it. */
function addRun(findings: AuditFinding[], kind: "missing-locally" | "uploaded-but-missing", seq: number): void {
  const last = findings[findings.length - 1];
  if (last && last.kind === kind && last.toSeq === seq - 1) last.toSeq = seq;
  else findings.push({ kind, fromSeq: seq, toSeq: seq });
}

/**
 * Compares one range of the chain: the platform's events with `after` < seq ≤ `through`, and the local rows with
 * `after` ≤ seq ≤ `through` (the row at `after` only serves the checkpoint that covers it). Findings are appended to
 * `into`, so runs continue across ranges.
 */
export function compareRange(
  local: readonly LocalAuditRow[],
  platform: { events: readonly AuditEvent[]; checkpoints: readonly AuditCheckpoint[] },
  range: { after: number; through: number },
  into: AuditFinding[],
): void {
  const bySeq = new Map(local.map((r) => [r.seq, r]));
  const seen = new Set<number>();
  for (const e of platform.events) {
    if (e.seq === undefined || e.seq <= range.after || e.seq > range.through) continue;
    seen.add(e.seq);
    const mine = bySeq.get(e.seq);
    if (!mine) addRun(into, "missing-locally", e.seq);
    else if (mine.id !== e.id || mine.hash !== e.hash) {
      into.push({ kind: "differs", seq: e.seq, localId: mine.id, platformId: e.id, localHash: mine.hash, platformHash: e.hash ?? "" });
    }
  }
  for (const r of local) {
    if (r.seq > range.after && r.seq <= range.through && !seen.has(r.seq)) into.push({ kind: "only-local", seq: r.seq });
  }
  for (const c of platform.checkpoints) {
    if (!c.verified) continue;
    const mine = bySeq.get(c.seq);
    if (mine && mine.hash !== c.hash) into.push({ kind: "checkpoint-disagrees", checkpointSeq: c.eventSeq, seq: c.seq, signedHash: c.hash, localHash: mine.hash });
  }
}

/** Local records past the platform's newest: fine while they wait in the outbox, a finding once marked uploaded. */
export function compareTail(local: readonly LocalAuditRow[], platformLastSeq: number, into: AuditFinding[]): { pending: number } {
  let pending = 0;
  for (const r of local) {
    if (r.seq <= platformLastSeq) continue;
    if (r.uploaded) addRun(into, "uploaded-but-missing", r.seq);
    else pending++;
  }
  return { pending };
}

const range = (from: number, to: number) => (from === to ? `record #${from}` : `records #${from}–#${to}`);

/** One line per finding, for the CLI. */
export function describeFinding(f: AuditFinding, localLastSeq: number): string {
  switch (f.kind) {
    case "missing-locally": {
      const newest = f.fromSeq > localLastSeq ? "the newest " : "";
      const n = f.toSeq - f.fromSeq + 1;
      return `${range(f.fromSeq, f.toSeq)} (${newest}${n === 1 ? "1 record" : `${n} records`}) are on the platform but missing locally — deleted`;
    }
    case "differs":
      return f.localId !== f.platformId
        ? `record #${f.seq} is another record than the platform's copy (local id ${f.localId}, platform id ${f.platformId}) — replaced`
        : `record #${f.seq} (id ${f.localId}) differs from the platform's copy (hash ${f.localHash} here, ${f.platformHash} there) — edited (or re-hashed after an edit before it)`;
    case "only-local":
      return `record #${f.seq} is only local: the platform holds later records but not this one — inserted`;
    case "checkpoint-disagrees":
      return `record #${f.seq} has hash ${f.localHash}, but checkpoint #${f.checkpointSeq}, signed by the terminal and verified by the platform, says ${f.signedHash} — the local chain was rewritten`;
    case "uploaded-but-missing":
      return `${range(f.fromSeq, f.toSeq)} ${f.fromSeq === f.toSeq ? "is" : "are"} marked as uploaded, but the platform has no copy`;
  }
}
