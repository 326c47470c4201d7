// A commander extends a break-glass grant while its camera plays: the tile plays on past the old end on the same
// relay session — no reconnect, no blank — and the grant bar counts down to the new end. Its own console: the test
// clock moves here, and the one-minute grant of access.spec must not see it.
import { expect, test } from "@playwright/test";
import { consoleCall } from "./fixtures/console-rpc.js";
import { loginAs, reportLogsOnFailure, startConsole, type RunningConsole } from "./fixtures/console-app.js";
import { expectVideoAdvances, recordTileStates } from "./fixtures/video-probe.js";

let app: RunningConsole;
test.beforeAll(async () => {
  app = await startConsole({ env: { VIGIL_TEST_CLOCK: "1" } });
});
// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from a destructured first argument; none needed here
test.afterEach(async ({}, testInfo) => reportLogsOnFailure(app, testInfo));
test.afterAll(async () => {
  await app?.stop();
});

test("an extended grant: the tile plays on past the old end on the same relay session", async ({ page }) => {
  await app.open(page);
  await loginAs(page, "commander");
  // A locked conditionally shared camera without privacy masks (once the catalog and the rules have arrived).
  const lockedCamera = async () => {
    const found = await consoleCall(app, "searchCameras", { query: "红花岗区", filters: { sharingClasses: ["CONDITIONAL"], online: true }, limit: 500 });
    const unconditional = await consoleCall(app, "searchCameras", { query: "红花岗区", filters: { sharingClasses: ["UNCONDITIONAL"] }, limit: 5 });
    if (!unconditional.items.some((c) => c.access.allowed)) return undefined;
    return found.items.find((c) => !c.access.allowed && c.privacyMasks.length === 0);
  };
  await expect.poll(async () => (await lockedCamera())?.id ?? null, { timeout: 20_000 }).not.toBeNull();
  const camera = await lockedCamera();
  const grant = await consoleCall(app, "requestGrant", {
    incident: { title: "红花岗区 火情", type: "fire", level: "III", civilCode: "520302" },
    scope: { kind: "cameras", cameraIds: [camera!.id] },
    minutes: 2,
    reason: "火场周边实时画面",
  });
  expect(grant).toMatchObject({ status: "active", kind: "break-glass" });

  await expect(page.getByTestId(`grant-item-${grant.id}`)).toBeVisible({ timeout: 10_000 });
  await consoleCall(app, "assignTile", { tile: 0, cameraId: camera!.id });
  const tile = page.getByTestId("tile-0");
  await expect(tile).toHaveAttribute("data-state", "playing", { timeout: 15_000 });
  await expect(page.getByTestId("watermark-0")).toHaveAttribute("data-grant-id", grant.id);

  const viewers = async () =>
    (await consoleCall(app, "getRelayStats", {})).streams.filter((s) => s.channel.startsWith(camera!.id)).flatMap((s) => s.viewers);
  await expect.poll(async () => (await viewers()).length).toBe(1);
  const [before] = await viewers();

  // The commander extends it in the grants tab: break-glass extensions take effect at once.
  await page.getByTestId("open-access").click();
  await page.getByTestId("access-tab-grants").click();
  await page.getByTestId(`grant-extend-${grant.id}`).click();
  const row = page.getByTestId(`grant-row-${grant.id}`);
  await row.locator('[name="extendMinutes"]').fill("10");
  await row.locator('[name="extendReason"]').fill("火情未控制，继续观察");
  await page.getByTestId(`grant-extend-${grant.id}`).click();
  await expect(page.getByTestId(`grant-countdown-${grant.id}`)).toHaveText(/^1[12]:\d\d$/, { timeout: 10_000 });
  await page.getByTestId("access-close").click();

  // The relay moved the viewer's cut ten minutes later, on the same session.
  await expect.poll(async () => (await viewers())[0]?.deadline ?? 0, { timeout: 10_000 }).toBeGreaterThan(before!.deadline + 9 * 60_000);

  // Past the old end: the tile never leaves "playing", the picture moves on, the relay viewer is the same one.
  await consoleCall(app, "advanceTestClock", { ms: 2 * 60_000 + 5_000 });
  const states = await recordTileStates(tile);
  await expectVideoAdvances(tile, 1.5);
  expect(await states()).toEqual(["playing"]);
  expect((await viewers()).map((v) => v.session)).toEqual([before!.session]);
  await expect(page.getByTestId(`grant-countdown-${grant.id}`)).toHaveText(/^(09|10):\d\d$/);
  await page.screenshot({ path: "test-results/grant-extended-playing.png" });

  const audit = await consoleCall(app, "queryAudit", { action: "stream.extend" });
  expect(audit.items[0]).toMatchObject({ cameraId: camera!.id, detail: { refId: grant.id } });
});
