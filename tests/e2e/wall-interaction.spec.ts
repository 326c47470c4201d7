// Issue 11 (tile interaction, the wall stays visible) as an operator lives it, in Chromium against the real web shell,
// relay and demo media: the tile context menu sends a tile to another wall window; a county dragged from the catalog
// fills the empty tiles and lists what did not fit; Ctrl+click selects two tiles and Delete closes both; arrows move
// by the layout's geometry, Enter maximizes, Esc restores; PageDown brings the next wall's window forward; the
// 授权与审计 panel and the relay panel open beside the wall — every tile stays whole, uncovered, playing.
import { expect, test, type Page } from "@playwright/test";
import { presetLayout } from "../../contract/wall-layout.js";
import { loginAs, reportLogsOnFailure, startConsole, type RunningConsole } from "./fixtures/console-app.js";
import { consoleCall } from "./fixtures/console-rpc.js";
import { expectVideoAdvances, recordTileStates } from "./fixtures/video-probe.js";

let app: RunningConsole;
test.beforeAll(async () => {
  app = await startConsole();
});
// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from a destructured first argument; none needed here
test.afterEach(async ({}, testInfo) => reportLogsOnFailure(app, testInfo));
test.afterAll(async () => {
  await app?.stop();
});

async function openConsole(page: Page): Promise<void> {
  await app.open(page);
  const login = page.getByTestId("login-screen");
  const search = page.getByTestId("catalog-search");
  await expect(login.or(search)).toBeVisible();
  if (await login.isVisible()) await loginAs(page, "operator");
  await expect(page.getByTestId("wall")).toBeVisible();
}

/** Online cameras of 红花岗区 the logged-in operator may open (asked of main, as the catalog panel does). */
async function playableCameras(n: number): Promise<string[]> {
  let ids: string[] = [];
  // A fresh console syncs its catalog from the platform after the login: wait for it.
  await expect
    .poll(
      async () => {
        const page = await consoleCall(app, "searchCameras", { query: "红花岗区", limit: 200 });
        ids = page.items.filter((c) => c.online && c.access.allowed).map((c) => c.id);
        return ids.length;
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThanOrEqual(n);
  return ids.slice(0, n);
}

/** Wall 1 as the test needs it: a preset layout, these cameras on its first tiles, nothing maximized. */
async function setWall(page: Page, preset: "4" | "1+5", cameras: (string | null)[]): Promise<void> {
  await consoleCall(app, "setLayout", { wall: 1, layout: presetLayout(preset), layoutRef: `preset:${preset}` });
  await consoleCall(app, "setMaximized", { wall: 1, tile: null });
  const cells = presetLayout(preset).cells.length;
  await consoleCall(app, "clearTiles", { wall: 1, tiles: Array.from({ length: cells }, (_, i) => i) });
  await consoleCall(app, "dismissParked", { wall: 1, cameraId: null });
  for (const [tile, cameraId] of cameras.entries()) if (cameraId) await consoleCall(app, "assignTile", { wall: 1, tile, cameraId });
  await expect(page.getByTestId("wall")).toHaveAttribute("data-cells", String(cells));
  for (const [tile, cameraId] of cameras.entries()) await expect(page.getByTestId(`tile-${tile}`)).toHaveAttribute("data-camera-id", cameraId ?? "");
}

async function wallTwo(): Promise<number> {
  const walls = await consoleCall(app, "listWalls", {});
  const other = walls.find((w) => w.wall !== 1);
  return other ? other.wall : (await consoleCall(app, "addWall", {})).wall;
}

test("the context menu sends a tile to wall 2's third tile: it plays there; the Menu key opens it, Esc closes it", async ({ page, context }) => {
  await openConsole(page);
  const [camera] = await playableCameras(1);
  await setWall(page, "4", [camera!]);
  const target = await wallTwo();
  await consoleCall(app, "clearTiles", { wall: target, tiles: [0, 1, 2, 3] });

  const tile = page.getByTestId("tile-0");
  await expect(tile).toHaveAttribute("data-state", "playing", { timeout: 15_000 });
  await tile.click({ button: "right" });
  const menu = page.getByTestId("tile-menu");
  await expect(menu).toBeVisible();
  await expect(menu.getByTestId("menu-maximize")).toBeVisible();
  await menu.getByTestId("menu-send").hover();
  await menu.getByTestId(`menu-send-${target}`).hover();
  const cell = menu.getByTestId(`menu-send-${target}-2`);
  await expect(cell).toContainText("第 3 格");
  await page.screenshot({ path: "test-results/wall-context-menu.png" });
  await cell.click();
  await expect(menu).toBeHidden();
  await expect(tile).toHaveAttribute("data-state", "idle");

  const second = await context.newPage();
  try {
    await second.goto(`${app.origin}/?wall=${target}`);
    const there = second.getByTestId("tile-2");
    await expect(there).toHaveAttribute("data-camera-id", camera!);
    await expect(there).toHaveAttribute("data-state", "playing", { timeout: 15_000 });
  } finally {
    await second.close();
  }

  // Keyboard: the Menu key on the selected tile opens the menu with its first item focused; Esc closes only the menu.
  await consoleCall(app, "moveTile", { from: { wall: target, tile: 2 }, to: { wall: 1, tile: 1 } });
  await page.getByTestId("tile-1").click();
  await page.keyboard.press("Shift+F10");
  await expect(menu).toBeVisible();
  await expect(menu.getByTestId("menu-send")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByTestId("menu-maximize")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(page.getByTestId("tile-1")).toHaveAttribute("data-selected", "true");
});

test("a county dragged onto the wall fills the empty tiles in order; what did not fit is listed", async ({ page }) => {
  await openConsole(page);
  const [kept] = await playableCameras(1);
  await setWall(page, "4", [null, kept!]);
  await page.getByTestId("catalog-search").fill("");
  const county = page.getByTestId("county-520302");
  await expect(county).toBeVisible();
  await county.dragTo(page.getByTestId("tile-3"));

  const notice = page.getByTestId("fill-notice");
  await expect(notice).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  await expect(notice).toHaveAttribute("data-placed", "3");
  for (const tile of [0, 2, 3]) await expect(page.getByTestId(`tile-${tile}`)).not.toHaveAttribute("data-camera-id", "");
  await expect(page.getByTestId("tile-1")).toHaveAttribute("data-camera-id", kept!);
  const overflow = Number(await notice.getAttribute("data-overflow"));
  expect(overflow).toBeGreaterThan(0);
  await expect(notice.getByTestId("fill-overflow-count")).toContainText(`${overflow} 路未放入`);
  await notice.getByTestId("fill-overflow-toggle").click();
  await expect(notice.getByTestId("fill-overflow-list").locator("li")).toHaveCount(Math.min(overflow, 300) + (overflow > 300 ? 1 : 0));
  // The notice sits over the catalog, not over a tile.
  const box = (await notice.boundingBox())!;
  const wall = (await page.getByTestId("wall").boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(wall.x);
  await page.screenshot({ path: "test-results/wall-fill-notice.png" });
  await notice.getByTestId("fill-notice-close").click();
  await expect(notice).toBeHidden();

  // Search results are a folder too: they go into the tiles left empty, in the order listed.
  await consoleCall(app, "clearTiles", { wall: 1, tiles: [2, 3] });
  await expect(page.getByTestId("tile-3")).toHaveAttribute("data-camera-id", "");
  await page.getByTestId("catalog-search").fill("丁字口");
  await expect(page.getByTestId("search-summary")).toHaveAttribute("data-status", "ready");
  await page.getByTestId("search-drag").dragTo(page.getByTestId("tile-2"));
  await expect(notice).toHaveAttribute("data-status", "done");
  await expect(notice).toContainText("搜索结果“丁字口”");
  await expect(page.getByTestId("tile-2")).not.toHaveAttribute("data-camera-id", "");
  await expect(page.getByTestId("tile-3")).not.toHaveAttribute("data-camera-id", "");
  await page.getByTestId("catalog-search").fill("");

  // The favorites (★ 仅收藏, dragged) are a folder: two favorites fill the two empty tiles.
  const favorites = await playableCameras(8).then((ids) => ids.slice(6, 8));
  for (const cameraId of favorites) await consoleCall(app, "setFavorite", { cameraId, favorite: true });
  await setWall(page, "4", [null, kept!]);
  await page.getByTestId("filter-favorites").dragTo(page.getByTestId("tile-0"));
  await expect(notice).toContainText("收藏");
  await expect(notice).toHaveAttribute("data-status", "done");
  const onWall = await Promise.all([0, 2, 3].map((i) => page.getByTestId(`tile-${i}`).getAttribute("data-camera-id")));
  for (const cameraId of favorites) expect(onWall).toContain(cameraId);
  for (const cameraId of favorites) await consoleCall(app, "setFavorite", { cameraId, favorite: false });
});

test("Ctrl+click selects two tiles; the menu offers to close both; Delete closes them", async ({ page }) => {
  await openConsole(page);
  const cams = await playableCameras(4);
  await setWall(page, "4", cams);
  await page.getByTestId("tile-0").click();
  await page.getByTestId("tile-3").click({ modifiers: ["Control"] });
  await expect(page.getByTestId("tile-0")).toHaveAttribute("data-selected", "true");
  await expect(page.getByTestId("tile-3")).toHaveAttribute("data-selected", "true");
  await expect(page.getByTestId("tile-1")).toHaveAttribute("data-selected", "false");

  await page.getByTestId("tile-3").click({ button: "right" });
  await expect(page.getByTestId("menu-close")).toContainText("关闭 2 个画面");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("tile-menu")).toBeHidden();

  await page.keyboard.press("Delete");
  await expect(page.getByTestId("tile-0")).toHaveAttribute("data-state", "idle");
  await expect(page.getByTestId("tile-3")).toHaveAttribute("data-state", "idle");
  await expect(page.getByTestId("tile-1")).toHaveAttribute("data-camera-id", cams[1]!);
  await expect(page.getByTestId("tile-2")).toHaveAttribute("data-camera-id", cams[2]!);
});

test("arrows move by the layout's cells (1+5), Enter maximizes, the maximized view follows the arrows, Esc restores", async ({ page }) => {
  await openConsole(page);
  const cams = await playableCameras(6);
  await setWall(page, "1+5", cams);
  const selected = (n: number) => expect(page.getByTestId(`tile-${n}`)).toHaveAttribute("data-focus", "true");
  // 1+5 on 3×3: tile 1 is the 2×2 focus cell, 2 and 3 down the right column, 4 5 6 along the bottom.
  await page.getByTestId("tile-2").click();
  await page.keyboard.press("ArrowLeft");
  await selected(0);
  await page.keyboard.press("ArrowRight");
  await selected(2);
  await page.keyboard.press("ArrowDown");
  await selected(5);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("tile-5")).toHaveClass(/tile--max/);
  await expect(page.getByTestId("tile-0")).toBeHidden();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("tile-4")).toHaveClass(/tile--max/);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("tile-0")).toBeVisible();
  await expect(page.getByTestId("tile-4")).not.toHaveClass(/tile--max/);
  await page.keyboard.press("1");
  await selected(0);
});

test("PageDown brings the next wall's window forward, opening it once and reusing it after", async ({ page, context }) => {
  await openConsole(page);
  const target = await wallTwo();
  await page.getByTestId("tile-0").click();
  const [opened] = await Promise.all([context.waitForEvent("page"), page.keyboard.press("PageDown")]);
  await expect(opened.getByTestId("wall")).toHaveAttribute("data-wall", String(target));
  expect(new URL(opened.url()).search).toBe(`?wall=${target}`);
  // Mark the window: pressing PageDown again must bring this one back, not load a second or reload it.
  await opened.evaluate(() => Object.assign(window, { vigilMark: 1 }));
  let another = false;
  context.once("page", () => (another = true));
  await page.bringToFront();
  await page.getByTestId("tile-0").click();
  await page.keyboard.press("PageDown");
  await expect.poll(() => opened.evaluate(() => (window as unknown as { vigilMark?: number }).vigilMark)).toBe(1);
  expect(another).toBe(false);
  await opened.close();
});

/** Every tile of the wall: whole inside the viewport, and the element at its centre is the tile (nothing over it). */
async function tilesUncovered(page: Page): Promise<{ tile: string; whole: boolean; hit: boolean }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-testid="wall"] .tile[data-testid^="tile-"]')).map((el) => {
      const r = el.getBoundingClientRect();
      const whole = r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight && r.width > 0;
      const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { tile: el.dataset.testid ?? "", whole, hit: at !== null && el.contains(at) };
    }),
  );
}

test("授权与审计 and the relay panel open beside the wall: every tile stays whole, uncovered and playing", async ({ page }) => {
  await openConsole(page);
  const cams = await playableCameras(4);
  await setWall(page, "4", cams);
  for (const n of [0, 1, 2, 3]) await expect(page.getByTestId(`tile-${n}`)).toHaveAttribute("data-state", "playing", { timeout: 20_000 });
  const tile = page.getByTestId("tile-0");
  const states = await recordTileStates(tile);
  // The <video> element must stay the same one (no player recreated when the wall resizes).
  await tile.locator("video").evaluate((v) => Object.assign(window, { vigilVideo: v }));
  const wide = (await page.getByTestId("wall").boundingBox())!.width;

  await page.getByTestId("open-access").click();
  const drawer = page.getByTestId("access-drawer");
  await expect(drawer).toBeVisible();
  for (const t of await tilesUncovered(page)) expect(t, t.tile).toEqual({ tile: t.tile, whole: true, hit: true });
  const side = (await page.getByTestId("side-panel").boundingBox())!;
  await expect.poll(async () => (await page.getByTestId("wall").boundingBox())!.width).toBeLessThan(wide - 300);
  const wall = (await page.getByTestId("wall").boundingBox())!;
  expect(wall.x + wall.width).toBeLessThanOrEqual(side.x + 1);
  await expectVideoAdvances(tile, 1);
  // The application form fits the panel's width (no sideways scrolling).
  await drawer.getByTestId("application-new").click();
  await expect(drawer.getByTestId("application-form")).toBeVisible();
  expect(await drawer.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  for (const t of await tilesUncovered(page)) expect(t, t.tile).toEqual({ tile: t.tile, whole: true, hit: true });
  await page.screenshot({ path: "test-results/wall-side-panel.png" });

  // The relay panel joins it in the side panel; still nothing over a tile.
  await page.getByTestId("relay-panel-toggle").click();
  await expect(page.getByTestId("relay-panel")).toBeVisible();
  await expect(page.getByTestId("relay-panel").getByTestId(`relay-stream-${cams[0]}_sub`)).toContainText("640×360");
  for (const t of await tilesUncovered(page)) expect(t, t.tile).toEqual({ tile: t.tile, whole: true, hit: true });
  await page.screenshot({ path: "test-results/wall-side-panel-both.png" });

  // Esc closes the side panel's views one by one; the wall takes its width back.
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("side-panel")).toBeHidden();
  await expect.poll(async () => (await page.getByTestId("wall").boundingBox())!.width).toBeGreaterThan(wide - 2);

  expect(await tile.locator("video").evaluate((v) => v === (window as unknown as { vigilVideo: unknown }).vigilVideo)).toBe(true);
  expect(new Set(await states())).toEqual(new Set(["playing"]));
  await expectVideoAdvances(tile, 1);
});

test("the stats entry shows the tile's player and relay figures", async ({ page }) => {
  await openConsole(page);
  const [camera] = await playableCameras(1);
  await setWall(page, "4", [camera!]);
  const tile = page.getByTestId("tile-0");
  await expect(tile).toHaveAttribute("data-state", "playing", { timeout: 15_000 });
  await tile.click({ button: "right" });
  await page.getByTestId("menu-stats").click();
  const card = page.getByTestId("tile-stats-card-0");
  await expect(card.getByTestId("tile-stats-resolution-0")).toHaveText("640×360");
  await expect(card.getByTestId("tile-stats-relay-state-0")).not.toBeEmpty();
  await page.screenshot({ path: "test-results/wall-stats-card.png" });
  await tile.click({ button: "right" });
  await page.getByTestId("menu-stats").click();
  await expect(card).toBeHidden();
});
