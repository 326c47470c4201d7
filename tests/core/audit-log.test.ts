// The audit log on a real SQLite file: hash chain across concurrent appends, append-only triggers, tamper
// detection, queries, the outbox, and the uploader's retries (a function double stands in for the network; one
// test sends to the reference platform's real /audit/events route).
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuditBatchResultSchema, AuditEventSchema, type AuditBatchResult, type AuditEvent } from "../../contract/platform-api.js";
import { GENESIS, type AuditChainRow } from "../../main/audit/audit-chain.js";
import { AuditLog, verifyAuditTable } from "../../main/audit/audit-log.js";
import { AuditUploader, toAuditEvent } from "../../main/audit/audit-uploader.js";
import { createLogger } from "../../main/log/logger.js";
import { loadTerminalKey, type TerminalKey } from "../../main/platform/terminal-key.js";
import { aesGcmBox } from "../../main/store/secret-box.js";
import { checkpointMessage } from "../../contract/terminal-signature.js";
import { rewriteAuditLog } from "../support/audit-tamper.js";
import { startFixture } from "../platform/platform-fixture.js";
import { waitFor } from "../support/wait-for.js";
import { Database, type Row } from "../../main/store/database.js";
import { migrate } from "../../main/store/migrations.js";

const CAM_A = "52030200011326000001";
const CAM_B = "52030200011326000002";
const quiet = createLogger("test", "error");

let dir: string;
let file: string;
let db: Database;
let clock: number;
let log: AuditLog;

async function openLog(): Promise<void> {
  db = await Database.open(file);
  await migrate(db);
  log = new AuditLog(db, { terminalId: "ws-01", now: () => clock });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "vigil-audit-"));
  file = join(dir, "vigil.db");
  clock = Date.parse("2026-03-01T08:00:00Z");
  await openLog();
});

afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const streamOpen = (cameraId = CAM_A, username = "operator") =>
  log.append({ action: "stream.open", username, departmentId: "dept-emergency", cameraId, basis: "UNCONDITIONAL", detail: { tile: 3 } });

async function dropTriggers(): Promise<void> {
  await db.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
}

describe("audit log", () => {
  it("keeps one unbroken chain across 1000 appends, most of them concurrent", async () => {
    for (let i = 0; i < 100; i++) {
      clock += 1000;
      await streamOpen();
    }
    const burst = Array.from({ length: 900 }, (_, i) =>
      log.append({ action: i % 3 ? "stream.start" : "stream.stop", username: `user-${i % 7}`, departmentId: null, cameraId: i % 2 ? CAM_A : CAM_B, detail: { i } }),
    );
    const records = await Promise.all(burst);
    expect(new Set(records.map((r) => r.seq)).size).toBe(900);
    const all = await db.all<{ seq: number; prev_hash: string; hash: string }>("SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq");
    expect(all.map((r) => r.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(all[0]?.prev_hash).toBe(GENESIS);
    for (let i = 1; i < all.length; i++) expect(all[i]?.prev_hash).toBe(all[i - 1]?.hash);
    const result = await log.verify();
    // No signer here: no checkpoints, so the whole log is unanchored (and more than a console would leave).
    expect(result).toEqual({ ok: true, checked: 1000, lastHash: all[999]?.hash, anchor: { checkpoints: 0, lastCheckpointSeq: null, unanchored: 1000, overdue: true, keysTrusted: false } });
    // Paging through the table in small pages gives the same answer.
    expect(await verifyAuditTable(<T extends Row>(sql: string, p: unknown[]) => db.all<T>(sql, p), 7)).toEqual(result);
    expect(await log.pendingCount()).toBe(1000);
  });

  it("returns what it stored, with detail strings cut to 1024 characters", async () => {
    const rec = await log.append({ action: "application.submit", username: "operator", departmentId: "dept-emergency", detail: { reason: "x".repeat(3000), cameras: 3, urgent: true, note: null } });
    expect(rec).toMatchObject({ seq: 1, action: "application.submit", cameraId: null, basis: null, terminalId: "ws-01", at: clock, prevHash: GENESIS, uploaded: false });
    expect(rec.detail.reason).toHaveLength(1024);
    const page = await log.query({});
    expect(page).toEqual({ items: [rec], total: 1 });
    expect((await log.verify()).ok).toBe(true);
  });

  it("refuses malformed actions without disturbing other appends", async () => {
    const results = await Promise.allSettled([streamOpen(), log.append({ action: "Stream Open", username: null, departmentId: null }), streamOpen(), log.append({ action: "", username: null, departmentId: null })]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "rejected"]);
    expect(String((results[1] as PromiseRejectedResult).reason)).toContain("lowercase dotted");
    expect(await log.verify()).toMatchObject({ ok: true, checked: 2 });
    expect(() => new AuditLog(db, { terminalId: "bad id!", now: () => clock })).toThrow(/terminal id/);
  });

  it("refuses UPDATE and DELETE on the log (append-only triggers)", async () => {
    await streamOpen();
    await expect(db.run("UPDATE audit_log SET username = 'someone' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(db.run("DELETE FROM audit_outbox")).resolves.toMatchObject({ changes: 1 });
    await expect(db.run("DELETE FROM audit_log WHERE seq = 1")).rejects.toThrow(/append-only/);
    expect((await log.query({})).total).toBe(1);
  });

  it("names the edited record when the triggers are dropped and a row is changed with raw SQL", async () => {
    for (let i = 0; i < 60; i++) await streamOpen(i % 2 ? CAM_A : CAM_B);
    await dropTriggers();
    await db.run("UPDATE audit_log SET camera_id = ? WHERE seq = 42", ["52030200011326000099"]);
    const result = await log.verify();
    expect(result).toMatchObject({ ok: false, checked: 41, firstBroken: { seq: 42, problem: "hash-mismatch", action: "stream.open" } });
  });

  it("names a record whose detail is no longer JSON, and the first record after a deleted one", async () => {
    for (let i = 0; i < 10; i++) await streamOpen();
    await dropTriggers();
    await db.run("UPDATE audit_log SET detail = 'garbage' WHERE seq = 9");
    expect((await log.verify()).firstBroken).toMatchObject({ seq: 9, problem: "hash-mismatch" });
    const shown = (await log.query({ limit: 2 })).items[1];
    expect(shown?.detail).toEqual({ unreadable: "garbage" });
    await db.run("DELETE FROM audit_outbox WHERE seq = 4");
    await db.run("DELETE FROM audit_log WHERE seq = 4");
    expect((await log.verify()).firstBroken).toMatchObject({ seq: 5, problem: "seq-gap", expectedSeq: 4 });
  });

  it("queries by camera, user, action prefix and time, newest first, with a total", async () => {
    const t0 = clock;
    const actions = ["auth.login", "stream.open", "stream.start", "stream.stop", "stream.refused", "grant.request", "streams.other", "auth.logout"];
    for (const [i, action] of actions.entries()) {
      clock = t0 + i * 60_000;
      await log.append({ action, username: i < 4 ? "operator" : "commander", departmentId: "d1", cameraId: action.startsWith("stream.") ? (i % 2 ? CAM_A : CAM_B) : null, detail: {} });
    }
    const names = (p: { items: { action: string }[] }) => p.items.map((r) => r.action);

    const all = await log.query({});
    expect(all.total).toBe(8);
    expect(names(all)).toEqual([...actions].reverse());

    expect(names(await log.query({ action: "stream" }))).toEqual(["stream.refused", "stream.stop", "stream.start", "stream.open"]);
    expect(names(await log.query({ action: "stream." }))).toHaveLength(4);
    expect(names(await log.query({ action: "stream.open" }))).toEqual(["stream.open"]);
    expect(names(await log.query({ action: "stream.o" }))).toEqual([]);
    expect((await log.query({ cameraId: CAM_A })).total).toBe(2);
    expect(names(await log.query({ username: "commander", action: "stream" }))).toEqual(["stream.refused"]);
    expect(names(await log.query({ from: t0 + 2 * 60_000, to: t0 + 4 * 60_000 }))).toEqual(["stream.refused", "stream.stop", "stream.start"]);

    const page = await log.query({ offset: 2, limit: 3 });
    expect(page.total).toBe(8);
    expect(names(page)).toEqual(["grant.request", "stream.refused", "stream.stop"]);
  });

  it("keeps rows in the outbox until marked uploaded; deferred rows wait for their time", async () => {
    const recs = [];
    for (let i = 0; i < 5; i++) recs.push(await streamOpen());
    const ids = recs.map((r) => r.id);
    expect((await log.pendingUploads(3, 0)).map((r) => r.seq)).toEqual([1, 2, 3]);
    await log.deferUploads([ids[0]!, ids[1]!], 5000);
    expect((await log.pendingUploads(10, 4999)).map((r) => r.seq)).toEqual([3, 4, 5]);
    const later = await log.pendingUploads(10, 5000);
    expect(later.map((r) => [r.seq, r.attempts])).toEqual([[1, 1], [2, 1], [3, 0], [4, 0], [5, 0]]);
    expect(await log.markUploaded([ids[1]!, ids[2]!, "not-an-id"])).toBe(2);
    expect(await log.nextUploadAt()).toBe(0);
    const page = await log.query({});
    expect(page.items.map((r) => [r.seq, r.uploaded])).toEqual([[5, false], [4, false], [3, true], [2, true], [1, false]]);
    await log.markUploaded([ids[0]!, ids[3]!, ids[4]!]);
    expect(await log.nextUploadAt()).toBeNull();
    expect(await log.pendingCount()).toBe(0);
    // The log itself is untouched by uploads.
    expect(await log.verify()).toMatchObject({ ok: true, checked: 5 });
  });
});

/** A fake platform: fails the first `failures` calls, then stores events by id (idempotent). */
function fakePlatform(failures: number) {
  const stored = new Map<string, AuditEvent>();
  const calls: { size: number; ok: boolean; at: number }[] = [];
  let left = failures;
  const upload = async (events: AuditEvent[]): Promise<AuditBatchResult> => {
    if (left > 0) {
      left--;
      calls.push({ size: events.length, ok: false, at: Date.now() });
      throw new Error("platform unreachable (ECONNREFUSED)");
    }
    calls.push({ size: events.length, ok: true, at: Date.now() });
    const duplicates: string[] = [];
    let n = 0;
    for (const e of events) {
      expect(AuditEventSchema.safeParse(e).success).toBe(true);
      if (stored.has(e.id)) duplicates.push(e.id);
      else {
        stored.set(e.id, e);
        n++;
      }
    }
    return { stored: n, duplicates };
  };
  return { stored, calls, upload };
}

describe("audit uploader", () => {
  it("maps records to platform events, keeping what the platform would refuse in detail", async () => {
    const ok = await log.append({ action: "stream.open", username: "operator", departmentId: "dept-emergency", cameraId: CAM_A, basis: "GRANT", detail: { grantId: "g-1" } });
    const event = toAuditEvent(ok);
    expect(AuditEventSchema.parse(event)).toEqual({
      id: ok.id,
      at: new Date(ok.at).toISOString(),
      action: "stream.open",
      terminalId: "ws-01",
      cameraId: CAM_A,
      basis: "GRANT",
      detail: { grantId: "g-1", actor: "operator", department: "dept-emergency" },
      seq: 1,
      prevHash: GENESIS,
      hash: ok.hash,
    });
    const odd = await log.append({ action: "stream.refused", username: null, departmentId: null, cameraId: "local-cam", basis: "refused", detail: { reason: "NOT_SHARED" } });
    const oddEvent = AuditEventSchema.parse(toAuditEvent(odd));
    expect(oddEvent.cameraId).toBeUndefined();
    expect(oddEvent.basis).toBeUndefined();
    expect(oddEvent.detail).toEqual({ reason: "NOT_SHARED", cameraId: "local-cam", basis: "refused", actor: null, department: null });
  });

  it("retries with backoff until the platform takes the events, losing none", async () => {
    const platform = fakePlatform(3);
    for (let i = 0; i < 30; i++) await streamOpen();
    const up = new AuditUploader({ log, upload: platform.upload, logger: quiet, baseDelayMs: 20, maxDelayMs: 200 });
    up.start();
    await waitFor("an empty outbox", async () => (await log.pendingCount()) === 0);
    await up.stop();
    expect(platform.calls.map((c) => c.ok)).toEqual([false, false, false, true]);
    // Each wait is at least half of base·2^(n-1): 10, 20, 40 ms.
    const gaps = platform.calls.slice(1).map((c, i) => c.at - platform.calls[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(9);
    expect(gaps[1]).toBeGreaterThanOrEqual(19);
    expect(gaps[2]).toBeGreaterThanOrEqual(39);
    expect(platform.stored.size).toBe(30);
    expect(up.consecutiveFailures).toBe(0);
    expect((await log.query({ limit: 500 })).items.every((r) => r.uploaded)).toBe(true);
  });

  it("sends big backlogs in batches of at most 500", async () => {
    const platform = fakePlatform(0);
    await Promise.all(Array.from({ length: 1200 }, () => streamOpen()));
    const up = new AuditUploader({ log, upload: platform.upload, logger: quiet });
    up.start();
    await waitFor("an empty outbox", async () => (await log.pendingCount()) === 0);
    await up.stop();
    expect(platform.calls.map((c) => c.size)).toEqual([500, 500, 200]);
  });

  it("coalesces kicks after appends into few uploads", async () => {
    const platform = fakePlatform(0);
    // 200 ms (the default) covers 20 appends even on a loaded machine, so the count below is about coalescing.
    const up = new AuditUploader({ log, upload: platform.upload, logger: quiet, kickDelayMs: 200 });
    up.start();
    for (let i = 0; i < 20; i++) {
      await streamOpen();
      up.kick();
    }
    await waitFor("an empty outbox", async () => (await log.pendingCount()) === 0);
    await up.stop();
    expect(platform.stored.size).toBe(20);
    expect(platform.calls.length).toBeLessThanOrEqual(3);
  });

  it("counts duplicates as accepted, and keeps a batch the platform only partly took", async () => {
    const recs = [await streamOpen(), await streamOpen()];
    let answer: AuditBatchResult = { stored: 1, duplicates: [] };
    const calls: number[] = [];
    const up = new AuditUploader({
      log,
      upload: async (events) => {
        calls.push(events.length);
        return answer;
      },
      logger: quiet,
      baseDelayMs: 10,
      maxDelayMs: 20,
    });
    up.start();
    await waitFor("two upload attempts", () => calls.length >= 2);
    expect(await log.pendingCount()).toBe(2);
    answer = { stored: 0, duplicates: recs.map((r) => r.id) };
    await waitFor("an empty outbox", async () => (await log.pendingCount()) === 0);
    await up.stop();
  });

  it("survives a restart: what was not accepted is sent by the next run, with its deferral kept", async () => {
    const failing = fakePlatform(1000);
    for (let i = 0; i < 12; i++) await streamOpen();
    const first = new AuditUploader({ log, upload: failing.upload, logger: quiet, baseDelayMs: 10, maxDelayMs: 40 });
    first.start();
    await waitFor("three failed uploads", () => failing.calls.length >= 3);
    await first.stop();
    const attempts = (await log.pendingUploads(100, Number.MAX_SAFE_INTEGER)).map((r) => r.attempts);
    expect(attempts.every((a) => a >= 3)).toBe(true);
    await db.close();

    await openLog();
    const healthy = fakePlatform(0);
    const second = new AuditUploader({ log, upload: healthy.upload, logger: quiet });
    second.start();
    await waitFor("an empty outbox", async () => (await log.pendingCount()) === 0);
    await second.stop();
    expect(healthy.stored.size).toBe(12);
    expect((await log.verify()).ok).toBe(true);
  });

  it("retryNow sends deferred rows at once", async () => {
    const platform = fakePlatform(1);
    await streamOpen();
    const up = new AuditUploader({ log, upload: platform.upload, logger: quiet, baseDelayMs: 60_000, maxDelayMs: 60_000, kickDelayMs: 50 });
    up.start();
    await waitFor("the first (failed) upload", () => platform.calls.length === 1);
    await waitFor("the row deferred", async () => (await log.pendingUploads(10, Date.now())).length === 0);
    // A yardstick for "nothing happens": a healthy uploader on a log of its own, kicked at the same moment with the
    // same delay. Once it has sent, the kick above would have fired too, had it not been ignored.
    const otherDb = await Database.open(join(dir, "yardstick.db"));
    await migrate(otherDb);
    const otherLog = new AuditLog(otherDb, { terminalId: "ws-02", now: () => clock });
    const yardstickPlatform = fakePlatform(0);
    const yardstick = new AuditUploader({ log: otherLog, upload: yardstickPlatform.upload, logger: quiet, kickDelayMs: 50 });
    const append = () => otherLog.append({ action: "stream.open", username: "operator", departmentId: null, cameraId: CAM_A, detail: {} });
    await append();
    yardstick.start();
    await waitFor("the yardstick's first upload (at its start)", () => yardstickPlatform.stored.size === 1);
    await append();
    up.kick(); // ignored while backing off
    yardstick.kick();
    await waitFor("the yardstick's kicked upload", () => yardstickPlatform.stored.size === 2);
    await yardstick.stop();
    await otherDb.close();
    expect(platform.calls).toHaveLength(1);
    up.retryNow();
    await waitFor("an empty outbox", async () => (await log.pendingCount()) === 0);
    await up.stop();
    expect(platform.stored.size).toBe(1);
  });
});

describe("audit upload to the reference platform", () => {
  it("stores every event once through POST /audit/events, however often a batch is resent", async () => {
    const f = await startFixture();
    try {
      const { accessToken } = await f.login("operator");
      let sends = 0;
      const upload = async (events: AuditEvent[]): Promise<AuditBatchResult> => {
        sends++;
        const res = await f.call("POST", "/audit/events", { token: accessToken, body: { events } });
        if (res.status !== 200) throw new Error(`audit upload: HTTP ${res.status} ${res.body.error?.code ?? ""} ${res.body.error?.message ?? ""}`);
        // The first answer is lost on the way back: the console must send the batch again.
        if (sends === 1) throw new Error("connection reset");
        return AuditBatchResultSchema.parse(res.body.data);
      };
      await log.append({ action: "auth.login", username: "operator", departmentId: "dept-emergency" });
      await streamOpen();
      await log.append({ action: "stream.refused", username: "operator", departmentId: "dept-emergency", cameraId: CAM_B, basis: null, detail: { reason: "NOT_SHARED" } });
      const up = new AuditUploader({ log, upload, logger: quiet, baseDelayMs: 10, maxDelayMs: 20 });
      up.start();
      await waitFor("an empty outbox", async () => (await log.pendingCount()) === 0);
      await up.stop();
      expect(sends).toBe(2);
      const rows = await f.platform.store.reader.all<{ id: string; action: string }>("SELECT id, action FROM audit_event ORDER BY at, action");
      expect(rows.map((r) => r.action).sort()).toEqual(["auth.login", "stream.open", "stream.refused"]);
    } finally {
      await f.close();
    }
  });
});

describe("signed checkpoints (issue 10: the chain gets a key)", () => {
  let key: TerminalKey;
  const warnings: string[] = [];

  /** A log whose checkpoints are signed with the terminal key, holding `n` ordinary records. */
  async function signedLog(n: number): Promise<AuditLog> {
    key = loadTerminalKey(join(dir, "terminal.key"), aesGcmBox(randomBytes(32))).key;
    warnings.length = 0;
    log = new AuditLog(db, { terminalId: "ws-01", now: () => (clock += 1000), signer: key, onWarning: (m) => warnings.push(m) });
    for (let i = 0; i < n; i++) await streamOpen(i % 2 ? CAM_A : CAM_B);
    return log;
  }

  const checkpoints = async () =>
    (await db.all<{ seq: number }>("SELECT seq FROM audit_log WHERE action = 'audit.checkpoint' ORDER BY seq")).map((r) => Number(r.seq));

  it("signs a checkpoint every 100 records and when asked (shutdown); a clean log verifies against the terminal's keys", async () => {
    await signedLog(250);
    // 100 records, a checkpoint (#101) over #100; 100 more, one over #201 (#202); 50 more.
    expect(await checkpoints()).toEqual([101, 202]);
    const shutdown = await log.checkpoint("shutdown");
    expect(shutdown).toMatchObject({ seq: 253, action: "audit.checkpoint", detail: { seq: 252, count: 252, key: key.publicKey, reason: "shutdown" } });
    expect(await log.checkpoint("shutdown")).toBeNull(); // nothing new to vouch for
    expect(await log.verify()).toMatchObject({ ok: true, checked: 253, anchor: { checkpoints: 3, lastCheckpointSeq: 253, unanchored: 0, overdue: false, keysTrusted: true } });
    expect(warnings).toEqual([]);
  });

  it("detects the whole chain recomputed after an edit, triggers put back — and refuses to sign it", async () => {
    await signedLog(250);
    await rewriteAuditLog(db, (rows) => rows.map((r) => (r.seq === 5 ? { ...r, username: "someone-else" } : r)));
    // Before issue 10 this chain verified: every link and hash is consistent again. The checkpoint over #100 is not.
    expect(await log.verify()).toMatchObject({ ok: false, checked: 100, firstBroken: { seq: 101, problem: "checkpoint-mismatch" } });
    // The console does not vouch for it either.
    expect(await log.checkpoint("start")).toBeNull();
    expect(warnings.join("\n")).toMatch(/not signing a checkpoint, the chain does not verify from the last one \(record #\d+: checkpoint-mismatch\)/);
  });

  it("detects checkpoints rewritten to the recomputed hashes, re-signed with another key, or removed", async () => {
    await signedLog(150);
    const attacker = generateKeyPairSync("ed25519");
    const attackerKey = attacker.publicKey.export({ format: "jwk" }).x!;
    const edit = (rows: AuditChainRow[]) => rows.map((r) => (r.seq === 7 ? { ...r, cameraId: "52030200011326000099" } : r));
    // The signed hash moved along with the recomputed chain: the signature no longer matches.
    const rewritten = await rewriteAuditLog(db, edit);
    await rewriteAuditLog(db, (rows) => rows.map((r) => (r.action === "audit.checkpoint" ? { ...r, detail: { ...r.detail, hash: rewritten[r.seq - 2]!.hash } } : r)));
    expect((await log.verify()).firstBroken).toMatchObject({ seq: 101, problem: "checkpoint-signature" });
    // Re-signed with a key of the attacker's own: not one of the terminal's keys.
    await rewriteAuditLog(db, (rows) =>
      rows.map((r) => {
        if (r.action !== "audit.checkpoint") return r;
        const d = r.detail as { seq: number; hash: string; count: number; signedAt: number };
        const sig = sign(null, checkpointMessage({ terminalId: r.terminalId, seq: d.seq, hash: d.hash, count: d.count, signedAt: d.signedAt }), attacker.privateKey).toString("base64url");
        return { ...r, detail: { ...r.detail, key: attackerKey, sig } };
      }),
    );
    expect((await log.verify()).firstBroken).toMatchObject({ seq: 101, problem: "checkpoint-signature" });
    // Checkpoints removed: the chain links, but 150 records follow no signature — more than a console ever leaves.
    await rewriteAuditLog(db, (rows) => rows.filter((r) => r.action !== "audit.checkpoint"));
    expect(await log.verify()).toMatchObject({ ok: true, checked: 150, anchor: { checkpoints: 0, lastCheckpointSeq: null, unanchored: 150, overdue: true } });
  });
});
