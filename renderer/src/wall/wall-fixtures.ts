// Runs in the renderer's unit tests only. Wall states to test against, shaped like the ones main sends.
import type { WallState } from "../../../contract/wall.js";
import { presetLayout, type PresetId } from "../../../contract/wall-layout.js";

export function emptyWall(preset: PresetId = "4", over: Partial<WallState> = {}): WallState {
  const layout = presetLayout(preset);
  return { wall: 1, layout, layoutRef: `preset:${preset}`, tiles: layout.cells.map(() => null), parked: [], maximized: null, revision: 1, ...over };
}
