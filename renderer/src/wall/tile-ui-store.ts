// Runs in the renderer. Local, per-window tile UI that is not wall state (main never hears of it): the open context
// menu (which tile, where) and the tiles showing their stream stats card.
import { create } from "zustand";

export type TileMenuAnchor = {
  tile: number;
  /** Viewport position the menu opens at (the pointer, or the tile's corner for the Menu key). */
  x: number;
  y: number;
  /** Opened from the keyboard: the first item takes focus. */
  keyboard: boolean;
  /** Bumped on every opening so a second right-click starts a fresh menu. */
  seq: number;
};

type TileUi = {
  menu: TileMenuAnchor | null;
  statsTiles: readonly number[];
};

export const useTileUi = create<TileUi>()(() => ({ menu: null, statsTiles: [] }));

let seq = 0;
let keyboardAt = 0;

export function openTileMenu(tile: number, x: number, y: number, keyboard: boolean): void {
  if (keyboard) keyboardAt = Date.now();
  useTileUi.setState({ menu: { tile, x, y, keyboard, seq: ++seq } });
}

/** The Menu key (Shift+F10) just opened a menu: the browser's own contextmenu event that follows is not a second one. */
export function keyboardMenuJustOpened(): boolean {
  return Date.now() - keyboardAt < 600;
}

export function closeTileMenu(): void {
  if (useTileUi.getState().menu !== null) useTileUi.setState({ menu: null });
}

export function showTileStats(tile: number, show: boolean): void {
  const tiles = useTileUi.getState().statsTiles.filter((t) => t !== tile);
  useTileUi.setState({ statsTiles: show ? [...tiles, tile] : tiles });
}
