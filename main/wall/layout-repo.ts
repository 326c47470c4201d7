// Runs in main. The operators' saved layouts, per user, in SQLite (a department shares one by exporting its JSON).
import { randomBytes } from "node:crypto";
import { SavedLayoutSchema, type SavedLayout } from "../../contract/wall.js";
import { layoutProblem, normalizeLayout, parseLayoutJson, type Layout } from "../../contract/wall-layout.js";
import type { Database } from "../store/database.js";
import { WallRuleError } from "./wall-state.js";

/** A user keeps at most this many layouts. */
export const MAX_SAVED_LAYOUTS = 200;

export class LayoutRepo {
  constructor(private readonly db: Database) {}

  async list(username: string): Promise<SavedLayout[]> {
    const rows = await this.db.all<{ id: string; name: string; layout: string; saved_at: number }>(
      "SELECT id, name, layout, saved_at FROM saved_layout WHERE username = ? ORDER BY name, saved_at",
      [username],
    );
    return rows.flatMap((r) => {
      const parsed = SavedLayoutSchema.safeParse({ id: r.id, name: r.name, layout: safeJson(r.layout), savedAt: r.saved_at });
      return parsed.success ? [parsed.data] : [];
    });
  }

  async get(username: string, id: string): Promise<SavedLayout | null> {
    return (await this.list(username)).find((l) => l.id === id) ?? null;
  }

  /** Saves a layout under a name; a layout of the same name is replaced (same id). */
  async save(username: string, name: string, layout: Layout, now: number): Promise<SavedLayout> {
    const problem = layoutProblem(layout);
    if (problem) throw new WallRuleError("INVALID_LAYOUT", problem);
    const trimmed = name.trim();
    const existing = await this.db.get<{ id: string }>("SELECT id FROM saved_layout WHERE username = ? AND name = ?", [username, trimmed]);
    if (!existing) {
      const count = await this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM saved_layout WHERE username = ?", [username]);
      if ((count?.n ?? 0) >= MAX_SAVED_LAYOUTS) throw new WallRuleError("INVALID_LAYOUT", `at most ${MAX_SAVED_LAYOUTS} saved layouts; delete one first`);
    }
    const saved: SavedLayout = { id: existing?.id ?? randomBytes(8).toString("hex"), name: trimmed, layout: normalizeLayout(layout), savedAt: now };
    await this.db.run(
      "INSERT INTO saved_layout (id, username, name, layout, saved_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, layout = excluded.layout, saved_at = excluded.saved_at",
      [saved.id, username, saved.name, JSON.stringify(saved.layout), saved.savedAt],
    );
    return saved;
  }

  /** A layout shared as JSON; its name, or "导入的布局 N×M" when it has none. */
  async import(username: string, json: string, now: number): Promise<SavedLayout> {
    const parsed = parseLayoutJson(json);
    if (!parsed.ok) throw new WallRuleError("INVALID_LAYOUT", parsed.problem);
    return this.save(username, parsed.name ?? `${parsed.layout.rows}×${parsed.layout.cols} (${parsed.layout.cells.length})`, parsed.layout, now);
  }

  async delete(username: string, id: string): Promise<boolean> {
    const result = await this.db.run("DELETE FROM saved_layout WHERE username = ? AND id = ?", [username, id]);
    return (result.changes ?? 0) > 0;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
