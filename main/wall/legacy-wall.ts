// Runs in main. Pure: the wall state stored by versions before issue 11 ({layout: 1|4|9|16, tiles: 16 slots,
// maximized}) → wall 1 of the layout model, unchanged for the user: the same grid, the same cameras in the same
// tiles, the maximized tile kept; cameras in the slots beyond the layout (kept for when it grew again) parked.
import { z } from "zod";
import { GbDeviceIdSchema } from "../../contract/camera.js";
import type { WallState } from "../../contract/wall.js";
import { equalGrid } from "../../contract/wall-layout.js";

const LegacyWallSchema = z.object({
  layout: z.union([z.literal(1), z.literal(4), z.literal(9), z.literal(16)]),
  tiles: z.array(GbDeviceIdSchema.nullable()).length(16),
  maximized: z.number().int().min(0).max(15).nullable(),
  revision: z.number().int().nonnegative(),
});

export function fromLegacyWall(raw: unknown): WallState | null {
  const parsed = LegacyWallSchema.safeParse(raw);
  if (!parsed.success) return null;
  const old = parsed.data;
  const layout = equalGrid(Math.round(Math.sqrt(old.layout)));
  const tiles = old.tiles.slice(0, old.layout);
  const parked = [...new Set(old.tiles.slice(old.layout).filter((t): t is string => t !== null && !tiles.includes(t)))];
  const maximized = old.maximized !== null && old.maximized < old.layout && tiles[old.maximized] ? old.maximized : null;
  return { wall: 1, layout, layoutRef: `preset:${old.layout}`, tiles, parked, maximized, revision: old.revision + 1 };
}
