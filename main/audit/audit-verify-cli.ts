// Runs in Node as `npm run audit:verify [-- --db <path>]` (bundled to dist/main/audit-verify.cjs). Opens the console's
// database read-only, walks the audit log's hash chain and names the first broken record.
// Exit codes: 0 intact, 1 broken, 2 cannot check (no database, no audit log, bad arguments).
import { existsSync } from "node:fs";
import { join } from "node:path";
import sqlite3 from "sqlite3";
import type { Row } from "../store/database.js";
import { defaultDataDir } from "../shell/app-paths.js";
import type { ChainBreak } from "./audit-chain.js";
import { verifyAuditTable } from "./audit-log.js";

const USAGE = `usage: npm run audit:verify [-- --db <path-to-vigil.db>]
  Checks the hash chain of the console's local audit log and names the first broken record.
  --db <path>   the database (default: <data folder>/vigil.db; the data folder honours VIGIL_DATA_DIR)
exit codes: 0 the chain is intact · 1 the chain is broken · 2 the log could not be checked`;

class CannotCheck extends Error {}

function parseArgs(argv: string[]): { db: string } | "help" {
  let db = join(defaultDataDir(), "vigil.db");
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--db") {
      const value = argv[++i];
      if (!value) throw new CannotCheck("--db needs a path");
      db = value;
    } else if (arg?.startsWith("--db=")) {
      db = arg.slice("--db=".length);
    } else {
      throw new CannotCheck(`unknown argument "${arg}"`);
    }
  }
  return { db };
}

function openReadOnly(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => (err ? reject(new CannotCheck(`cannot open ${file}: ${err.message}`)) : resolve(db)));
  });
}

function reader(db: sqlite3.Database) {
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
  }
}

function isoTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
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
    const result = await verifyAuditTable(read);
    if (!names.has("audit_log_no_update") || !names.has("audit_log_no_delete")) {
      console.error("audit:verify: warning: the append-only triggers of audit_log are missing — someone removed them");
    }
    if (result.ok) {
      console.log(result.checked === 0 ? "audit chain OK: 0 records (the log is empty)" : `audit chain OK: ${result.checked} records, last hash ${result.lastHash}`);
      return 0;
    }
    const b = result.firstBroken;
    if (!b) throw new Error("verification failed without naming a record");
    console.log(`audit chain BROKEN at record #${b.seq} (id ${b.id}, action ${b.action}, at ${isoTime(b.at)}): ${describeBreak(b)}`);
    console.log(`${result.checked} record(s) before it are intact.`);
    return 1;
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
