// Runs in the renderer. Wall keyboard: 1–9 select tiles 0–8, Esc closes the relay panel, else restores a maximized tile, Delete clears the selected tile.
import { useEffect } from "react";
import { consoleActions } from "../state/console-actions.js";
import { useConsoleStore } from "../state/console-store.js";
import { tileForDigitKey } from "../wall/wall-grid.js";

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

export function useWallKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const s = useConsoleStore.getState();
      const wall = s.wall;
      if (!wall) return;
      if (e.key === "Escape") {
        if (s.relayPanelOpen) {
          // The open relay panel takes Esc first; a maximized tile stays until the next one.
          e.preventDefault();
          s.setRelayPanelOpen(false);
        } else if (wall.maximized !== null) {
          e.preventDefault();
          void consoleActions.setMaximized(null);
        } else if (!typingInField(e.target)) {
          s.selectTile(null);
        }
        return;
      }
      if (typingInField(e.target)) return;
      const tile = tileForDigitKey(e.key, wall.layout);
      if (tile !== null) {
        e.preventDefault();
        s.selectTile(tile);
        return;
      }
      if (e.key === "Delete" && s.selectedTile !== null && wall.tiles[s.selectedTile] != null) {
        e.preventDefault();
        void consoleActions.clearTile(s.selectedTile);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
