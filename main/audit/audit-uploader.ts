// Runs in main. Uploads the audit outbox to the platform in batches: idempotent by event id, retried with
// exponential backoff and jitter on any failure, never dropping a row. The outbox lives in SQLite, so what was not
// accepted before a restart is sent after it.
import { AUDIT_BATCH_MAX, AccessBasisSchema, AuditEventSchema, type AuditBatchResult, type AuditEvent } from "../../contract/platform-api.js";
import type { AuditRecord } from "../../contract/console-api.js";
import type { Logger } from "../log/logger.js";
import { backoffDelayMs } from "../retry/backoff.js";
import { AUDIT_DETAIL_MAX_CHARS, type AuditLog, type PendingAuditRecord } from "./audit-log.js";

const GB_ID = /^\d{20}$/;

export type AuditUploaderOptions = {
  log: AuditLog;
  /** Sends one batch (≤ AUDIT_BATCH_MAX events) to the platform; throws when it can't (unreachable, logged out…). */
  upload: (events: AuditEvent[]) => Promise<AuditBatchResult>;
  logger: Logger;
  /** First retry delay; doubles per failed attempt up to maxDelayMs, with jitter. Default 2 s. */
  baseDelayMs?: number;
  /** Default 5 min. */
  maxDelayMs?: number;
  /** How long kick() waits, so a burst of appends goes up as one batch. Default 200 ms. */
  kickDelayMs?: number;
  /** Clock of the outbox's retry times (ms). Default Date.now. */
  now?: () => number;
};

function cut(s: string): string {
  return s.length <= AUDIT_DETAIL_MAX_CHARS ? s : s.slice(0, AUDIT_DETAIL_MAX_CHARS);
}

/**
 * The platform's form of a local record. Fields the platform would refuse stay in detail instead, so one odd record
 * never blocks a batch: a camera id that is not a GB id → detail.cameraId; a basis that is not a platform access
 * basis (e.g. "refused") → detail.basis. The user and department go along as detail.actor and detail.department.
 */
export function toAuditEvent(record: AuditRecord): AuditEvent {
  const detail: Record<string, string | number | boolean | null> = { ...record.detail };
  const basis = AccessBasisSchema.safeParse(record.basis);
  if (record.basis !== null && !basis.success) detail.basis = cut(record.basis);
  const gbCamera = record.cameraId !== null && GB_ID.test(record.cameraId);
  if (record.cameraId !== null && !gbCamera) detail.cameraId = cut(record.cameraId);
  detail.actor = record.username === null ? null : cut(record.username);
  detail.department = record.departmentId === null ? null : cut(record.departmentId);
  return {
    id: record.id,
    at: new Date(record.at).toISOString(),
    action: record.action,
    terminalId: record.terminalId,
    ...(gbCamera && record.cameraId !== null ? { cameraId: record.cameraId } : {}),
    ...(basis.success ? { basis: basis.data } : {}),
    detail,
    seq: record.seq,
    prevHash: record.prevHash,
    hash: record.hash,
  };
}

export class AuditUploader {
  private readonly log: AuditLog;
  private readonly upload: AuditUploaderOptions["upload"];
  private readonly logger: Logger;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly kickDelayMs: number;
  private readonly now: () => number;

  private started = false;
  private timer: NodeJS.Timeout | null = null;
  /** When the armed timer fires (Date.now ms). */
  private timerAt = Infinity;
  private running: Promise<void> | null = null;
  /** A kick (or retryNow) arrived while a run was in flight: run again this many ms after it. */
  private rerunIn: number | null = null;
  /** Consecutive failed uploads; 0 when the last one went through. While > 0, kick() waits for the retry timer. */
  private failures = 0;
  /** Consecutive runs that failed on the database (not the upload). */
  private dbFailures = 0;
  /** Next run takes deferred rows too (retryNow). */
  private ignoreDeferral = false;

  constructor(opts: AuditUploaderOptions) {
    this.log = opts.log;
    this.upload = opts.upload;
    this.logger = opts.logger;
    this.baseDelayMs = opts.baseDelayMs ?? 2000;
    this.maxDelayMs = Math.max(opts.maxDelayMs ?? 5 * 60_000, this.baseDelayMs);
    this.kickDelayMs = opts.kickDelayMs ?? 200;
    this.now = opts.now ?? Date.now;
  }

  /** Starts uploading what the outbox holds (including rows left from an earlier run). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.arm(0);
  }

  /** Stops; resolves once an upload in flight has finished and its outcome is recorded. */
  async stop(): Promise<void> {
    this.started = false;
    this.disarm();
    await this.running;
  }

  /** New records were appended: upload soon (coalesced). While retrying after a failure, waits for the retry. */
  kick(): void {
    if (!this.started || this.failures > 0) return;
    if (this.running) {
      this.rerunIn = Math.min(this.rerunIn ?? Infinity, this.kickDelayMs);
      return;
    }
    this.arm(this.kickDelayMs);
  }

  /** The platform is back (e.g. after login): forget the backoff and send everything waiting now. */
  retryNow(): void {
    if (!this.started) return;
    this.failures = 0;
    this.ignoreDeferral = true;
    if (this.running) {
      this.rerunIn = 0;
      return;
    }
    this.arm(0);
  }

  /** How many uploads failed in a row (0: the last one went through, or none was needed). */
  get consecutiveFailures(): number {
    return this.failures;
  }

  private arm(delayMs: number): void {
    const at = Date.now() + delayMs;
    if (this.timer && this.timerAt <= at) return;
    this.disarm();
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.runNow();
    }, delayMs);
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }

  private runNow(): void {
    if (!this.started || this.running) return;
    this.rerunIn = null;
    this.running = this.drain()
      .then((next) => {
        this.dbFailures = 0;
        return next;
      })
      .catch((err: unknown) => {
        // The database itself failed (not the upload): try again later.
        this.dbFailures++;
        const delay = this.backoff(this.dbFailures);
        this.logger.error("audit upload: cannot use the outbox", { error: err instanceof Error ? err.message : String(err), retryInMs: delay });
        return delay;
      })
      .then((next) => {
        this.running = null;
        if (!this.started) return;
        if (this.rerunIn !== null && this.failures === 0) next = Math.min(next ?? Infinity, this.rerunIn);
        this.rerunIn = null;
        if (next !== null) this.arm(next);
      });
  }

  /** Sends due batches until none is left. Returns ms until the next run, or null when nothing waits. */
  private async drain(): Promise<number | null> {
    const ignoreDeferral = this.ignoreDeferral;
    this.ignoreDeferral = false;
    while (this.started) {
      const due = ignoreDeferral ? Number.MAX_SAFE_INTEGER : this.now();
      const batch = await this.log.pendingUploads(AUDIT_BATCH_MAX, due);
      if (batch.length === 0) break;
      const retryIn = await this.send(batch);
      if (retryIn !== null) return retryIn;
      // A full batch: more are likely waiting, send on. Otherwise what arrived meanwhile waits to be coalesced.
      if (batch.length < AUDIT_BATCH_MAX) break;
    }
    const next = await this.log.nextUploadAt();
    if (next === null) return null;
    // Never longer than the backoff cap, whatever the stored time says (e.g. after the clock was set back).
    const wait = Math.min(next - this.now(), this.maxDelayMs);
    return wait > 0 ? wait : this.kickDelayMs;
  }

  /** Uploads one batch. Returns null when it was accepted, else ms until the retry. */
  private async send(batch: PendingAuditRecord[]): Promise<number | null> {
    const events: AuditEvent[] = [];
    const unsendable: string[] = [];
    for (const record of batch) {
      const event = toAuditEvent(record);
      // A row edited in the database may no longer fit the platform's schema: keep it, but don't let it block the rest.
      if (AuditEventSchema.safeParse(event).success) events.push(event);
      else unsendable.push(record.id);
    }
    if (unsendable.length > 0) {
      this.logger.error("audit upload: records the platform would refuse stay in the outbox", { ids: unsendable });
      await this.log.deferUploads(unsendable, this.now() + this.maxDelayMs);
    }
    if (events.length === 0) return null;

    const ids = events.map((e) => e.id);
    let problem: string;
    try {
      const result = await this.upload(events);
      const sent = new Set(ids);
      const duplicates = result.duplicates.filter((id) => sent.has(id)).length;
      if (result.stored + duplicates >= events.length) {
        await this.log.markUploaded(ids);
        // Kept either way (the platform holds them), but a checkpoint it could not verify anchors nothing there.
        const unverified = (result.checkpoints ?? []).filter((c) => !c.verified);
        if (unverified.length > 0) {
          this.logger.warn("audit upload: the platform could not verify checkpoint(s) against this session's terminal key (logged in before the key existed?)", { ids: unverified.map((c) => c.id) });
        }
        if (this.failures > 0) this.logger.info("audit upload: platform reachable again", { afterFailures: this.failures });
        this.failures = 0;
        return null;
      }
      problem = `the platform accepted ${result.stored} + ${duplicates} duplicate(s) of ${events.length} events`;
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    }
    const attempts = Math.max(...batch.map((r) => r.attempts));
    this.failures = Math.max(this.failures, attempts) + 1;
    const delay = this.backoff(this.failures);
    await this.log.deferUploads(ids, this.now() + delay);
    this.logger.warn("audit upload failed; records stay in the outbox", { events: events.length, attempt: this.failures, retryInMs: delay, error: problem });
    return delay;
  }

  /** base·2^(n-1), capped, then a random point in its upper half. */
  private backoff(failures: number): number {
    return backoffDelayMs(failures - 1, { baseMs: this.baseDelayMs, capMs: this.maxDelayMs, jitter: 0.5 });
  }
}
