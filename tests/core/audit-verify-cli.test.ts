// `npm run audit:verify`: the CLI bundled as scripts/build.mjs bundles it, run with node on a real database.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditLog } from "../../main/audit/audit-log.js";
import { Database } from "../../main/store/database.js";
import { migrate } from "../../main/store/migrations.js";

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

async function makeDb(name: string, records: number): Promise<{ file: string; db: Database; log: AuditLog }> {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, "vigil.db");
  const db = await Database.open(file);
  await migrate(db);
  let t = Date.parse("2026-03-01T08:00:00Z");
  const log = new AuditLog(db, { terminalId: "ws-01", now: () => (t += 1000) });
  const actions = ["auth.login", "stream.open", "stream.start", "stream.stop", "grant.request", "grant.decide"];
  for (let i = 0; i < records; i++) {
    await log.append({ action: actions[i % actions.length]!, username: "commander", departmentId: "dept-emergency", cameraId: "52030200011326000001", basis: "GRANT", detail: { i } });
  }
  return { file, db, log };
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
