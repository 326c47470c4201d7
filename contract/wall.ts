// Runs everywhere. Wall state is owned by main; windows render it.
import { z } from "zod";
import { GbDeviceIdSchema } from "./camera.js";

export const WALL_LAYOUTS = [1, 4, 9, 16] as const;
export const WallLayoutSchema = z.union([z.literal(1), z.literal(4), z.literal(9), z.literal(16)]);
export type WallLayout = z.infer<typeof WallLayoutSchema>;

/** Largest layout; tile indexes are 0..MAX_TILES-1. */
export const MAX_TILES = 16;
export const TileIndexSchema = z.number().int().min(0).max(MAX_TILES - 1);

export const WallStateSchema = z.object({
  layout: WallLayoutSchema,
  /** Camera per tile slot (length MAX_TILES); slots beyond the layout keep their camera for when it grows again. */
  tiles: z.array(GbDeviceIdSchema.nullable()).length(MAX_TILES),
  /** Tile shown maximized, or null. */
  maximized: TileIndexSchema.nullable(),
  /** Increments on every change, so windows can drop stale updates. */
  revision: z.number().int().nonnegative(),
});
export type WallState = z.infer<typeof WallStateSchema>;
