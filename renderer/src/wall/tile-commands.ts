// Runs in the renderer. What the tile context menu's commands (tile-menu.ts) do: ConsoleApi calls through
// consoleActions, the tile element's fullscreen, the local stats card.
import { consoleActions } from "../state/console-actions.js";
import { useConsoleStore } from "../state/console-store.js";
import { selectOnly } from "../state/tile-selection.js";
import type { TileCommand } from "./tile-menu.js";
import { showTileStats } from "./tile-ui-store.js";
import { openWallWindow } from "./wall-windows.js";

/** The tile element of this window (the fullscreen target). */
export function tileElement(tile: number): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-testid="wall"] [data-testid="tile-${tile}"]`);
}

export async function runTileCommand(cmd: TileCommand): Promise<void> {
  switch (cmd.type) {
    case "send": {
      if (await consoleActions.moveTiles(cmd.moves)) useConsoleStore.getState().setSelection(selectOnly(null));
      return;
    }
    case "sendToNewWall": {
      const state = await consoleActions.addWall();
      if (!state) return;
      // A new wall starts small (2×2); what does not fit stays where it is.
      const moves = cmd.tiles.slice(0, state.tiles.length).map((tile, i) => ({ from: { wall: cmd.wall, tile }, to: { wall: state.wall, tile: i } }));
      if (await consoleActions.moveTiles(moves)) {
        useConsoleStore.getState().setSelection(selectOnly(null));
        void openWallWindow(state.wall);
      }
      return;
    }
    case "maximize":
      useConsoleStore.getState().selectTile(cmd.tile);
      return consoleActions.setMaximized(cmd.tile);
    case "restore":
      return consoleActions.setMaximized(null);
    case "fullscreen": {
      const el = tileElement(cmd.tile);
      if (!el) return;
      try {
        await el.requestFullscreen();
      } catch (err) {
        // Refused (no user gesture, or a shell that denies the fullscreen permission): the tile takes the whole
        // window instead, the nearest thing the operator asked for.
        console.warn("fullscreen refused; maximizing in the window", err);
        await consoleActions.setMaximized(cmd.tile);
      }
      return;
    }
    case "exitFullscreen":
      if (document.fullscreenElement) await document.exitFullscreen().catch(() => {});
      return;
    case "stats":
      showTileStats(cmd.tile, cmd.show);
      return;
    case "close":
      if (cmd.tiles.length === 1) await consoleActions.clearTile(cmd.tiles[0]!);
      else await consoleActions.clearTiles(cmd.tiles);
      useConsoleStore.getState().setSelection(selectOnly(null));
      return;
  }
}
