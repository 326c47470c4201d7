// Runs in the renderer. The wall's keys, window-wide (wall/tile-selection.ts holds the pure parts):
//   ←/→/↑/↓      move the selection to the cell beside it in the layout (Shift: grow a rectangle); while a tile is
//                maximized the maximized view follows the selection
//   1–9, 0       pick a tile by its number; two digits typed quickly pick tiles 10–64
//   Enter        maximize the selected tile in this window
//   Esc          closes the side panel (授权与审计, then the relay panel) first, else restores a maximized tile,
//                else clears the selection
//   Delete       clears every selected tile
//   Menu, Shift+F10  the selected tile's context menu
//   PageUp/PageDown  the previous/next wall window, brought forward (opened when it is not open; an open one is not
//                reloaded): Electron's window on its display, the web shell's browser window for that wall
// Keys that move or act on tiles (arrows, Enter, Delete, Menu) need focus on the wall or nowhere in particular;
// digits and PageUp/PageDown need focus outside fields and outside the parts with keys of their own (catalog, side
// panel, layout editor, menus).
import { useEffect } from "react";
import { consoleActions } from "../state/console-actions.js";
import { useConsoleStore } from "../state/console-store.js";
import { ARROW_KEYS, NO_DIGITS, digitPick, moveSelection, selectOnly, type GridPoint } from "../state/tile-selection.js";
import { tileElement } from "../wall/tile-commands.js";
import { closeTileMenu, openTileMenu } from "../wall/tile-ui-store.js";
import { adjacentWall, openWallWindow } from "../wall/wall-windows.js";

/** Parts of the window whose own keys come first. */
const OWN_KEYS = ".catalog, .side-panel, .layout-editor, .picker, [role='menu'], [role='dialog'], [role='listbox']";

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

function ownKeys(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(OWN_KEYS) !== null;
}

/** Focus on the wall (a tile) or on nothing in particular. */
function onWall(target: EventTarget | null): boolean {
  if (!(target instanceof Element) || target === document.body || target === document.documentElement) return true;
  return target.closest('[data-testid="wall"]') !== null;
}

export function useWallKeys(): void {
  useEffect(() => {
    let digits = NO_DIGITS;
    let cursor: GridPoint | null = null;

    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const s = useConsoleStore.getState();
      const wall = s.wall;
      if (!wall || !s.session?.user) return;
      const target = e.target;

      if (e.key === "Escape") {
        if (s.accessDrawer !== null) s.closeAccessDrawer();
        else if (s.relayPanelOpen) s.setRelayPanelOpen(false);
        else if (wall.maximized !== null) void consoleActions.setMaximized(null);
        else if (!typingInField(target) && s.selectedTiles.length > 0) s.selectTile(null);
        else return;
        e.preventDefault();
        return;
      }
      if (typingInField(target)) return;
      const focus = s.selectedTile;
      const selection = { focus, tiles: s.selectedTiles, anchor: s.selectionAnchor };

      if ((e.key === "PageDown" || e.key === "PageUp") && !ownKeys(target)) {
        const next = adjacentWall(s.walls, s.wallId, e.key === "PageDown" ? 1 : -1);
        if (next === null) return;
        e.preventDefault();
        void openWallWindow(next);
        return;
      }

      if (!ownKeys(target)) {
        const pick = digitPick(digits, e.key, Date.now(), wall.tiles.length);
        digits = pick.buffer;
        if (pick.tile !== null && !e.shiftKey) {
          e.preventDefault();
          s.selectTile(pick.tile);
          if (wall.maximized !== null && wall.maximized !== pick.tile) void consoleActions.setMaximized(pick.tile);
          return;
        }
      }

      if (!onWall(target)) return;
      const dir = ARROW_KEYS[e.key];
      if (dir) {
        e.preventDefault();
        const step = moveSelection(selection, wall.layout, dir, e.shiftKey && wall.maximized === null, cursor);
        cursor = step.cursor;
        s.setSelection(step.selection);
        const moved = step.selection.focus;
        if (moved !== null) tileElement(moved)?.focus({ preventScroll: true });
        if (wall.maximized !== null && moved !== null && moved !== wall.maximized) void consoleActions.setMaximized(moved);
        return;
      }
      if (focus === null) return;
      if (e.key === "Enter") {
        e.preventDefault();
        if (wall.maximized !== focus) void consoleActions.setMaximized(focus);
        return;
      }
      if (e.key === "Delete") {
        const tiles = s.selectedTiles.filter((t) => wall.tiles[t] != null);
        if (tiles.length === 0) return;
        e.preventDefault();
        if (tiles.length === 1) void consoleActions.clearTile(tiles[0]!);
        else void consoleActions.clearTiles(tiles);
        return;
      }
      if (e.key === "ContextMenu" || (e.key === "F10" && e.shiftKey)) {
        const el = tileElement(focus);
        if (!el) return;
        e.preventDefault();
        if (!s.selectedTiles.includes(focus)) s.setSelection(selectOnly(focus));
        const r = el.getBoundingClientRect();
        closeTileMenu();
        openTileMenu(focus, r.left + Math.min(24, r.width / 2), r.top + Math.min(28, r.height / 2), true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
