// Runs everywhere. Wall state is owned by main; windows render it. A workstation has wall windows 1..N (one per
// display in Electron, or browser windows in the web shell), each with its own WallState: a layout (cells on a
// grid, contract/wall-layout.ts), the camera of each cell, the cameras parked by a layout change, a maximized tile.
import { z } from "zod";
import { GbDeviceIdSchema } from "./camera.js";
import { LayoutSchema, MAX_CELLS, type Layout } from "./wall-layout.js";

/** Tile indexes are cell indexes of the layout, 0..63. */
export const MAX_TILES = MAX_CELLS;
export const TileIndexSchema = z.number().int().min(0).max(MAX_TILES - 1);

/** Wall windows 1..MAX_WALLS. */
export const MAX_WALLS = 8;
export const WallIdSchema = z.number().int().min(1).max(MAX_WALLS);
export type WallId = z.infer<typeof WallIdSchema>;

/** Cameras a layout change took off the wall, kept for the operator to put back (never silently dropped). */
export const MAX_PARKED = 256;

/** Where a layout came from: a preset (`preset:1+5`), a saved layout (`saved:<id>`), or drawn ad hoc (null). */
export const LayoutRefSchema = z.string().regex(/^(preset|saved):[A-Za-z0-9+_-]{1,64}$/).nullable();

export const WallStateSchema = z
  .object({
    wall: WallIdSchema,
    layout: LayoutSchema,
    layoutRef: LayoutRefSchema,
    /** Camera per cell (same length as layout.cells). */
    tiles: z.array(GbDeviceIdSchema.nullable()).max(MAX_TILES),
    parked: z.array(GbDeviceIdSchema).max(MAX_PARKED),
    /** Tile shown maximized within this window, or null. */
    maximized: TileIndexSchema.nullable(),
    /** Increments on every change of this wall, so windows can drop stale updates. */
    revision: z.number().int().nonnegative(),
  })
  .superRefine((s, ctx) => {
    if (s.tiles.length !== s.layout.cells.length) ctx.addIssue({ code: "custom", path: ["tiles"], message: `${s.tiles.length} tiles for ${s.layout.cells.length} cells` });
    if (s.maximized !== null && s.maximized >= s.layout.cells.length) ctx.addIssue({ code: "custom", path: ["maximized"], message: "maximized tile outside the layout" });
  });
export type WallState = z.infer<typeof WallStateSchema>;

/** A tile somewhere on the workstation: which wall window, which cell. */
export const TileRefSchema = z.object({ wall: WallIdSchema, tile: TileIndexSchema }).strict();
export type TileRef = z.infer<typeof TileRefSchema>;

/** A layout the operator saved (per user; exported and imported as JSON to share with a department). */
export const SavedLayoutSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  name: z.string().trim().min(1).max(64),
  layout: LayoutSchema,
  savedAt: z.number().int(),
});
export type SavedLayout = z.infer<typeof SavedLayoutSchema>;

export function tileCount(state: Pick<WallState, "layout">): number {
  return state.layout.cells.length;
}

/**
 * The stream profile a tile gets (main serves it, the renderer matches relay stats to it): the main stream for a
 * maximized tile or a cell covering a third of its window or more, a sub-stream for smaller cells.
 */
export function tileStreamProfile(layout: Layout, maximized: number | null, tile: number): "main" | "sub" {
  const cell = layout.cells[tile];
  if (maximized === tile || !cell) return "main";
  return cell.rowSpan * cell.colSpan * 3 >= layout.rows * layout.cols ? "main" : "sub";
}

export type { Layout };
