import { describe, expect, it } from "vitest";
import { MAX_WALLS, type WallState } from "../../../contract/wall.js";
import { TILE_MENU_SECTIONS, findItem, tileMenu, type MenuItem, type TileMenuContext } from "./tile-menu.js";
import { emptyWall } from "./wall-fixtures.js";

const A = "52030200001310000001";
const B = "52030200001310000002";
const C = "52030200001310000003";

function ctx(over: Partial<TileMenuContext> = {}): TileMenuContext {
  const wall: WallState = emptyWall("4", { tiles: [A, B, null, null] });
  const wall2: WallState = emptyWall("4", { wall: 2, tiles: [null, C, null, null] });
  return { wall, tile: 0, tiles: [0], otherWalls: [wall2], wallCount: 2, fullscreen: false, statsShown: false, cameraName: (id) => (id === C ? "丁字口" : null), ...over };
}

const ids = (groups: MenuItem[][]) => groups.map((g) => g.map((i) => i.id));

describe("tile context menu", () => {
  it("a playing tile: send, maximize + fullscreen, stats, close — in sections", () => {
    expect(ids(tileMenu(ctx()))).toEqual([["send"], ["maximize", "fullscreen"], ["stats"], ["close"]]);
  });

  it("send › wall 2 › tile n moves this tile there, the target's camera named as the one coming back", () => {
    const groups = tileMenu(ctx());
    const wall2 = findItem(groups, ["send", "send-2"]);
    expect(wall2?.kind === "submenu" && wall2.items.map((i) => i.id)).toEqual(["send-2-empty", "send-2-0", "send-2-1", "send-2-2", "send-2-3"]);
    const cell3 = findItem(groups, ["send", "send-2", "send-2-2"]);
    expect(cell3).toMatchObject({ text: { key: "tileMenu.cell", params: { n: 3 } }, detail: { key: "tileMenu.cellEmpty" } });
    expect(cell3?.kind === "action" && cell3.command).toEqual({ type: "send", moves: [{ from: { wall: 1, tile: 0 }, to: { wall: 2, tile: 2 } }] });
    expect(findItem(groups, ["send", "send-2", "send-2-1"])).toMatchObject({ detail: { key: "tileMenu.cellSwap", params: { name: "丁字口" } } });
    expect(findItem(groups, ["send", "send-2", "send-2-empty"])).toMatchObject({
      disabled: false,
      command: { type: "send", moves: [{ from: { wall: 1, tile: 0 }, to: { wall: 2, tile: 0 } }] },
    });
    expect(findItem(groups, ["send", "send-new"])).toMatchObject({ command: { type: "sendToNewWall", wall: 1, tiles: [0] } });
  });

  it("a multi-selection sends its occupied tiles as a run, or into the empty tiles when there are enough", () => {
    const groups = tileMenu(ctx({ tiles: [0, 1, 2] }));
    expect(findItem(groups, ["send"])).toMatchObject({ text: { key: "tileMenu.sendToMany", params: { k: 2 } } });
    const wall2 = findItem(groups, ["send", "send-2"]);
    // Runs of two tiles: starting at 1, 2, 3 (a run starting at 4 would leave the layout).
    expect(wall2?.kind === "submenu" && wall2.items.map((i) => i.id)).toEqual(["send-2-empty", "send-2-0", "send-2-1", "send-2-2"]);
    expect(findItem(groups, ["send", "send-2", "send-2-1"])).toMatchObject({
      text: { key: "tileMenu.cells", params: { n: 2, m: 3 } },
      detail: { key: "tileMenu.cellsSwap", params: { n: 1 } },
      command: { type: "send", moves: [{ from: { wall: 1, tile: 0 }, to: { wall: 2, tile: 1 } }, { from: { wall: 1, tile: 1 }, to: { wall: 2, tile: 2 } }] },
    });
    expect(findItem(groups, ["send", "send-2", "send-2-empty"])).toMatchObject({
      command: { type: "send", moves: [{ from: { wall: 1, tile: 0 }, to: { wall: 2, tile: 0 } }, { from: { wall: 1, tile: 1 }, to: { wall: 2, tile: 2 } }] },
    });
    expect(findItem(groups, ["close"])).toMatchObject({ text: { key: "tileMenu.closeMany", params: { k: 2 } }, command: { type: "close", tiles: [0, 1] } });
    const full = emptyWall("4", { wall: 2, tiles: [C, C, C, null] });
    expect(findItem(tileMenu(ctx({ tiles: [0, 1], otherWalls: [full] })), ["send", "send-2", "send-2-empty"])).toMatchObject({
      disabled: true,
      detail: { key: "tileMenu.emptyTilesShort", params: { free: 1, k: 2 } },
    });
  });

  it("while other walls load, says so; no new wall beyond the limit", () => {
    const send = findItem(tileMenu(ctx({ otherWalls: null, wallCount: MAX_WALLS })), ["send"]);
    expect(send?.kind === "submenu" && send.items.map((i) => i.id)).toEqual(["send-loading"]);
  });

  it("a maximized or fullscreen tile offers the way back; stats toggle", () => {
    const groups = tileMenu(ctx({ wall: emptyWall("4", { tiles: [A, null, null, null], maximized: 0 }), fullscreen: true, statsShown: true }));
    expect(ids(groups)[1]).toEqual(["restore", "fullscreen"]);
    expect(findItem(groups, ["fullscreen"])).toMatchObject({ text: { key: "tileMenu.exitFullscreen" }, command: { type: "exitFullscreen" } });
    expect(findItem(groups, ["stats"])).toMatchObject({ text: { key: "tileMenu.hideStats" }, command: { type: "stats", tile: 0, show: false } });
  });

  it("an empty tile has nothing to act on but says what it is for", () => {
    expect(ids(tileMenu(ctx({ tile: 2, tiles: [2] })))).toEqual([["empty"]]);
  });

  it("a later feature adds a section without touching the others", () => {
    const snapshot = { id: "tools", build: () => [{ kind: "action" as const, id: "snapshot", text: { key: "tileMenu.close" as const }, command: { type: "restore" as const } }] };
    const sections = TILE_MENU_SECTIONS.map((s) => (s.id === "tools" ? snapshot : s));
    expect(ids(tileMenu(ctx(), sections))).toEqual([["send"], ["maximize", "fullscreen"], ["stats"], ["snapshot"], ["close"]]);
  });
});
