// Runs in the renderer. Wall windows from a page: which wall PageUp/PageDown go to, and bringing wall N's window up.
// Electron opens (or brings forward) the wall's window on its display itself (openWallWindow answers opened:true);
// the web shell answers opened:false and the page shows `?wall=N` on the same origin in a browser window named after
// the wall, so showing it again brings that window back instead of opening a second copy.
import { apiErrorCode } from "../../../contract/console-client.js";
import type { WallId } from "../../../contract/wall.js";
import { wallWindowName, wallWindowUrl } from "../program/program-view.js";
import { consoleApi } from "../state/console-link.js";
import { useConsoleStore } from "../state/console-store.js";

/** The wall `step` places after (or before) `current` among the walls that exist, wrapping around; null with one wall. */
export function adjacentWall(walls: readonly WallId[], current: WallId, step: number): WallId | null {
  const ids = [...new Set(walls)].sort((a, b) => a - b);
  if (ids.length < 2) return null;
  const i = ids.indexOf(current);
  return i === -1 ? (ids[0] ?? null) : (ids[(i + step + ids.length) % ids.length] ?? null);
}

/**
 * Web shell: brings wall N's browser window forward, opening it when it is not open (a window already showing it is
 * not reloaded). False where the page cannot do it itself (Electron: main owns the windows).
 */
export function showWallWindow(wall: WallId): boolean {
  const s = useConsoleStore.getState();
  if (s.boot.status !== "ready" || s.boot.shell !== "web") return false;
  const url = wallWindowUrl(window.location, wall);
  const win = window.open("", wallWindowName(wall));
  if (!win) {
    window.location.assign(url);
    return true;
  }
  try {
    if (win.location.href === "about:blank") win.location.replace(url);
  } catch {
    win.location.replace(url);
  }
  win.focus();
  return true;
}

/** Opens (or brings forward) wall N's window in either shell; a failure becomes a notice. */
export async function openWallWindow(wall: WallId): Promise<void> {
  try {
    const { opened } = await consoleApi().openWallWindow({ wall });
    if (!opened) showWallWindow(wall);
  } catch (err) {
    const errorCode = apiErrorCode(err);
    if (errorCode === "INTERNAL") console.error(err);
    useConsoleStore.getState().pushNotice({ action: "action.openWallWindow", errorCode });
  }
}
