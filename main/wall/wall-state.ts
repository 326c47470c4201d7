// Runs in main. Pure wall-state transitions of one wall window; the wall service persists and broadcasts them.
import { MAX_PARKED, type WallId, type WallState } from "../../contract/wall.js";
import { equalGrid, layoutProblem, normalizeLayout, retile, unpark, type Layout } from "../../contract/wall-layout.js";

export class WallRuleError extends Error {
  constructor(
    readonly code: "TILE_OUT_OF_LAYOUT" | "TILE_EMPTY" | "INVALID_LAYOUT" | "UNKNOWN_WALL",
    message: string,
  ) {
    super(message);
  }
}

export function emptyWall(wall: WallId = 1, layout: Layout = equalGrid(2), layoutRef: string | null = "preset:4"): WallState {
  return { wall, layout, layoutRef, tiles: layout.cells.map(() => null), parked: [], maximized: null, revision: 0 };
}

function assertInLayout(state: WallState, tile: number): void {
  if (!Number.isInteger(tile) || tile < 0 || tile >= state.tiles.length) {
    throw new WallRuleError("TILE_OUT_OF_LAYOUT", `tile ${tile} is outside wall ${state.wall}'s ${state.tiles.length}-tile layout`);
  }
}

function next(state: WallState, changes: Partial<Omit<WallState, "revision" | "wall">>): WallState {
  return { ...state, ...changes, revision: state.revision + 1 };
}

const capParked = (parked: string[]): string[] => parked.slice(-MAX_PARKED);

/** A new layout: tile i keeps its camera while the layout has a cell i; the others are parked. */
export function setLayout(state: WallState, layout: Layout, layoutRef: string | null = null): WallState {
  const problem = layoutProblem(layout);
  if (problem) throw new WallRuleError("INVALID_LAYOUT", problem);
  const normalized = normalizeLayout(layout);
  const { tiles, parked } = retile(state.tiles, state.parked, normalized.cells.length);
  const maximized = state.maximized !== null && state.maximized < tiles.length ? state.maximized : null;
  return next(state, { layout: normalized, layoutRef, tiles, parked: capParked(parked), maximized });
}

/** Puts a camera on a tile; a parked camera put back leaves the parked list. */
export function assignTile(state: WallState, tile: number, cameraId: string): WallState {
  assertInLayout(state, tile);
  const tiles = [...state.tiles];
  tiles[tile] = cameraId;
  return next(state, { tiles, parked: state.parked.filter((id) => id !== cameraId) });
}

export function swapTiles(state: WallState, a: number, b: number): WallState {
  assertInLayout(state, a);
  assertInLayout(state, b);
  if (a === b) return state;
  const tiles = [...state.tiles];
  [tiles[a], tiles[b]] = [tiles[b] ?? null, tiles[a] ?? null];
  // The maximized view follows its camera.
  const maximized = state.maximized === a ? b : state.maximized === b ? a : state.maximized;
  return next(state, { tiles, maximized });
}

export function clearTiles(state: WallState, tilesToClear: readonly number[]): WallState {
  for (const t of tilesToClear) assertInLayout(state, t);
  const tiles = [...state.tiles];
  for (const t of tilesToClear) tiles[t] = null;
  const maximized = state.maximized !== null && tilesToClear.includes(state.maximized) ? null : state.maximized;
  return next(state, { tiles, maximized });
}

export function clearTile(state: WallState, tile: number): WallState {
  return clearTiles(state, [tile]);
}

export function setMaximized(state: WallState, tile: number | null): WallState {
  if (tile !== null) {
    assertInLayout(state, tile);
    if (!state.tiles[tile]) throw new WallRuleError("TILE_EMPTY", `tile ${tile} has no camera to maximize`);
  }
  return next(state, { maximized: tile });
}

/** Fills empty tiles in order with cameras not already on the wall; the rest is the overflow (ready for a tour). */
export function fillTiles(state: WallState, cameraIds: readonly string[]): { state: WallState; placed: number; overflow: string[] } {
  const onWall = new Set(state.tiles.filter((t): t is string => t !== null));
  const fresh = [...new Set(cameraIds)].filter((id) => !onWall.has(id));
  const filled = unpark(state.tiles, fresh);
  const placed = fresh.length - filled.parked.length;
  if (placed === 0) return { state, placed, overflow: filled.parked };
  const placedIds = new Set(fresh.slice(0, placed));
  return { state: next(state, { tiles: filled.tiles, parked: state.parked.filter((id) => !placedIds.has(id)) }), placed, overflow: filled.parked };
}

/** Parked cameras back into empty tiles, in the order they were parked. */
export function unparkCameras(state: WallState): WallState {
  if (state.parked.length === 0) return state;
  const { tiles, parked } = unpark(state.tiles, state.parked);
  return next(state, { tiles, parked });
}

export function dismissParked(state: WallState, cameraId: string | null): WallState {
  const parked = cameraId === null ? [] : state.parked.filter((id) => id !== cameraId);
  return parked.length === state.parked.length ? state : next(state, { parked });
}

/** Cameras shown now. */
export function visibleCameras(state: WallState): string[] {
  return state.tiles.filter((id): id is string => id !== null);
}
