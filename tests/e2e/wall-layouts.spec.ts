// Issue 11 in Chromium against the real web shell: layouts as data on the wall (presets drawn with the right cell
// sizes, a custom layout drawn, saved, reloaded and applied, a bad layout file refused by name), the parked list, and a
// second wall window whose state survives a console restart next to wall 1's.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { loginAs, reportLogsOnFailure, startConsole, type RunningConsole } from "./fixtures/console-app.js";

test.describe.configure({ mode: "serial" });

let app: RunningConsole;
const dataDir = mkdtempSync(join(tmpdir(), "vigil-e2e-layouts-"));
test.beforeAll(async () => {
  app = await startConsole({ dataDir });
});
// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from a destructured first argument; none needed here
test.afterEach(async ({}, testInfo) => reportLogsOnFailure(app, testInfo));
test.afterAll(async () => {
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Opens the console (wall 1, or the wall the path names); logs in as the operator when the login screen shows. */
async function openConsole(page: Page, query = ""): Promise<void> {
  await app.open(page);
  if (query) await page.goto(`${app.url}${query}`);
  const login = page.getByTestId("login-screen");
  await expect(login.or(page.getByTestId("catalog-search"))).toBeVisible();
  if (await login.isVisible()) await loginAs(page, "operator");
  await expect(page.getByTestId("wall")).toBeVisible();
}

async function pickLayout(page: Page, id: string): Promise<void> {
  await page.getByTestId("layout-picker").click();
  await page.getByTestId(`layout-${id}`).click();
  await expect(page.getByTestId("layout-picker-menu")).toBeHidden();
}

/** Online cameras the operator may open (no lock badge), found by region. */
async function onlineCameras(page: Page) {
  const search = page.getByTestId("catalog-search");
  await search.fill("");
  await search.fill("红花岗区");
  const rows = page.locator('[data-testid^="camera-"][data-online="true"]:not(:has([data-testid^="lock-"]))');
  await expect(rows.nth(3)).toBeVisible();
  return rows;
}

async function cameraIdOf(row: Locator): Promise<string> {
  return (await row.getAttribute("data-testid"))!.slice("camera-".length);
}

async function box(page: Page, testId: string) {
  const b = await page.getByTestId(testId).boundingBox();
  expect(b, testId).not.toBeNull();
  return b!;
}

const GAP = 2; // the wall's grid gap (wall.css)

test("the 1+5 preset draws one picture of 2×2 small cells; 8×8 draws 64 equal cells; the picker highlights the current one", async ({ page }) => {
  await openConsole(page);
  await pickLayout(page, "1+5");
  const wall = page.getByTestId("wall");
  await expect(wall).toHaveAttribute("data-cells", "6");
  await expect(wall).toHaveAttribute("data-layout-ref", "preset:1+5");
  await expect(page.getByTestId("tile-5")).toBeVisible();
  await expect(page.getByTestId("tile-6")).toHaveCount(0);
  const big = await box(page, "tile-0");
  const small = await box(page, "tile-1");
  const below = await box(page, "tile-3");
  expect(big.width).toBeCloseTo(2 * small.width + GAP, -0.5);
  expect(big.height).toBeCloseTo(2 * small.height + GAP, -0.5);
  expect(below.width).toBeCloseTo(small.width, -0.5);
  // The small cells sit right of the big one and under it.
  expect(small.x).toBeGreaterThan(big.x + big.width);
  expect(below.y).toBeGreaterThan(big.y + big.height);
  await page.getByTestId("layout-picker").click();
  await expect(page.getByTestId("layout-1+5")).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("layout-9")).toHaveAttribute("aria-checked", "false");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("layout-picker-menu")).toBeHidden();

  // Alt+8: the 8×8 grid by its shortcut.
  await page.keyboard.press("Alt+Digit8");
  await expect(wall).toHaveAttribute("data-cells", "64");
  await expect(page.getByTestId("layout-picker")).toHaveAttribute("data-current", "preset:64");
  const w = await box(page, "wall");
  const first = await box(page, "tile-0");
  const last = await box(page, "tile-63");
  for (const b of [first, last]) {
    expect(b.width).toBeCloseTo((w.width - 2 * GAP - 7 * GAP) / 8, -0.5);
    expect(b.height).toBeCloseTo((w.height - 2 * GAP - 7 * GAP) / 8, -0.5);
  }
  expect(last.x + last.width).toBeCloseTo(w.x + w.width - GAP, -0.5);
  expect(last.y + last.height).toBeCloseTo(w.y + w.height - GAP, -0.5);
});

test("draw a custom layout with one 2×2 span, save it; after a reload it is back and applies; a bad file is refused by name", async ({ page }) => {
  await openConsole(page);
  await page.getByTestId("layout-picker").click();
  await page.getByTestId("layout-editor-open").click();
  const editor = page.getByTestId("layout-editor");
  await expect(editor).toBeVisible();
  await page.getByTestId("editor-rows").selectOption("3");
  await page.getByTestId("editor-cols").selectOption("4");
  await expect(page.getByTestId("editor-summary")).toHaveAttribute("data-cells", "12");

  // Drag from row 1 column 2 to row 2 column 3 (0-based 0,1 → 1,2): a 2×2 selection.
  const from = await box(page, "editor-pos-0-1");
  const to = await box(page, "editor-pos-1-2");
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId("editor-selection")).toBeVisible();
  await page.getByTestId("editor-merge").click();
  await expect(page.getByTestId("editor-summary")).toHaveAttribute("data-cells", "9");
  await expect(page.getByTestId("editor-cell-1")).toHaveAttribute("data-span", "2x2");

  const name = `事故现场 ${Date.now() % 10000}`;
  await page.getByTestId("editor-name").fill(name);
  await page.getByTestId("editor-save").click();
  await expect(page.getByTestId("editor-message")).toContainText(name);
  const row = editor.locator(`[data-testid^="saved-layout-"][data-name="${name}"]`);
  await expect(row).toBeVisible();
  const id = (await row.getAttribute("data-testid"))!.slice("saved-layout-".length);

  // Export: the file is {name, layout}, the layout as drawn.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(`saved-export-${id}`).click()]);
  const exported = JSON.parse(readFileSync((await download.path())!, "utf8")) as { name: string; layout: { rows: number; cols: number; cells: unknown[] } };
  expect(exported.name).toBe(name);
  expect(exported.layout.rows).toBe(3);
  expect(exported.layout.cols).toBe(4);
  expect(exported.layout.cells).toContainEqual({ row: 0, col: 1, rowSpan: 2, colSpan: 2 });

  // A file with overlapping cells: refused, naming the problem in the user's language; nothing changes.
  const revision = await page.getByTestId("wall").getAttribute("data-revision");
  const savedCount = await editor.locator('[data-testid^="saved-layout-"]').count();
  const bad = join(dataDir, "bad.layout.json");
  writeFileSync(bad, JSON.stringify({ name: "坏布局", layout: { rows: 2, cols: 2, cells: [{ row: 0, col: 0, rowSpan: 2, colSpan: 2 }, { row: 0, col: 1, rowSpan: 1, colSpan: 1 }] } }));
  await page.getByTestId("editor-import-file").setInputFiles(bad);
  await expect(page.getByTestId("editor-error")).toContainText("第 1 个和第 2 个画面在第 1 行第 2 列重叠");
  await page.getByTestId("editor-import-text").fill("{not json");
  await page.getByTestId("editor-import").click();
  await expect(page.getByTestId("editor-error")).toContainText("不是 JSON 文件");
  await page.getByTestId("editor-import-text").fill(JSON.stringify({ layout: { rows: 9, cols: 2, cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 1 }] } }));
  await page.getByTestId("editor-import").click();
  await expect(page.getByTestId("editor-error")).toContainText("layout.rows");
  await expect(editor.locator('[data-testid^="saved-layout-"]')).toHaveCount(savedCount);
  await expect(page.getByTestId("wall")).toHaveAttribute("data-revision", revision!);

  // Back after a reload, from the picker; applying it puts it on the wall as "saved:<id>".
  await page.reload();
  await expect(page.getByTestId("wall")).toBeVisible();
  await page.getByTestId("layout-picker").click();
  await expect(page.getByTestId(`layout-saved-${id}`)).toContainText(name);
  await page.getByTestId(`layout-saved-${id}`).click();
  const wall = page.getByTestId("wall");
  await expect(wall).toHaveAttribute("data-layout-ref", `saved:${id}`);
  await expect(wall).toHaveAttribute("data-layout", "3x4");
  await expect(wall).toHaveAttribute("data-cells", "9");
  await expect(page.getByTestId("layout-picker")).toHaveAttribute("data-current", `saved:${id}`);
  const span = await box(page, "tile-1");
  const single = await box(page, "tile-0");
  expect(span.width).toBeCloseTo(2 * single.width + GAP, -0.5);
  expect(span.height).toBeCloseTo(2 * single.height + GAP, -0.5);
});

test("a camera on a cell a layout change removes is parked, listed by name, and can be put back", async ({ page }) => {
  await openConsole(page);
  await pickLayout(page, "9");
  const rows = await onlineCameras(page);
  const camera = rows.nth(0);
  const cameraId = await cameraIdOf(camera);
  await camera.dragTo(page.getByTestId("tile-7"));
  await expect(page.getByTestId("tile-7")).toHaveAttribute("data-camera-id", cameraId);

  await pickLayout(page, "4");
  const parked = page.getByTestId("parked");
  await expect(parked).toBeVisible();
  await expect(page.getByTestId("parked-count")).toContainText("已移出的摄像机（1）");
  const chip = page.getByTestId(`parked-${cameraId}`);
  await expect(chip).toContainText((await camera.textContent())!.slice(0, 4));

  // Put back by dragging it onto a tile.
  await chip.dragTo(page.getByTestId("tile-2"));
  await expect(page.getByTestId("tile-2")).toHaveAttribute("data-camera-id", cameraId);
  await expect(parked).toBeHidden();

  // Parked again by a one-tile layout, then put back by its button onto the first empty tile.
  await pickLayout(page, "1");
  await expect(chip).toBeVisible();
  await pickLayout(page, "4");
  await page.getByTestId(`parked-unpark-${cameraId}`).click();
  await expect(parked).toBeHidden();
  await expect(page.locator(`[data-testid^="tile-"][data-camera-id="${cameraId}"]`)).toHaveCount(1);
});

test("a second wall window has its own layout and camera; after a console restart both walls are back", async ({ page, context }) => {
  await openConsole(page);
  await pickLayout(page, "4");
  const rows = await onlineCameras(page);
  const one = rows.nth(1);
  const oneId = await cameraIdOf(one);
  await one.dragTo(page.getByTestId("tile-1"));
  await expect(page.getByTestId("tile-1")).toHaveAttribute("data-camera-id", oneId);

  await page.getByTestId("walls-menu").click();
  const [second] = await Promise.all([context.waitForEvent("page"), page.getByTestId("wall-new").click()]);
  await second.waitForURL(/\?wall=\d$/);
  const wallNo = new URL(second.url()).searchParams.get("wall")!;
  await expect(second.getByTestId("walls-menu")).toHaveAttribute("data-wall", wallNo);
  await expect(second.getByTestId("wall")).toHaveAttribute("data-wall", wallNo);
  await expect(page.getByTestId("walls-menu")).toHaveAttribute("data-walls", new RegExp(`1,.*${wallNo}`));

  await second.keyboard.press("Alt+Shift+Digit5"); // 1+5
  await expect(second.getByTestId("wall")).toHaveAttribute("data-layout-ref", "preset:1+5");
  const secondRows = await onlineCameras(second);
  const two = secondRows.nth(2);
  const twoId = await cameraIdOf(two);
  await two.dragTo(second.getByTestId("tile-0"));
  await expect(second.getByTestId("tile-0")).toHaveAttribute("data-state", "playing", { timeout: 15_000 });
  // Wall 1 is untouched by what happens on the other window.
  await expect(page.getByTestId("wall")).toHaveAttribute("data-cells", "4");
  await expect(page.getByTestId("tile-0")).not.toHaveAttribute("data-camera-id", twoId);
  await second.close();

  // Restart the console on the same data folder.
  await app.stop();
  app = await startConsole({ dataDir });
  await openConsole(page);
  await expect(page.getByTestId("wall")).toHaveAttribute("data-cells", "4");
  await expect(page.getByTestId("tile-1")).toHaveAttribute("data-camera-id", oneId);
  await expect(page.getByTestId("walls-menu")).toHaveAttribute("data-walls", new RegExp(`1,.*${wallNo}`));
  const again = await context.newPage();
  await again.goto(`${app.url}?wall=${wallNo}`);
  await expect(again.getByTestId("wall")).toHaveAttribute("data-wall", wallNo);
  await expect(again.getByTestId("wall")).toHaveAttribute("data-layout-ref", "preset:1+5");
  await expect(again.getByTestId("tile-0")).toHaveAttribute("data-camera-id", twoId);
  await expect(again.getByTestId("tile-0")).toHaveAttribute("data-state", "playing", { timeout: 15_000 });
  await again.close();

  // A window bound to a wall that does not exist shows wall 1 and says so.
  const stale = await context.newPage();
  await stale.goto(`${app.url}?wall=7`);
  await expect(stale.getByTestId("wall-gone")).toContainText("电视墙窗口 7 已不存在");
  await expect(stale.getByTestId("wall")).toHaveAttribute("data-wall", "1");
  await expect(stale.getByTestId("tile-1")).toHaveAttribute("data-camera-id", oneId);
  expect(new URL(stale.url()).search).toBe("");
  await stale.close();
});
