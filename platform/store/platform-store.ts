// Runs in the platform API. Two connections to one WAL database: a writer whose transactions are serialized
// (sqlite3 has one connection per handle, so concurrent requests would otherwise share a transaction), and a
// reader that only ever sees committed data (and refuses writes).
import { join } from "node:path";
import { Database } from "./platform-database.js";
import { migratePlatform } from "./migrations.js";

export class PlatformStore {
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly writer: Database,
    readonly reader: Database,
  ) {}

  static async open(dataDir: string): Promise<PlatformStore> {
    const file = join(dataDir, "platform.sqlite");
    const writer = await Database.open(file);
    await migratePlatform(writer);
    const reader = await Database.open(file, { queryOnly: true });
    return new PlatformStore(writer, reader);
  }

  /** Runs `work` in one write transaction, after every earlier one has finished. */
  write<T>(work: (db: Database) => Promise<T>): Promise<T> {
    const run = this.tail.then(() => this.writer.transaction(() => work(this.writer)));
    this.tail = run.catch(() => undefined);
    return run;
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.reader.get<{ value: string }>("SELECT value FROM meta WHERE key = ?", [key]);
    return row?.value;
  }

  async close(): Promise<void> {
    await this.tail;
    await this.writer.close();
    await this.reader.close();
  }
}

export async function setMeta(db: Database, key: string, value: string): Promise<void> {
  await db.run("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value]);
}
