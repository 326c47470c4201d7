// Runs in main. Key/value settings stored as JSON, each read validated by the caller's schema.
import type { z } from "zod";
import type { Database } from "./database.js";

export class SettingsRepo {
  constructor(private readonly db: Database) {}

  async get<S extends z.ZodType>(key: string, schema: S, fallback: z.infer<S>): Promise<z.infer<S>> {
    const row = await this.db.get<{ value: string }>("SELECT value FROM settings WHERE key = ?", [key]);
    if (!row) return fallback;
    try {
      const parsed = schema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : fallback;
    } catch {
      return fallback;
    }
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.db.run(
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      [key, JSON.stringify(value)],
    );
  }
}
