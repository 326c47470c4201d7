// Issue 10: the platform keeps each terminal's audit chain by seq and acknowledges its signed checkpoints, verified
// against the terminal key the uploading session registered at login; auditors read the copy back, page by page.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditBatchResultSchema, AuditChainPageSchema, TokenPairSchema, type AuditEvent } from "../../contract/platform-api.js";
import { AuditLog } from "../../main/audit/audit-log.js";
import { toAuditEvent } from "../../main/audit/audit-uploader.js";
import { loadTerminalKey, type TerminalKey } from "../../main/platform/terminal-key.js";
import { Database } from "../../main/store/database.js";
import { migrate } from "../../main/store/migrations.js";
import { aesGcmBox } from "../../main/store/secret-box.js";
import { PASSWORDS, startFixture, type Fixture } from "./platform-fixture.js";

let f: Fixture;
const dir = mkdtempSync(join(tmpdir(), "vigil-audit-chain-"));
const dbs: Database[] = [];

beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  for (const db of dbs) await db.close();
  await f.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A console's log with `n` records and a checkpoint, signed with `key`, as the events it uploads. */
async function consoleEvents(name: string, terminalId: string, key: TerminalKey, n: number): Promise<AuditEvent[]> {
  const db = await Database.open(join(dir, `${name}.db`));
  dbs.push(db);
  await migrate(db);
  let t = Date.parse("2026-03-01T08:00:00Z");
  const log = new AuditLog(db, { terminalId, now: () => (t += 1000), signer: key });
  for (let i = 0; i < n; i++) await log.append({ action: "stream.start", username: "operator", departmentId: "dept-x", detail: { i } });
  await log.checkpoint("shutdown");
  return (await log.pendingUploads(1000, Number.MAX_SAFE_INTEGER)).map(toAuditEvent);
}

const keyFor = (name: string) => loadTerminalKey(join(dir, `${name}.key`), aesGcmBox(randomBytes(32))).key;

async function loginWith(username: string, terminalId: string, terminalKey?: string): Promise<string> {
  const res = await f.call("POST", "/auth/login", { body: { username, password: PASSWORDS[username], terminalId, ...(terminalKey ? { terminalKey } : {}) } });
  return TokenPairSchema.parse(res.body.data).accessToken;
}

describe("audit checkpoints on the platform", () => {
  it("verifies a checkpoint against the session's terminal key and acknowledges it, also when it is sent again", async () => {
    const key = keyFor("ws-a");
    const token = await loginWith("operator", "ws-a", key.publicKey);
    const events = await consoleEvents("ws-a", "ws-a", key, 3);
    expect(events.map((e) => [e.seq, e.action])).toEqual([[1, "stream.start"], [2, "stream.start"], [3, "stream.start"], [4, "audit.checkpoint"]]);
    const checkpoint = events[3]!;
    const first = AuditBatchResultSchema.parse((await f.call("POST", "/audit/events", { token, body: { events } })).body.data);
    expect(first).toEqual({ stored: 4, duplicates: [], checkpoints: [{ id: checkpoint.id, seq: 3, verified: true }] });
    const again = AuditBatchResultSchema.parse((await f.call("POST", "/audit/events", { token, body: { events: [checkpoint] } })).body.data);
    expect(again).toEqual({ stored: 0, duplicates: [checkpoint.id], checkpoints: [{ id: checkpoint.id, seq: 3, verified: true }] });
  });

  it("does not vouch for a checkpoint by another key, or from a session that registered none", async () => {
    const registered = keyFor("ws-b");
    const other = keyFor("ws-b-other");
    const token = await loginWith("operator", "ws-b", registered.publicKey);
    const forged = await consoleEvents("ws-b", "ws-b", other, 2);
    const res = AuditBatchResultSchema.parse((await f.call("POST", "/audit/events", { token, body: { events: forged } })).body.data);
    expect(res.checkpoints).toEqual([{ id: forged[2]!.id, seq: 2, verified: false }]);

    const keyless = await loginWith("operator", "ws-c");
    const key = keyFor("ws-c");
    const signed = await consoleEvents("ws-c", "ws-c", key, 1);
    const res2 = AuditBatchResultSchema.parse((await f.call("POST", "/audit/events", { token: keyless, body: { events: signed } })).body.data);
    expect(res2.checkpoints).toEqual([{ id: signed[1]!.id, seq: 1, verified: false }]);
  });

  it("gives auditors (only) a terminal's chain by seq, paged, with the latest verified checkpoint", async () => {
    const key = keyFor("ws-d");
    const token = await loginWith("operator", "ws-d", key.publicKey);
    const events = await consoleEvents("ws-d", "ws-d", key, 4);
    await f.call("POST", "/audit/events", { token, body: { events: [...events].reverse() } });
    expect((await f.call("GET", "/audit/chain?terminalId=ws-d", { token })).status).toBe(403);

    const auditor = await loginWith("auditor", "audit-desk");
    const page1 = AuditChainPageSchema.parse((await f.call("GET", "/audit/chain?terminalId=ws-d&limit=3", { token: auditor })).body.data);
    expect(page1.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(page1).toMatchObject({ terminalId: "ws-d", nextAfterSeq: 3, lastSeq: 5, checkpoints: [] });
    expect(page1.latestCheckpoint).toMatchObject({ id: events[4]!.id, eventSeq: 5, seq: 4, hash: events[3]!.hash, count: 4, key: key.publicKey, verified: true });
    const page2 = AuditChainPageSchema.parse((await f.call("GET", "/audit/chain?terminalId=ws-d&afterSeq=3", { token: auditor })).body.data);
    expect(page2.events.map((e) => [e.seq, e.id, e.hash])).toEqual(events.slice(3).map((e) => [e.seq, e.id, e.hash]));
    expect(page2.checkpoints.map((c) => [c.eventSeq, c.verified])).toEqual([[5, true]]);
    expect(page2.nextAfterSeq).toBeNull();
    const none = AuditChainPageSchema.parse((await f.call("GET", "/audit/chain?terminalId=ws-nobody", { token: auditor })).body.data);
    expect(none).toMatchObject({ events: [], lastSeq: 0, latestCheckpoint: null, nextAfterSeq: null });
  });
});
