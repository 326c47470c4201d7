// A user's first minutes with the console, in Chromium against the real web shell, relay and demo media.
import { expect, test, type Page } from "@playwright/test";
import { loginAs, reportLogsOnFailure, startConsole, type RunningConsole } from "./fixtures/console-app.js";
import { apiHandshake } from "./fixtures/console-rpc.js";
import { expectVideoAdvances, frameColourCount } from "./fixtures/video-probe.js";

let app: RunningConsole;
test.beforeAll(async () => {
  app = await startConsole();
});
// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from a destructured first argument; none needed here
test.afterEach(async ({}, testInfo) => reportLogsOnFailure(app, testInfo));
test.afterAll(async () => {
  await app?.stop();
});

/** Opens the console; logs in as the demo operator when the login screen shows (the session lives in main). */
async function openConsole(page: Page): Promise<void> {
  await app.open(page);
  const login = page.getByTestId("login-screen");
  const search = page.getByTestId("catalog-search");
  await expect(login.or(search)).toBeVisible();
  if (await login.isVisible()) await loginAs(page, "operator");
}

/** Picks a preset in the header's layout picker (its drawings open under the button). */
async function pickLayout(page: Page, id: string): Promise<void> {
  await page.getByTestId("layout-picker").click();
  await page.getByTestId(`layout-${id}`).click();
}

/** An online camera the operator may open (no lock badge). */
async function firstOnlineCamera(page: Page, skip = 0) {
  const search = page.getByTestId("catalog-search");
  await search.fill("");
  // Searching by region expands it; pick cameras that are online.
  await search.fill("红花岗区");
  const rows = page.locator('[data-testid^="camera-"][data-online="true"]:not(:has([data-testid^="lock-"]))');
  await expect(rows.first()).toBeVisible();
  return rows.nth(skip);
}

/**
 * Tile 0 playing a camera. Tests later in the file build on the wall earlier ones left, but each must also stand
 * alone: after a failure Playwright starts a fresh worker, and with it a fresh console with an empty wall.
 */
async function playingTile(page: Page) {
  const tile = page.getByTestId("tile-0");
  if ((await tile.getAttribute("data-state")) === "idle") await (await firstOnlineCamera(page)).dragTo(tile);
  await expect(tile).toHaveAttribute("data-state", "playing", { timeout: 10_000 });
  return tile;
}

test("log in with a demo account: a wrong password is refused in Chinese, the right one opens the console", async ({ page }) => {
  await app.open(page);
  await expect(page.getByTestId("login-screen")).toBeVisible();
  await expect(page.getByTestId("demo-account-operator")).toBeVisible();
  await page.getByTestId("login-username").fill("operator");
  await page.getByTestId("login-password").fill("wrong-password");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toContainText(/密码|用户名/);
  await loginAs(page, "operator");
  await expect(page.getByTestId("user-badge")).toContainText("值班员");
  await expect(page.getByTestId("platform-status")).toHaveAttribute("data-state", "online", { timeout: 20_000 });
});

test("drag a camera onto a tile: live video within seconds, real pixels, stats, and the wall survives a reload", async ({ page }) => {
  await openConsole(page);
  await expect(page.locator("header")).toContainText("视频");
  await expect(page.getByTestId("tile-3")).toBeVisible();
  await expect(page.getByTestId("tile-4")).toHaveCount(0);

  const camera = await firstOnlineCamera(page);
  const cameraTestId = await camera.getAttribute("data-testid");
  await camera.dragTo(page.getByTestId("tile-0"));
  const tile = page.getByTestId("tile-0");
  await expect(tile).toHaveAttribute("data-state", "playing", { timeout: 10_000 });

  await expectVideoAdvances(tile, 1);
  expect(await frameColourCount(tile)).toBeGreaterThan(8);
  await expect(tile).toContainText("640×360");

  await pickLayout(page, "9");
  await expect(page.getByTestId("tile-8")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("tile-8")).toBeVisible();
  await expect(page.getByTestId("tile-0")).toHaveAttribute("data-state", "playing", { timeout: 10_000 });
  await expect(page.getByTestId("tile-0")).toHaveAttribute("data-camera-id", cameraTestId!.replace("camera-", ""));
});

test("swap by dragging tiles, maximize with double-click, restore with Esc, select with digits, close a tile", async ({ page }) => {
  await openConsole(page);
  await pickLayout(page, "4");
  const a = await firstOnlineCamera(page, 1);
  const aId = (await a.getAttribute("data-testid"))!.replace("camera-", "");
  await a.dragTo(page.getByTestId("tile-1"));
  await expect(page.getByTestId("tile-1")).toHaveAttribute("data-camera-id", aId);

  await page.getByTestId("tile-1").dragTo(page.getByTestId("tile-2"));
  await expect(page.getByTestId("tile-2")).toHaveAttribute("data-camera-id", aId);
  await expect(page.getByTestId("tile-2")).toHaveAttribute("data-state", "playing", { timeout: 10_000 });

  await page.getByTestId("tile-2").dblclick();
  await expect(page.getByTestId("tile-0")).toBeHidden();
  const box = await page.getByTestId("tile-2").boundingBox();
  expect(box!.width).toBeGreaterThan(900);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("tile-0")).toBeVisible();

  await page.keyboard.press("3");
  await expect(page.getByTestId("tile-2")).toHaveAttribute("data-selected", "true");
  await page.getByTestId("tile-close-2").click();
  await expect(page.getByTestId("tile-2")).toHaveAttribute("data-state", "idle");
});

test("an offline camera shows a clear error on its tile, in Chinese", async ({ page }) => {
  await openConsole(page);
  await page.getByTestId("filter-online-offline").click();
  const search = page.getByTestId("catalog-search");
  await search.fill("5203");
  const offline = page.locator('[data-testid^="camera-"][data-online="false"]:not(:has([data-testid^="lock-"]))').first();
  await expect(offline).toBeVisible();
  await offline.dragTo(page.getByTestId("tile-3"));
  await expect(page.getByTestId("tile-3")).toHaveAttribute("data-state", "error");
  await expect(page.getByTestId("tile-3")).toContainText("离线");
  await search.fill("");
  await page.getByTestId("filter-clear").click();
});

test("pinyin search finds cameras; a not-shared camera carries a lock and its tile says why", async ({ page }) => {
  await openConsole(page);
  const search = page.getByTestId("catalog-search");
  await search.fill("dingzikou");
  await expect(page.getByTestId("search-summary")).not.toHaveAttribute("data-total", "0");
  const first = page.locator('[data-testid^="camera-"]').first();
  await expect(first).toContainText("丁字口");
  await search.fill("dzk");
  await expect(page.locator('[data-testid^="camera-"]').first()).toContainText("丁字口");

  await page.getByTestId("filter-sharing-NOT_SHARED").click();
  await search.fill("5203");
  const firstLocked = page.locator('[data-testid^="camera-"][data-online="true"]:has([data-testid^="lock-"])').first();
  await expect(firstLocked).toBeVisible();
  // Pin the row by its id: the result list may still re-sort while it settles.
  const locked = page.getByTestId((await firstLocked.getAttribute("data-testid"))!);
  await expect(locked.locator('[data-testid^="lock-"]')).toHaveAttribute("data-reason", "NOT_SHARED");
  const lockedId = (await locked.getAttribute("data-testid"))!.slice("camera-".length);
  // The list may still re-render under the pointer as the search settles: drag again until the tile has it.
  await expect(async () => {
    await locked.dragTo(page.getByTestId("tile-3"));
    await expect(page.getByTestId("tile-3")).toHaveAttribute("data-camera-id", lockedId, { timeout: 2000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("tile-3")).toHaveAttribute("data-state", "locked");
  await expect(page.getByTestId("tile-3")).toContainText("共享");
  await page.getByTestId("tile-close-3").click();
  await search.fill("");
  await page.getByTestId("filter-clear").click();
});

test("the relay panel lists live streams with codec, resolution and viewers; tiles show the upstream codec", async ({ page }) => {
  await openConsole(page);
  const tile = await playingTile(page);
  await expect(tile).toContainText("H.264");
  const cameraId = await tile.getAttribute("data-camera-id");
  await page.getByTestId("relay-panel-toggle").click();
  const panel = page.getByTestId("relay-panel");
  await expect(panel).toBeVisible();
  const row = panel.getByTestId(`relay-stream-${cameraId}_sub`);
  await expect(row).toContainText("640×360");
  await expect(row).toContainText(/H\.?264/i);
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
});

test("English can be chosen and is remembered", async ({ page }) => {
  await openConsole(page);
  await page.getByTestId("locale-switch").click();
  await expect(page.locator("header")).toContainText(/Video|Console/);
  await page.reload();
  await expect(page.locator("header")).toContainText(/Video|Console/);
  await page.getByTestId("locale-switch").click();
  await expect(page.locator("header")).toContainText("视频");
});

test("a crashed relay: tiles reconnect and play again once the supervisor restarts it", async ({ page }) => {
  await openConsole(page);
  const tile = await playingTile(page);
  const pid = app.relayPid();
  expect(pid).not.toBeNull();
  process.kill(pid!, "SIGKILL");
  await expect(tile).not.toHaveAttribute("data-state", "playing", { timeout: 10_000 });
  await expect(tile).toHaveAttribute("data-state", "playing", { timeout: 20_000 });
  expect(app.relayPid()).not.toBe(pid);
});

test("the platform API goes down: a degraded banner, the wall keeps playing, the catalog still answers", async ({ page }) => {
  await openConsole(page);
  const tile = await playingTile(page);
  const pid = app.platformApiPid();
  expect(pid).not.toBeNull();
  process.kill(pid!, "SIGKILL");
  await expect(page.getByTestId("degraded-banner")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("platform-status")).toHaveAttribute("data-state", "degraded");
  await expectVideoAdvances(tile, 1);
  await expect(tile).toHaveAttribute("data-state", "playing");
  await page.getByTestId("catalog-search").fill("dingzikou");
  await expect(page.getByTestId("search-summary")).not.toHaveAttribute("data-total", "0");
});

test("the launch link opens the console once and leaves the URL; the API needs the session cookie and refuses malformed messages", async ({ page, browser }) => {
  const link = await app.newLaunchUrl();
  await page.goto(link);
  await expect(page.getByTestId("login-screen").or(page.getByTestId("catalog-search"))).toBeVisible();
  // Nothing secret is left in the page's address, and script cannot read the session (HttpOnly).
  expect(page.url()).toBe(`${app.origin}/`);
  expect(await page.evaluate(() => document.cookie)).toBe("");
  // The link was good once: another browser opening it gets the "link used" page, and no way in.
  const other = await browser.newContext();
  try {
    const stranger = await other.newPage();
    expect((await stranger.goto(link))?.status()).toBe(401);
    expect((await stranger.goto(app.url))?.status()).toBe(401);
  } finally {
    await other.close();
  }
  expect(await apiHandshake(app, { cookie: false, origin: app.origin })).toBe("401");
  expect(await apiHandshake(app, { cookie: true, origin: "http://127.0.0.1:9" })).toBe("403");
  // The page's own socket carries the cookie by itself.
  const replies = await page.evaluate(async (origin) => {
    return new Promise<string[]>((resolve) => {
      const ws = new WebSocket(`${origin.replace("http", "ws")}/api`);
      const got: string[] = [];
      ws.onmessage = (m) => {
        const msg = JSON.parse(String(m.data));
        if ("id" in msg) got.push(msg.ok ? "ok" : msg.error.code);
        if (got.length === 3) resolve(got);
      };
      ws.onopen = () => {
        ws.send("{not json");
        ws.send(JSON.stringify({ id: 1, method: "assignTile", params: { tile: 0, cameraId: "1" } }));
        ws.send(JSON.stringify({ id: 2, method: "rm -rf", params: {} }));
      };
    });
  }, app.origin);
  expect(replies).toEqual(["INVALID_REQUEST", "INVALID_REQUEST", "UNKNOWN_METHOD"]);
});
