// Runs everywhere (main owns the wall; the renderer draws and edits layouts). Pure. What a wall layout is: cells
// {row, col, rowSpan, colSpan} on an R×C grid (1 ≤ R, C ≤ 8) that cover the grid exactly, never overlapping.
// Equal grids, focus layouts (1+N) and the operator's own layouts are the same data. A cell's index is its tile
// index: cells are kept in reading order (row, then column of their top-left corner).
import { z } from "zod";

export const MAX_GRID = 8;
export const MAX_CELLS = MAX_GRID * MAX_GRID;

export const LayoutCellSchema = z
  .object({
    row: z.number().int().min(0).max(MAX_GRID - 1),
    col: z.number().int().min(0).max(MAX_GRID - 1),
    rowSpan: z.number().int().min(1).max(MAX_GRID),
    colSpan: z.number().int().min(1).max(MAX_GRID),
  })
  .strict();
export type LayoutCell = z.infer<typeof LayoutCellSchema>;

/** The shape only; `layoutProblem` says whether it is a valid layout. */
export const LayoutShapeSchema = z
  .object({
    rows: z.number().int().min(1).max(MAX_GRID),
    cols: z.number().int().min(1).max(MAX_GRID),
    cells: z.array(LayoutCellSchema).min(1).max(MAX_CELLS),
  })
  .strict();
export type Layout = z.infer<typeof LayoutShapeSchema>;

/**
 * Why a layout is not one, as data (the renderer words it in the user's language; `describeLayoutIssue` words it
 * in English for the API and logs). Cells and grid positions are 1-based, as an operator counts them.
 */
export type LayoutIssue =
  | { code: "grid-size"; rows: number; cols: number }
  | { code: "no-cells" }
  | { code: "too-many-cells"; count: number }
  | { code: "empty-span"; cell: number }
  | { code: "outside"; cell: number; row: number; col: number; rowSpan: number; colSpan: number; rows: number; cols: number }
  | { code: "overlap"; a: number; b: number; row: number; col: number }
  | { code: "hole"; row: number; col: number }
  | { code: "not-json"; detail: string }
  | { code: "shape"; path: string; detail: string };

/** The first problem found (null: it is a layout). */
export function layoutIssue(layout: Layout): LayoutIssue | null {
  const { rows, cols, cells } = layout;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1 || rows > MAX_GRID || cols > MAX_GRID) return { code: "grid-size", rows, cols };
  if (cells.length === 0) return { code: "no-cells" };
  if (cells.length > MAX_CELLS) return { code: "too-many-cells", count: cells.length };
  const owner: number[] = new Array<number>(rows * cols).fill(-1);
  for (const [i, c] of cells.entries()) {
    if (c.rowSpan < 1 || c.colSpan < 1) return { code: "empty-span", cell: i + 1 };
    if (c.row < 0 || c.col < 0 || c.row + c.rowSpan > rows || c.col + c.colSpan > cols) {
      return { code: "outside", cell: i + 1, row: c.row + 1, col: c.col + 1, rowSpan: c.rowSpan, colSpan: c.colSpan, rows, cols };
    }
    for (let r = c.row; r < c.row + c.rowSpan; r++) {
      for (let k = c.col; k < c.col + c.colSpan; k++) {
        const other = owner[r * cols + k]!;
        if (other !== -1) return { code: "overlap", a: other + 1, b: i + 1, row: r + 1, col: k + 1 };
        owner[r * cols + k] = i;
      }
    }
  }
  const hole = owner.indexOf(-1);
  if (hole !== -1) return { code: "hole", row: Math.floor(hole / cols) + 1, col: (hole % cols) + 1 };
  return null;
}

/** The issue in English (API error messages, logs). */
export function describeLayoutIssue(issue: LayoutIssue): string {
  switch (issue.code) {
    case "grid-size":
      return `the grid is ${issue.rows}×${issue.cols}; it must be between 1×1 and ${MAX_GRID}×${MAX_GRID}`;
    case "no-cells":
      return "the layout has no cells";
    case "too-many-cells":
      return `the layout has ${issue.count} cells; at most ${MAX_CELLS}`;
    case "empty-span":
      return `cell ${issue.cell} has an empty span`;
    case "outside":
      return `cell ${issue.cell} (row ${issue.row}, column ${issue.col}, ${issue.rowSpan}×${issue.colSpan}) reaches outside the ${issue.rows}×${issue.cols} grid`;
    case "overlap":
      return `cells ${issue.a} and ${issue.b} overlap at row ${issue.row}, column ${issue.col}`;
    case "hole":
      return `no cell covers row ${issue.row}, column ${issue.col}`;
    case "not-json":
      return `not JSON: ${issue.detail}`;
    case "shape":
      return `${issue.path}: ${issue.detail}`;
  }
}

/** Why this is not a layout, in English (null: it is one). */
export function layoutProblem(layout: Layout): string | null {
  const issue = layoutIssue(layout);
  return issue ? describeLayoutIssue(issue) : null;
}

/** A layout schema that also checks coverage (for every process boundary and imported JSON). */
export const LayoutSchema = LayoutShapeSchema.superRefine((layout, ctx) => {
  const problem = layoutProblem(layout);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const readingOrder = (a: LayoutCell, b: LayoutCell): number => a.row - b.row || a.col - b.col;

/** The same layout with its cells in reading order (the order tiles are numbered in). */
export function normalizeLayout(layout: Layout): Layout {
  return { rows: layout.rows, cols: layout.cols, cells: [...layout.cells].sort(readingOrder).map((c) => ({ ...c })) };
}

export function equalGrid(rows: number, cols: number = rows): Layout {
  const cells: LayoutCell[] = [];
  for (let row = 0; row < rows; row++) for (let col = 0; col < cols; col++) cells.push({ row, col, rowSpan: 1, colSpan: 1 });
  return { rows, cols, cells };
}

/**
 * Merges every cell inside the rectangle into one. Refused (null) when a cell crosses the rectangle's border, since
 * the result would not be a layout, or when the rectangle holds a single cell already.
 */
export function mergeCells(layout: Layout, rect: { row: number; col: number; rowSpan: number; colSpan: number }): Layout | null {
  const inside = (c: LayoutCell) => c.row >= rect.row && c.col >= rect.col && c.row + c.rowSpan <= rect.row + rect.rowSpan && c.col + c.colSpan <= rect.col + rect.colSpan;
  const touches = (c: LayoutCell) => c.row < rect.row + rect.rowSpan && rect.row < c.row + c.rowSpan && c.col < rect.col + rect.colSpan && rect.col < c.col + c.colSpan;
  if (rect.row < 0 || rect.col < 0 || rect.rowSpan < 1 || rect.colSpan < 1 || rect.row + rect.rowSpan > layout.rows || rect.col + rect.colSpan > layout.cols) return null;
  const hit = layout.cells.filter(touches);
  if (hit.length < 2 || !hit.every(inside)) return null;
  const rest = layout.cells.filter((c) => !touches(c));
  return normalizeLayout({ rows: layout.rows, cols: layout.cols, cells: [...rest, { ...rect }] });
}

/** Splits one cell into 1×1 cells (null when it is 1×1 already or out of range). */
export function splitCell(layout: Layout, index: number): Layout | null {
  const cell = layout.cells[index];
  if (!cell || (cell.rowSpan === 1 && cell.colSpan === 1)) return null;
  const parts: LayoutCell[] = [];
  for (let r = cell.row; r < cell.row + cell.rowSpan; r++) for (let k = cell.col; k < cell.col + cell.colSpan; k++) parts.push({ row: r, col: k, rowSpan: 1, colSpan: 1 });
  return normalizeLayout({ rows: layout.rows, cols: layout.cols, cells: [...layout.cells.filter((_, i) => i !== index), ...parts] });
}

/** The cell of the layout that covers a grid position (its index), or -1. */
export function cellAt(layout: Layout, row: number, col: number): number {
  return layout.cells.findIndex((c) => row >= c.row && row < c.row + c.rowSpan && col >= c.col && col < c.col + c.colSpan);
}

// ── Presets ───────────────────────────────────────────────────────────────────────────────────────────────────

/** A focus layout: `big` cells of size span×span placed left to right on the top rows, the rest 1×1. */
function focusLayout(size: number, bigSpan: number, bigCount: number): Layout {
  let layout = equalGrid(size);
  for (let i = 0; i < bigCount; i++) {
    const merged = mergeCells(layout, { row: 0, col: i * bigSpan, rowSpan: bigSpan, colSpan: bigSpan });
    if (!merged) throw new Error(`focus layout ${size}/${bigSpan}/${bigCount} does not fit`);
    layout = merged;
  }
  return layout;
}

/** 1+12: the big picture in the middle of a 4×4 grid, twelve around it. */
function centreFocus(): Layout {
  const merged = mergeCells(equalGrid(4), { row: 1, col: 1, rowSpan: 2, colSpan: 2 });
  if (!merged) throw new Error("1+12 does not fit");
  return merged;
}

export const PRESET_IDS = ["1", "4", "9", "16", "25", "36", "49", "64", "2x3", "3x4", "1+5", "1+7", "1+9", "1+12", "2+8"] as const;
export const PresetIdSchema = z.enum(PRESET_IDS);
export type PresetId = z.infer<typeof PresetIdSchema>;

export function presetLayout(id: PresetId): Layout {
  switch (id) {
    case "1":
    case "4":
    case "9":
    case "16":
    case "25":
    case "36":
    case "49":
    case "64":
      return equalGrid(Math.round(Math.sqrt(Number(id))));
    case "2x3":
      return equalGrid(2, 3);
    case "3x4":
      return equalGrid(3, 4);
    case "1+5":
      return focusLayout(3, 2, 1);
    case "1+7":
      return focusLayout(4, 3, 1);
    case "1+9":
      return focusLayout(5, 4, 1);
    case "1+12":
      return centreFocus();
    case "2+8":
      return focusLayout(4, 2, 2);
  }
}

/** The preset this layout is, if any (the picker highlights it). */
export function presetOf(layout: Layout): PresetId | null {
  return PRESET_IDS.find((id) => sameLayout(presetLayout(id), layout)) ?? null;
}

export function sameLayout(a: Layout, b: Layout): boolean {
  if (a.rows !== b.rows || a.cols !== b.cols || a.cells.length !== b.cells.length) return false;
  const na = normalizeLayout(a).cells;
  const nb = normalizeLayout(b).cells;
  return na.every((c, i) => {
    const d = nb[i]!;
    return c.row === d.row && c.col === d.col && c.rowSpan === d.rowSpan && c.colSpan === d.colSpan;
  });
}

// ── Tiles across a layout change ───────────────────────────────────────────────────────────────────────────────

/**
 * Cameras when the layout changes: tile i keeps its camera while the new layout has a cell i; cameras whose cell
 * disappears are parked (shown to the operator, never dropped), after the ones parked before. Parked cameras fill
 * empty cells of the new layout first only when asked (`unpark`), so a layout change never moves a camera the
 * operator did not move.
 */
export function retile<T>(tiles: readonly (T | null)[], parked: readonly T[], cellCount: number): { tiles: (T | null)[]; parked: T[] } {
  const kept = Array.from({ length: cellCount }, (_, i) => tiles[i] ?? null);
  const dropped = tiles.slice(cellCount).filter((t): t is T => t !== null);
  return { tiles: kept, parked: dedupe([...parked, ...dropped]) };
}

/** Puts parked cameras into the empty tiles in order; what does not fit stays parked. */
export function unpark<T>(tiles: readonly (T | null)[], parked: readonly T[]): { tiles: (T | null)[]; parked: T[] } {
  const next = [...tiles];
  const left: T[] = [];
  for (const camera of parked) {
    const empty = next.indexOf(null);
    if (empty === -1) left.push(camera);
    else next[empty] = camera;
  }
  return { tiles: next, parked: left };
}

function dedupe<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

const SharedLayoutSchema = z.object({ name: z.string().trim().min(1).max(64).optional(), layout: LayoutShapeSchema }).strict();

/** Parses a layout someone shared as JSON (`{name, layout}` or a bare layout): the layout, or what is wrong with it. */
export function parseLayoutJson(text: string): { ok: true; name: string | null; layout: Layout } | { ok: false; problem: string; issue: LayoutIssue } {
  const fail = (issue: LayoutIssue) => ({ ok: false as const, problem: describeLayoutIssue(issue), issue });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return fail({ code: "not-json", detail: err instanceof Error ? err.message : String(err) });
  }
  const wrapped = typeof raw === "object" && raw !== null && "layout" in raw;
  const parsed = wrapped ? SharedLayoutSchema.safeParse(raw) : LayoutShapeSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return fail({ code: "shape", path: first?.path.join(".") || "layout", detail: first?.message ?? "not a layout" });
  }
  const layout = "layout" in parsed.data ? parsed.data.layout : parsed.data;
  const name = "layout" in parsed.data ? parsed.data.name ?? null : null;
  const issue = layoutIssue(layout);
  return issue ? fail(issue) : { ok: true, name, layout: normalizeLayout(layout) };
}
