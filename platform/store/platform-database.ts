// Runs in the platform API. One promisified SQLite connection in WAL mode: the platform's own, so platform/ stands
// alone like another team's server. The database file is created private (0600) before SQLite opens it; SQLite gives
// its -wal and -shm files the database file's mode.
import sqlite3 from "sqlite3";
import { chmodSync, existsSync } from "node:fs";
import { dirname } from "node:path";
import { ensurePrivateDir, ensurePrivateFile, PRIVATE_FILE_MODE } from "./private-files.js";

export type Row = Record<string, unknown>;

export type OpenOptions = {
  /** A reader: the connection refuses writes (PRAGMA query_only), so every write goes through the store's writer. */
  queryOnly?: boolean;
};

export class Database {
  private constructor(private readonly db: sqlite3.Database) {}

  static async open(file: string, options: OpenOptions = {}): Promise<Database> {
    ensurePrivateDir(dirname(file));
    ensurePrivateFile(file);
    // Left by an older build with the umask's mode: SQLite only sets the mode of the files it creates.
    for (const side of [`${file}-wal`, `${file}-shm`]) if (existsSync(side)) chmodSync(side, PRIVATE_FILE_MODE);
    const db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const handle = new sqlite3.Database(file, (err) => (err ? reject(new Error(`cannot open platform database ${file}: ${err.message}`)) : resolve(handle)));
    });
    const wrapped = new Database(db);
    // busy_timeout first: the writer and the reader share the file, and the next pragmas may have to wait.
    await wrapped.exec(
      `PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;${options.queryOnly ? " PRAGMA query_only = ON;" : ""}`,
    );
    return wrapped;
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (err) => (err ? reject(err) : resolve())));
  }

  run(sql: string, params: unknown[] = []): Promise<{ changes: number; lastID: number }> {
    return new Promise((resolve, reject) =>
      this.db.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve({ changes: this.changes, lastID: this.lastID });
      }),
    );
  }

  get<T extends Row = Row>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return new Promise((resolve, reject) => this.db.get(sql, params, (err: Error | null, row: T | undefined) => (err ? reject(err) : resolve(row))));
  }

  all<T extends Row = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => this.db.all(sql, params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows))));
  }

  /** Runs `work` in one transaction, rolled back when it throws. The store serializes these (one writer). */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.exec("BEGIN IMMEDIATE");
    try {
      const result = await work();
      await this.exec("COMMIT");
      return result;
    } catch (err) {
      await this.exec("ROLLBACK").catch(() => undefined);
      throw err;
    }
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
  }
}
