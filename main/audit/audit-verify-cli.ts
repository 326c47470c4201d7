// Runs in Node as `npm run audit:verify [-- --db <path>] [--against-platform …]` (bundled to
// dist/main/audit-verify.cjs). Opens the console's database read-only, walks the audit log's hash chain, checks its
// signed checkpoints against the terminal's keys (terminal.key beside the database) and names the first broken
// record. With --against-platform it also compares the log with the platform's copy (an auditor's login): records
// deleted locally, records that differ, a chain that disagrees with a checkpoint the platform verified.
// Exit codes: 0 intact, 1 broken (or disagreeing with the platform), 2 cannot check.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import sqlite3 from "sqlite3";
import { z } from "zod";
import type { AuditChainPage } from "../../contract/platform-api.js";
import { PlatformClient } from "../platform/platform-client.js";
import { readTerminalPublicKeys, TERMINAL_KEY_FILE } from "../platform/terminal-key.js";
import type { Row } from "../store/database.js";
import { defaultDataDir } from "../shell/app-paths.js";
import type { ChainBreak, VerifyResult } from "./audit-chain.js";
import { compareRange, compareTail, describeFinding, type AuditFinding, type LocalAuditRow } from "./audit-compare.js";
import { verifyAuditTable } from "./audit-log.js";

const USAGE = `usage: npm run audit:verify [-- --db <path-to-vigil.db>] [--key <terminal.key>]
                        [--against-platform --platform <url> --user <auditor> [--terminal <id>]]
  Checks the hash chain of the console's local audit log and its signed checkpoints, and names the first broken record.
  --db <path>          the database (default: <data folder>/vigil.db; the data folder honours VIGIL_DATA_DIR)
  --key <path>         the terminal's key file, for its public keys (default: terminal.key beside the database)
  --against-platform   also compare with the platform's copy of the log; needs an auditor account:
    --platform <url>   the platform (default: VIGIL_PLATFORM_URL)
    --user <name>      the auditor's username (default: VIGIL_AUDIT_USER); the password comes from VIGIL_AUDIT_PASSWORD
    --terminal <id>    the terminal whose copy to fetch (default: the one recorded in the database)
exit codes: 0 the chain is intact · 1 the chain is broken, unanchored or disagrees with the platform · 2 the log could not be checked`;

class CannotCheck extends Error {}

type Args = { db: string; key: string | null; platform: { url: string; user: string; password: string; terminal: string | null } | null };

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Args | "help" {
  let db = join(defaultDataDir(env), "vigil.db");
  let key: string | null = null;
  let against = false;
  let url = env.VIGIL_PLATFORM_URL ?? "";
  let user = env.VIGIL_AUDIT_USER ?? "";
  let terminal: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--against-platform") {
      against = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!["--db", "--key", "--platform", "--user", "--terminal"].includes(name)) throw new CannotCheck(`unknown argument "${arg}"`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (!value) throw new CannotCheck(`${name} needs a value`);
    if (name === "--db") db = value;
    else if (name === "--key") key = value;
    else if (name === "--platform") url = value;
    else if (name === "--user") user = value;
    else terminal = value;
  }
  if (!against) return { db, key, platform: null };
  if (!url) throw new CannotCheck("--against-platform needs the platform's URL (--platform <url> or VIGIL_PLATFORM_URL)");
  if (!user) throw new CannotCheck("--against-platform needs an auditor's username (--user <name> or VIGIL_AUDIT_USER)");
  const password = env.VIGIL_AUDIT_PASSWORD ?? "";
  if (!password) throw new CannotCheck("--against-platform needs the auditor's password in VIGIL_AUDIT_PASSWORD (never on the command line)");
  return { db, key, platform: { url, user, password, terminal } };
}

function openReadOnly(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => (err ? reject(new CannotCheck(`cannot open ${file}: ${err.message}`)) : resolve(db)));
  });
}

type Reader = <T extends Row>(sql: string, params: unknown[]) => Promise<T[]>;

function reader(db: sqlite3.Database): Reader {
  return <T extends Row>(sql: string, params: unknown[]): Promise<T[]> =>
    new Promise((resolve, reject) => db.all(sql, params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows))));
}

function describeBreak(b: ChainBreak): string {
  switch (b.problem) {
    case "hash-mismatch":
      return "hash mismatch — the record was edited";
    case "prev-mismatch":
      return "link to the previous record broken — a record before it was deleted, replaced or reordered";
    case "seq-gap": {
      const expected = b.expectedSeq ?? 1;
      if (b.seq > expected) {
        const missing = b.seq - 1 === expected ? `record #${expected} is` : `records #${expected}–#${b.seq - 1} are`;
        return `${missing} missing — deleted`;
      }
      return `expected record #${expected} here — records were renumbered or inserted`;
    }
    case "checkpoint-mismatch":
      return `this signed checkpoint does not vouch for record #${b.seq - 1} as it stands — the chain was recomputed (or cut) after it was signed`;
    case "checkpoint-signature":
      return "this checkpoint is not signed by the terminal's key — forged, or the key file is not this terminal's";
  }
}

function isoTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}

/** Prints the local verdict; returns its exit code. */
function reportLocal(result: VerifyResult, keyFile: string, keysFound: boolean): number {
  const { anchor } = result;
  if (!keysFound && anchor.checkpoints > 0) {
    console.error(`audit:verify: warning: no terminal key at ${keyFile} (pass --key): checkpoint signatures were checked only against the key each checkpoint names`);
  }
  if (!result.ok) {
    const b = result.firstBroken;
    if (!b) throw new Error("verification failed without naming a record");
    console.log(`audit chain BROKEN at record #${b.seq} (id ${b.id}, action ${b.action}, at ${isoTime(b.at)}): ${describeBreak(b)}`);
    console.log(`${result.checked} record(s) before it are intact.`);
    return 1;
  }
  if (anchor.overdue) {
    const since = anchor.lastCheckpointSeq === null ? "no signed checkpoint at all" : `the last signed checkpoint is #${anchor.lastCheckpointSeq}`;
    console.log(
      `audit chain NOT ANCHORED: ${anchor.unanchored} record(s) follow no signed checkpoint (${since}; a console signs one every 100 records) — checkpoints were removed and the chain recomputed, or the log predates them`,
    );
    return 1;
  }
  console.log(result.checked === 0 ? "audit chain OK: 0 records (the log is empty)" : `audit chain OK: ${result.checked} records, last hash ${result.lastHash}`);
  if (result.checked > 0) {
    console.log(
      anchor.lastCheckpointSeq === null
        ? `signed checkpoints: none yet (${anchor.unanchored} record(s) so far)`
        : `signed checkpoints: ${anchor.checkpoints}, the latest #${anchor.lastCheckpointSeq}; ${anchor.unanchored} record(s) after it`,
    );
  }
  return 0;
}

const TerminalIdSetting = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/);

/** The terminal whose copy to fetch: the one the console recorded, else the one its newest record names. */
async function localTerminalId(read: Reader): Promise<string | null> {
  try {
    const [setting] = await read<{ value: string }>("SELECT value FROM settings WHERE key = 'terminalId'", []);
    const parsed = setting ? TerminalIdSetting.safeParse(JSON.parse(setting.value)) : null;
    if (parsed?.success) return parsed.data;
  } catch {
    // no settings table (a copied log): fall through
  }
  const [row] = await read<{ terminal_id: string }>("SELECT terminal_id FROM audit_log ORDER BY seq DESC LIMIT 1", []);
  return row ? String(row.terminal_id) : null;
}

const LOCAL_COLUMNS = "SELECT l.seq, l.id, l.hash, o.seq AS pending FROM audit_log l LEFT JOIN audit_outbox o ON o.seq = l.seq";
const toLocal = (r: { seq: number; id: string; hash: string; pending: number | null }): LocalAuditRow => ({
  seq: Number(r.seq),
  id: String(r.id),
  hash: String(r.hash),
  uploaded: r.pending === null,
});

const FINDING_ORDER: ReadonlyArray<AuditFinding["kind"]> = ["checkpoint-disagrees", "missing-locally", "uploaded-but-missing", "differs", "only-local"];
const MAX_FINDINGS_SHOWN = 20;

/** Compares the local log with the platform's copy; prints what differs; returns its exit code. */
async function reportAgainstPlatform(read: Reader, p: NonNullable<Args["platform"]>): Promise<number> {
  const terminalId = p.terminal ?? (await localTerminalId(read));
  if (!terminalId) throw new CannotCheck("the log names no terminal (pass --terminal <id>)");
  const client = new PlatformClient({ baseUrl: p.url, terminalId: "audit-verify", onTokens: () => undefined });
  try {
    await client.login(p.user, p.password);
  } catch (err) {
    throw new CannotCheck(`cannot log in to ${p.url} as ${p.user}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const findings: AuditFinding[] = [];
    let unverified = 0;
    let after = 0;
    let page: AuditChainPage;
    for (;;) {
      page = await client.call("auditChain", { query: { terminalId, afterSeq: after, limit: 1000 } });
      const through = page.events.reduce((m, e) => Math.max(m, e.seq ?? 0), after);
      const local = await read<{ seq: number; id: string; hash: string; pending: number | null }>(`${LOCAL_COLUMNS} WHERE l.seq >= ? AND l.seq <= ? ORDER BY l.seq`, [after, through]);
      compareRange(local.map(toLocal), page, { after, through }, findings);
      unverified += page.checkpoints.filter((c) => !c.verified).length;
      if (page.nextAfterSeq === null) break;
      after = page.nextAfterSeq;
    }
    let pending = 0;
    for (let from = page.lastSeq; ; ) {
      const tail = (await read<{ seq: number; id: string; hash: string; pending: number | null }>(`${LOCAL_COLUMNS} WHERE l.seq > ? ORDER BY l.seq LIMIT 2000`, [from])).map(toLocal);
      pending += compareTail(tail, page.lastSeq, findings).pending;
      const last = tail[tail.length - 1];
      if (!last || tail.length < 2000) break;
      from = last.seq;
    }
    const [top] = await read<{ n: number | null }>("SELECT MAX(seq) AS n FROM audit_log", []);
    const localLast = Number(top?.n ?? 0);
    const latest = page.latestCheckpoint;
    console.log(
      `platform copy (${p.url}, terminal ${terminalId}): ${page.lastSeq === 0 ? "no records" : `records up to #${page.lastSeq}`}, ${latest ? `latest verified checkpoint #${latest.eventSeq} (covers #${latest.seq})` : "no verified checkpoint"}`,
    );
    if (unverified > 0) console.error(`audit:verify: warning: the platform could not verify ${unverified} checkpoint(s) against the uploading session's terminal key`);
    // The gravest first; a rewritten chain differs everywhere after the edit, so the list is cut.
    const shown = [...findings].sort((a, b) => FINDING_ORDER.indexOf(a.kind) - FINDING_ORDER.indexOf(b.kind));
    for (const f of shown.slice(0, MAX_FINDINGS_SHOWN)) console.log(`  ${describeFinding(f, localLast)}`);
    if (shown.length > MAX_FINDINGS_SHOWN) console.log(`  … and ${shown.length - MAX_FINDINGS_SHOWN} more`);
    if (pending > 0) console.log(`${pending} newest record(s) are not uploaded yet (still in the outbox).`);
    if (findings.length > 0) {
      console.log(`audit chain DISAGREES with the platform's copy: ${findings.length} finding(s)`);
      return 1;
    }
    console.log("audit chain MATCHES the platform's copy");
    return 0;
  } catch (err) {
    if (err instanceof CannotCheck) throw err;
    throw new CannotCheck(`cannot compare with ${p.url}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await client.logout().catch(() => undefined);
  }
}

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv, process.env);
  } catch (err) {
    console.error(`audit:verify: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args === "help") {
    console.log(USAGE);
    return 0;
  }
  if (!existsSync(args.db)) {
    console.error(`audit:verify: no database at ${args.db} (pass --db <path>, or set VIGIL_DATA_DIR to the console's data folder)`);
    return 2;
  }
  const keyFile = args.key ?? join(dirname(args.db), TERMINAL_KEY_FILE);
  const keys = readTerminalPublicKeys(keyFile);
  if (args.key && !keys) {
    console.error(`audit:verify: no readable terminal key at ${args.key}`);
    return 2;
  }
  let db: sqlite3.Database | null = null;
  try {
    db = await openReadOnly(args.db);
    const read = reader(db);
    const tables = await read<{ name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE 'audit_log%'", []);
    const names = new Set(tables.map((t) => t.name));
    if (!names.has("audit_log")) {
      console.error(`audit:verify: ${args.db} has no audit log (a database of an older Vigil, or not a Vigil database)`);
      return 2;
    }
    const result = await verifyAuditTable(read, undefined, keys ? { trustedKeys: keys } : {});
    if (!names.has("audit_log_no_update") || !names.has("audit_log_no_delete")) {
      console.error("audit:verify: warning: the append-only triggers of audit_log are missing — someone removed them");
    }
    const local = reportLocal(result, keyFile, keys !== null);
    if (!args.platform) return local;
    const remote = await reportAgainstPlatform(read, args.platform);
    return Math.max(local, remote);
  } catch (err) {
    if (err instanceof CannotCheck) console.error(`audit:verify: ${err.message}`);
    else console.error(`audit:verify: cannot read ${args.db}: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  } finally {
    db?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`audit:verify: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
