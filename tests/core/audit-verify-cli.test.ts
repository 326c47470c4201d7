// `npm run audit:verify`: the CLI bundled as scripts/build.mjs bundles it, run with node on a real database.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditLog } from "../../main/audit/audit-log.js";
import { AuditUploader } from "../../main/audit/audit-uploader.js";
import { createLogger } from "../../main/log/logger.js";
import { PlatformClient } from "../../main/platform/platform-client.js";
import { loadTerminalKey, TERMINAL_KEY_FILE, type TerminalKey } from "../../main/platform/terminal-key.js";
import { Database } from "../../main/store/database.js";
import { migrate } from "../../main/store/migrations.js";
import { aesGcmBox } from "../../main/store/secret-box.js";
import { PASSWORDS, startFixture } from "../platform/platform-fixture.js";
import { deleteNewest, rewriteAuditLog } from "../support/audit-tamper.js";

const repoRoot = resolve(import.meta.dirname, "..", "..");
let bundleDir: string;
let cli: string;
let dir: string;

beforeAll(async () => {
  // Inside the repository (.tmp/ is git-ignored) so the bundle resolves sqlite3 from node_modules.
  mkdirSync(join(repoRoot, ".tmp"), { recursive: true });
  bundleDir = mkdtempSync(join(repoRoot, ".tmp", "audit-verify-"));
  await build({
    entryPoints: { "audit-verify": join(repoRoot, "main/audit/audit-verify-cli.ts") },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outdir: bundleDir,
    outExtension: { ".js": ".cjs" },
    external: ["sqlite3", "electron"],
    logLevel: "warning",
  });
  cli = join(bundleDir, "audit-verify.cjs");
  dir = mkdtempSync(join(tmpdir(), "vigil-audit-cli-"));
});

afterAll(() => {
  rmSync(bundleDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

const actions = ["auth.login", "stream.open", "stream.start", "stream.stop", "grant.request", "grant.decide"];
const appendSome = async (log: AuditLog, records: number): Promise<void> => {
  for (let i = 0; i < records; i++) {
    await log.append({ action: actions[i % actions.length]!, username: "commander", departmentId: "dept-emergency", cameraId: "52030200011326000001", basis: "GRANT", detail: { i } });
  }
};

/** A console's database; with `signed`, its terminal key (terminal.key beside it) signs checkpoints, as in the app. */
async function makeDb(name: string, records: number, opts: { signed?: boolean; terminalId?: string } = {}): Promise<{ file: string; db: Database; log: AuditLog; key: TerminalKey | null }> {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, "vigil.db");
  const db = await Database.open(file);
  await migrate(db);
  let t = Date.parse("2026-03-01T08:00:00Z");
  const key = opts.signed ? loadTerminalKey(join(folder, TERMINAL_KEY_FILE), aesGcmBox(randomBytes(32))).key : null;
  const log = new AuditLog(db, { terminalId: opts.terminalId ?? "ws-01", now: () => (t += 1000), ...(key ? { signer: key } : {}) });
  await appendSome(log, records);
  return { file, db, log, key };
}

describe("audit:verify CLI", () => {
  it("reports an intact chain (exit 0) and names the edited record after tampering (exit 1)", async () => {
    const { file, db } = await makeDb("tamper", 80);
    try {
      const ok = await runCli(["--db", file]);
      expect(ok.stdout).toMatch(/^audit chain OK: 80 records, last hash [0-9a-f]{64}$/m);
      expect(ok.code).toBe(0);

      await db.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
      await db.run("UPDATE audit_log SET username = 'someone-else' WHERE seq = 57");
      const broken = await runCli(["--db", file]);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain("audit chain BROKEN at record #57 (id ");
      expect(broken.stdout).toContain("action stream.start, at 2026-03-01T08:00:57.000Z): hash mismatch — the record was edited");
      expect(broken.stdout).toContain("56 record(s) before it are intact.");
      expect(broken.stderr).toContain("append-only triggers of audit_log are missing");
    } finally {
      await db.close();
    }
  });

  it("uses <VIGIL_DATA_DIR>/vigil.db by default and reports a deleted record", async () => {
    const { db } = await makeDb("default", 10);
    try {
      expect((await runCli([], { VIGIL_DATA_DIR: join(dir, "default") })).code).toBe(0);
      await db.exec("DROP TRIGGER audit_log_no_delete;");
      await db.run("DELETE FROM audit_outbox WHERE seq = 4");
      await db.run("DELETE FROM audit_log WHERE seq = 4");
      const res = await runCli([], { VIGIL_DATA_DIR: join(dir, "default") });
      expect(res.code).toBe(1);
      expect(res.stdout).toContain("BROKEN at record #5");
      expect(res.stdout).toContain("record #4 is missing — deleted");
    } finally {
      await db.close();
    }
  });

  it("says so clearly when there is nothing to check (exit 2)", async () => {
    const missing = await runCli(["--db", join(dir, "nowhere", "vigil.db")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no database at");

    const oldFile = join(dir, "old.db");
    const old = await Database.open(oldFile);
    await old.exec("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    await old.close();
    const noTable = await runCli(["--db", oldFile]);
    expect(noTable.code).toBe(2);
    expect(noTable.stderr).toContain("has no audit log");

    const junk = join(dir, "junk.db");
    writeFileSync(junk, "this is not a database, just some text long enough to have a header".repeat(20));
    const notDb = await runCli(["--db", junk]);
    expect(notDb.code).toBe(2);
    expect(notDb.stderr).toMatch(/cannot (read|open)/);

    expect((await runCli(["--bogus"])).code).toBe(2);
  });

  it("reports an empty log as intact", async () => {
    const { file, db } = await makeDb("empty", 0);
    await db.close();
    const res = await runCli(["--db", file]);
    expect(res).toMatchObject({ code: 0 });
    expect(res.stdout).toContain("audit chain OK: 0 records");
  });
});

describe("audit:verify with signed checkpoints (issue 10)", () => {
  it("finds a chain recomputed after an edit (triggers put back), and one stripped of its checkpoints", async () => {
    const { file, db } = await makeDb("recomputed", 150, { signed: true });
    try {
      const ok = await runCli(["--db", file]);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain("signed checkpoints: 1, the latest #101; 50 record(s) after it");

      await rewriteAuditLog(db, (rows) => rows.map((r) => (r.seq === 57 ? { ...r, username: "someone-else" } : r)));
      const recomputed = await runCli(["--db", file]);
      expect(recomputed.code).toBe(1);
      expect(recomputed.stdout).toContain("audit chain BROKEN at record #101");
      expect(recomputed.stdout).toContain("does not vouch for record #100 as it stands — the chain was recomputed");
      expect(recomputed.stderr).toBe(""); // the triggers are back: nothing else would have told

      await rewriteAuditLog(db, (rows) => rows.filter((r) => r.action !== "audit.checkpoint"));
      const stripped = await runCli(["--db", file]);
      expect(stripped.code).toBe(1);
      expect(stripped.stdout).toContain("audit chain NOT ANCHORED: 150 record(s) follow no signed checkpoint (no signed checkpoint at all");
    } finally {
      await db.close();
    }
  });

  it("against the platform: a clean log matches; the newest records deleted, or a rewritten chain, are found", async () => {
    const platform = await startFixture();
    const { file, db, log, key } = await makeDb("against", 0, { signed: true, terminalId: "ws-against" });
    const client = new PlatformClient({ baseUrl: platform.url, terminalId: "ws-against", terminalKey: key!, onTokens: () => undefined });
    const uploadAll = async () => {
      const uploader = new AuditUploader({ log, upload: (events) => client.call("audit", { body: { events } }), logger: createLogger("test", "error"), kickDelayMs: 0 });
      uploader.start();
      await expect.poll(() => log.pendingCount(), { timeout: 10_000 }).toBe(0);
      await uploader.stop();
    };
    const against = (extra: string[] = []) =>
      runCli(["--db", file, "--against-platform", "--platform", platform.url, "--user", "auditor", ...extra], { VIGIL_AUDIT_PASSWORD: PASSWORDS.auditor! });
    try {
      await client.login("operator", PASSWORDS.operator!);
      await appendSome(log, 160);
      await log.checkpoint("shutdown");
      await uploadAll();

      const clean = await against();
      expect(clean.stdout).toContain("platform copy (");
      expect(clean.stdout).toContain("terminal ws-against): records up to #162, latest verified checkpoint #162 (covers #161)");
      expect(clean.stdout).toContain("audit chain MATCHES the platform's copy");
      expect(clean.code).toBe(0);

      // Records not uploaded yet are no finding.
      await appendSome(log, 3);
      const pending = await against();
      expect(pending.code).toBe(0);
      expect(pending.stdout).toContain("3 newest record(s) are not uploaded yet");
      await uploadAll();

      // The newest records deleted: the local chain still verifies — only the platform's copy tells.
      await deleteNewest(db, 7);
      const alone = await runCli(["--db", file]);
      expect(alone.code).toBe(0);
      const deleted = await against();
      expect(deleted.code).toBe(1);
      expect(deleted.stdout).toContain("records #159–#165 (the newest 7 records) are on the platform but missing locally — deleted");
      expect(deleted.stdout).toContain("audit chain DISAGREES with the platform's copy: 1 finding(s)");

      // The whole chain rewritten from record 3 and stripped of checkpoints: the platform's checkpoints disagree.
      await rewriteAuditLog(db, (rows) => rows.filter((r) => r.action !== "audit.checkpoint").map((r) => (r.seq === 3 ? { ...r, username: "someone-else" } : r)));
      const rewritten = await against();
      expect(rewritten.code).toBe(1);
      expect(rewritten.stdout).toContain("audit chain NOT ANCHORED");
      expect(rewritten.stdout).toMatch(/record #100 has hash [0-9a-f]{64}, but checkpoint #101, signed by the terminal and verified by the platform, says [0-9a-f]{64} — the local chain was rewritten/);
      expect(rewritten.stdout).toMatch(/more\n/);

      const badPassword = await runCli(["--db", file, "--against-platform", "--platform", platform.url, "--user", "auditor"], { VIGIL_AUDIT_PASSWORD: "wrong" });
      expect(badPassword.code).toBe(2);
      expect(badPassword.stderr).toContain("cannot log in to");
      const noPassword = await runCli(["--db", file, "--against-platform", "--platform", platform.url, "--user", "auditor"], { VIGIL_AUDIT_PASSWORD: "" });
      expect(noPassword.code).toBe(2);
      expect(noPassword.stderr).toContain("VIGIL_AUDIT_PASSWORD");
    } finally {
      await db.close();
      await platform.close();
    }
  }, 60_000);
});
