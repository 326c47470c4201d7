// Runs in the renderer. Everything the UI asks of main goes through here: call, apply the WallState main returns,
// and turn failures into a localized notice. Nothing fails silently.
import type { ApiErrorCode, Locale, SessionState } from "../../../contract/console-api.js";
import { apiErrorCode } from "../../../contract/console-client.js";
import type { SavedLayout, TileRef, WallState } from "../../../contract/wall.js";
import { presetLayout, type Layout, type PresetId } from "../../../contract/wall-layout.js";
import { consoleApi } from "./console-link.js";
import type { MessageKey } from "../i18n/i18n.js";
import { useConsoleStore } from "./console-store.js";
import { adoptSession } from "./session.js";

export function errorCodeOf(err: unknown): ApiErrorCode {
  return apiErrorCode(err);
}

function report(action: MessageKey, err: unknown): void {
  const code = errorCodeOf(err);
  if (apiErrorCode(err) === "INTERNAL") console.error(err);
  useConsoleStore.getState().pushNotice({ action, errorCode: code });
}

async function wallCall(action: MessageKey, run: () => Promise<WallState>): Promise<void> {
  try {
    useConsoleStore.getState().applyWall(await run());
  } catch (err) {
    report(action, err);
  }
}

const api = consoleApi;

/** The wall window this page shows: every wall call names it. */
const wall = () => useConsoleStore.getState().wallId;

export const consoleActions = {
  /** A layout for this page's wall; cameras whose cell disappears are parked by main, never dropped. */
  setLayout: (layout: Layout, layoutRef: string | null = null) => wallCall("action.setLayout", () => api().setLayout({ wall: wall(), layout, layoutRef })),
  applyPreset: (id: PresetId) => consoleActions.setLayout(presetLayout(id), `preset:${id}`),
  applySavedLayout: (saved: SavedLayout) => consoleActions.setLayout(saved.layout, `saved:${saved.id}`),
  assignTile: (tile: number, cameraId: string) => {
    useConsoleStore.getState().selectTile(tile);
    return wallCall("action.assignTile", () => api().assignTile({ wall: wall(), tile, cameraId }));
  },
  swapTiles: (a: number, b: number) => {
    useConsoleStore.getState().selectTile(b);
    return wallCall("action.swapTiles", () => api().swapTiles({ wall: wall(), a, b }));
  },
  clearTile: (tile: number) => wallCall("action.clearTile", () => api().clearTile({ wall: wall(), tile })),
  /** Closes several tiles at once (a multi-selection). */
  clearTiles: (tiles: readonly number[]) => wallCall("action.clearTiles", () => api().clearTiles({ wall: wall(), tiles: [...tiles] })),
  /** Sends tiles to tiles of any wall, one after the other (each target's camera comes back in exchange). */
  async moveTiles(moves: readonly { from: TileRef; to: TileRef }[]): Promise<boolean> {
    try {
      for (const { from, to } of moves) for (const state of await api().moveTile({ from, to })) useConsoleStore.getState().applyWall(state);
      return true;
    } catch (err) {
      report("action.moveTile", err);
      return false;
    }
  },
  setMaximized: (tile: number | null) => wallCall("action.setMaximized", () => api().setMaximized({ wall: wall(), tile })),
  /** Parked cameras back into the empty tiles, in the order they were parked. */
  unparkCameras: () => wallCall("action.unparkCameras", () => api().unparkCameras({ wall: wall() })),
  /** Forgets one parked camera (or all of them, null). */
  dismissParked: (cameraId: string | null) => wallCall("action.dismissParked", () => api().dismissParked({ wall: wall(), cameraId })),
  /** A new wall window: main adds its state; the web shell opens it in another browser window. */
  async addWall(): Promise<WallState | null> {
    try {
      const state = await api().addWall({});
      useConsoleStore.getState().setWalls([...new Set([...useConsoleStore.getState().walls, state.wall])].sort((a, b) => a - b));
      return state;
    } catch (err) {
      report("action.addWall", err);
      return null;
    }
  },
  async removeWall(id: WallState["wall"]): Promise<void> {
    try {
      await api().removeWall({ wall: id });
    } catch (err) {
      report("action.removeWall", err);
    }
  },
  /** Logs in; failures come back (not as notices): the login screen shows them in place. */
  async login(username: string, password: string): Promise<{ ok: true; session: SessionState } | { ok: false; code: ApiErrorCode; detail: string }> {
    try {
      const session = await api().login({ username, password });
      adoptSession(session);
      return { ok: true, session };
    } catch (err) {
      return { ok: false, code: errorCodeOf(err), detail: err instanceof Error ? err.message : String(err) };
    }
  },
  async logout(): Promise<void> {
    try {
      adoptSession(await api().logout({}));
    } catch (err) {
      report("action.logout", err);
    }
  },
  async setLocale(locale: Locale): Promise<void> {
    try {
      useConsoleStore.getState().setLocale(await api().setLocale({ locale }));
    } catch (err) {
      report("action.setLocale", err);
    }
  },
};
