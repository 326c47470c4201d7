// Runs in the renderer (pure, no DOM). The tile context menu as data: sections of items, each item a label (an i18n
// key) and a command the menu component runs (TileMenu.tsx). A later feature adds its entries by adding a section
// builder (snapshot, PTZ and recording go in "tools"), not by editing the component.
import type { MessageKey, MessageParams } from "../i18n/i18n.js";
import { MAX_WALLS, type TileRef, type WallId, type WallState } from "../../../contract/wall.js";

/** What an item does; the component turns it into ConsoleApi calls or DOM effects. */
export type TileCommand =
  | { type: "send"; moves: readonly { from: TileRef; to: TileRef }[] }
  /** Into a wall window created for them (its first tiles, in order). */
  | { type: "sendToNewWall"; wall: WallId; tiles: readonly number[] }
  | { type: "maximize"; tile: number }
  | { type: "restore" }
  | { type: "fullscreen"; tile: number }
  | { type: "exitFullscreen" }
  | { type: "stats"; tile: number; show: boolean }
  | { type: "close"; tiles: readonly number[] };

export type MenuText = { key: MessageKey; params?: MessageParams };

export type MenuItem =
  | { kind: "action"; id: string; text: MenuText; detail?: MenuText; shortcut?: MessageKey; disabled?: boolean; danger?: boolean; command: TileCommand }
  | { kind: "submenu"; id: string; text: MenuText; detail?: MenuText; items: readonly MenuItem[] }
  | { kind: "note"; id: string; text: MenuText };

export type TileMenuContext = {
  /** This window's wall. */
  wall: WallState;
  /** The tile the menu opened on. */
  tile: number;
  /** The tiles its commands act on: the selection when the tile is in it, else the tile alone. */
  tiles: readonly number[];
  /** Every other wall window's state, in wall order; null while they load. */
  otherWalls: readonly WallState[] | null;
  /** How many wall windows exist (a new one can be made while fewer than MAX_WALLS). */
  wallCount: number;
  /** The tile is the fullscreen element now. */
  fullscreen: boolean;
  statsShown: boolean;
  /** A camera's name when the renderer knows it (labels of the tiles a send would swap with). */
  cameraName: (id: string) => string | null;
};

export type TileMenuSection = { id: string; build: (ctx: TileMenuContext) => MenuItem[] };

/** The tiles among `tiles` that hold a camera. */
function occupied(wall: WallState, tiles: readonly number[]): number[] {
  return tiles.filter((t) => wall.tiles[t] != null);
}

const ref = (wall: WallId, tile: number): TileRef => ({ wall, tile });

/** The send submenu of one other wall: its empty tiles in order, then each tile (or run of tiles) to start at. */
function wallTargets(ctx: TileMenuContext, target: WallState, from: readonly number[]): MenuItem[] {
  const k = from.length;
  const id = `send-${target.wall}`;
  const empty = target.tiles.flatMap((cam, i) => (cam == null ? [i] : []));
  const items: MenuItem[] = [
    {
      kind: "action",
      id: `${id}-empty`,
      text: { key: "tileMenu.emptyTiles" },
      detail: empty.length < k ? { key: "tileMenu.emptyTilesShort", params: { free: empty.length, k } } : { key: "tileMenu.emptyTilesFree", params: { free: empty.length } },
      disabled: empty.length < k,
      command: { type: "send", moves: from.map((t, i) => ({ from: ref(ctx.wall.wall, t), to: ref(target.wall, empty[i] ?? 0) })) },
    },
  ];
  for (let start = 0; start + k <= target.tiles.length; start++) {
    const camera = k === 1 ? (target.tiles[start] ?? null) : null;
    const taken = k > 1 ? target.tiles.slice(start, start + k).filter((c) => c != null).length : 0;
    const name = camera ? ctx.cameraName(camera) : null;
    items.push({
      kind: "action",
      id: `${id}-${start}`,
      text: k === 1 ? { key: "tileMenu.cell", params: { n: start + 1 } } : { key: "tileMenu.cells", params: { n: start + 1, m: start + k } },
      detail:
        k === 1
          ? camera === null
            ? { key: "tileMenu.cellEmpty" }
            : name
              ? { key: "tileMenu.cellSwap", params: { name } }
              : { key: "tileMenu.cellSwapUnknown" }
          : taken > 0
            ? { key: "tileMenu.cellsSwap", params: { n: taken } }
            : { key: "tileMenu.cellEmpty" },
      command: { type: "send", moves: from.map((t, i) => ({ from: ref(ctx.wall.wall, t), to: ref(target.wall, start + i) })) },
    });
  }
  return items;
}

const send: TileMenuSection = {
  id: "send",
  build: (ctx) => {
    const from = occupied(ctx.wall, ctx.tiles);
    if (from.length === 0) return [];
    const items: MenuItem[] =
      ctx.otherWalls === null
        ? [{ kind: "note", id: "send-loading", text: { key: "tileMenu.loadingWalls" } }]
        : ctx.otherWalls.map((w) => ({ kind: "submenu", id: `send-${w.wall}`, text: { key: "walls.current", params: { n: w.wall } }, items: wallTargets(ctx, w, from) }));
    if (ctx.wallCount < MAX_WALLS) {
      items.push({ kind: "action", id: "send-new", text: { key: "tileMenu.newWall" }, command: { type: "sendToNewWall", wall: ctx.wall.wall, tiles: from } });
    }
    return [
      {
        kind: "submenu",
        id: "send",
        text: from.length === 1 ? { key: "tileMenu.sendTo" } : { key: "tileMenu.sendToMany", params: { k: from.length } },
        items,
      },
    ];
  },
};

const view: TileMenuSection = {
  id: "view",
  build: (ctx) => {
    const items: MenuItem[] = [];
    const maximized = ctx.wall.maximized === ctx.tile;
    const hasCamera = ctx.wall.tiles[ctx.tile] != null;
    if (maximized) items.push({ kind: "action", id: "restore", text: { key: "tileMenu.restore" }, shortcut: "keys.escape", command: { type: "restore" } });
    else if (hasCamera) items.push({ kind: "action", id: "maximize", text: { key: "tileMenu.maximize" }, shortcut: "keys.enter", command: { type: "maximize", tile: ctx.tile } });
    if (ctx.fullscreen) items.push({ kind: "action", id: "fullscreen", text: { key: "tileMenu.exitFullscreen" }, shortcut: "keys.escape", command: { type: "exitFullscreen" } });
    else if (hasCamera) items.push({ kind: "action", id: "fullscreen", text: { key: "tileMenu.fullscreen" }, command: { type: "fullscreen", tile: ctx.tile } });
    return items;
  },
};

const inspect: TileMenuSection = {
  id: "inspect",
  build: (ctx) =>
    ctx.wall.tiles[ctx.tile] == null
      ? []
      : [
          {
            kind: "action",
            id: "stats",
            text: { key: ctx.statsShown ? "tileMenu.hideStats" : "tileMenu.showStats" },
            command: { type: "stats", tile: ctx.tile, show: !ctx.statsShown },
          },
        ],
};

/** Snapshot, PTZ and recording (later issues) add their items here; nothing is shown until they do. */
const tools: TileMenuSection = { id: "tools", build: () => [] };

const close: TileMenuSection = {
  id: "close",
  build: (ctx) => {
    const tiles = occupied(ctx.wall, ctx.tiles);
    if (tiles.length === 0) return [];
    return [
      {
        kind: "action",
        id: "close",
        text: tiles.length === 1 ? { key: "tileMenu.close" } : { key: "tileMenu.closeMany", params: { k: tiles.length } },
        shortcut: "keys.delete",
        danger: true,
        command: { type: "close", tiles },
      },
    ];
  },
};

export const TILE_MENU_SECTIONS: readonly TileMenuSection[] = [send, view, inspect, tools, close];

/** The menu for a tile: its non-empty sections (the component draws a separator between them). */
export function tileMenu(ctx: TileMenuContext, sections: readonly TileMenuSection[] = TILE_MENU_SECTIONS): MenuItem[][] {
  const groups = sections.map((s) => s.build(ctx)).filter((items) => items.length > 0);
  return groups.length > 0 ? groups : [[{ kind: "note", id: "empty", text: { key: "tileMenu.emptyTile" } }]];
}

/** The item at a path of ids through submenus (what a keyboard or a test walks to). */
export function findItem(groups: readonly (readonly MenuItem[])[], path: readonly string[]): MenuItem | null {
  let items: readonly MenuItem[] = groups.flat();
  let found: MenuItem | null = null;
  for (const id of path) {
    found = items.find((i) => i.id === id) ?? null;
    if (!found) return null;
    items = found.kind === "submenu" ? found.items : [];
  }
  return found;
}
