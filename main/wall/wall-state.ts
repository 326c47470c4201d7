// Runs in main. Pure wall-state transitions; the wall service persists and broadcasts their results.
import { MAX_TILES, type WallLayout, type WallState } from "../../contract/wall.js";

export class WallRuleError extends Error {
  constructor(
    readonly code: "TILE_OUT_OF_LAYOUT" | "TILE_EMPTY",
    message: string,
  ) {
    super(message);
  }
}

export function emptyWall(layout: WallLayout = 4): WallState {
  return { layout, tiles: Array.from({ length: MAX_TILES }, () => null), maximized: null, revision: 0 };
}

function assertInLayout(state: WallState, tile: number): void {
  if (tile < 0 || tile >= state.layout) {
    throw new WallRuleError("TILE_OUT_OF_LAYOUT", `tile ${tile} is outside the ${state.layout}-tile layout`);
  }
}

function next(state: WallState, changes: Partial<Omit<WallState, "revision">>): WallState {
  return { ...state, ...changes, revision: state.revision + 1 };
}

/** Changing layout keeps cameras in their slots; a maximized tile that falls outside is restored. */
export function setLayout(state: WallState, layout: WallLayout): WallState {
  const maximized = state.maximized !== null && state.maximized < layout ? state.maximized : null;
  return next(state, { layout, maximized });
}

export function assignTile(state: WallState, tile: number, cameraId: string): WallState {
  assertInLayout(state, tile);
  const tiles = [...state.tiles];
  tiles[tile] = cameraId;
  return next(state, { tiles });
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

export function clearTile(state: WallState, tile: number): WallState {
  assertInLayout(state, tile);
  const tiles = [...state.tiles];
  tiles[tile] = null;
  return next(state, { tiles, maximized: state.maximized === tile ? null : state.maximized });
}

export function setMaximized(state: WallState, tile: number | null): WallState {
  if (tile !== null) {
    assertInLayout(state, tile);
    if (!state.tiles[tile]) throw new WallRuleError("TILE_EMPTY", `tile ${tile} has no camera to maximize`);
  }
  return next(state, { maximized: tile });
}

/** Cameras shown now (within the layout). */
export function visibleCameras(state: WallState): string[] {
  return state.tiles.slice(0, state.layout).filter((id): id is string => id !== null);
}
