// Issue 5 as the demo users live it, in Chromium against the real web shell, relay and embedded platform:
// the operator applies for a conditionally shared camera and sees the due date; the coordinator approves; the camera
// unlocks. The commander asks for a special authorization over a NOT_SHARED camera for one minute; the coordinator
// approves; it plays with the grant in its watermark; the platform API is stopped halfway; at the minute (the
// test clock) the tile goes dark as 授权已到期 and the relay drops the viewer. A forged token is refused; the audit
// view shows it all; audit:verify passes, and catches an edited row.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { Database } from "../../main/store/database.js";
import { consoleCall } from "./fixtures/console-rpc.js";
import { loginAs, reportLogsOnFailure, startConsole, type RunningConsole } from "./fixtures/console-app.js";
import { frameColourCount } from "./fixtures/video-probe.js";

const CONDITIONAL = "52030200431326950001"; // 演示·有条件共享·湘江河道水位站
const NOT_SHARED = "52030200011326950002"; // 演示·不予共享·丁字口商户门前
const root = resolve(import.meta.dirname, "..", "..");

test.describe.configure({ mode: "serial" });

let app: RunningConsole;
/** The break-glass media grant of one test, reviewed by the coordinator in a later one. */
let mediaGrantId = "";
const dataDir = mkdtempSync(join(tmpdir(), "vigil-e2e-access-"));
test.beforeAll(async () => {
  app = await startConsole({ dataDir, env: { VIGIL_TEST_CLOCK: "1" } });
});
// eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from a destructured first argument; none needed here
test.afterEach(async ({}, testInfo) => reportLogsOnFailure(app, testInfo));
test.afterAll(async () => {
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function switchUser(page: Page, username: "operator" | "commander" | "approver" | "media"): Promise<void> {
  await app.open(page);
  const login = page.getByTestId("login-screen");
  await expect(login.or(page.getByTestId("catalog-search"))).toBeVisible();
  if (!(await login.isVisible())) {
    await page.getByTestId("logout").click();
    await expect(login).toBeVisible();
  }
  await loginAs(page, username);
}

async function findCamera(page: Page, query: string, id: string) {
  await page.getByTestId("catalog-search").fill(query);
  const row = page.getByTestId(`camera-${id}`);
  await expect(row).toBeVisible();
  return row;
}

async function openDrawer(page: Page, tab: "applications" | "grants" | "approvals" | "audit") {
  if (!(await page.getByTestId("access-drawer").isVisible())) await page.getByTestId("open-access").click();
  await page.getByTestId(`access-tab-${tab}`).click();
  return page.getByTestId("access-drawer");
}

test("the operator applies for a conditional camera, sees the due date; the coordinator approves; it unlocks", async ({ page }) => {
  await switchUser(page, "operator");
  const row = await findCamera(page, "演示·有条件共享", CONDITIONAL);
  await expect(page.getByTestId(`lock-${CONDITIONAL}`)).toBeVisible();
  await page.getByTestId(`apply-${CONDITIONAL}`).click();

  const form = page.getByTestId("application-form");
  await expect(form).toBeVisible();
  await expect(form.getByTestId(`cart-item-${CONDITIONAL}`)).toBeVisible();
  await expect(form.locator('[name="applicantDepartment"]')).toHaveValue(/红花岗区分局/);
  await form.locator('[name="contact"]').fill("王静 0851-28221234");
  await form.locator('[name="reason"]').fill("湘江河道汛期水位巡查");
  await form.locator('[name="purpose"]').fill("汛期水位监测");
  await form.locator('[name="useScope"]').fill("分局指挥室内部使用");
  await form.locator('[name="securityMeasures"]').fill("专人查看，不外传，不录屏");
  await form.locator('[name="validDays"]').fill("30");
  const preview = form.getByTestId("application-due-preview");
  await expect(preview).toContainText(/\d{4}-\d{2}-\d{2}/);
  const due = /\d{4}-\d{2}-\d{2}/.exec((await preview.textContent()) ?? "")?.[0];
  await page.getByTestId("application-submit").click();

  const submitted = page.locator('[data-testid^="application-"][data-status="submitted"]').first();
  await expect(submitted).toBeVisible();
  const appId = (await submitted.getAttribute("data-testid"))!.slice("application-".length);
  await expect(page.getByTestId(`application-due-${appId}`)).toContainText(due!);
  await page.screenshot({ path: "test-results/access-application.png" });

  await switchUser(page, "approver");
  await openDrawer(page, "approvals");
  await page.screenshot({ path: "test-results/access-approvals.png" });
  await page.getByTestId(`approve-${appId}`).click();
  await expect(page.getByTestId(`approval-application-${appId}`)).toHaveCount(0, { timeout: 10_000 });

  await switchUser(page, "operator");
  await findCamera(page, "演示·有条件共享", CONDITIONAL);
  await expect(page.getByTestId(`lock-${CONDITIONAL}`)).toHaveCount(0, { timeout: 10_000 });
  await page.getByTestId(`camera-${CONDITIONAL}`).dragTo(page.getByTestId("tile-0"));
  await expect(page.getByTestId("tile-0")).toHaveAttribute("data-state", "playing", { timeout: 15_000 });
  await expect(page.getByTestId("watermark-0")).toContainText("operator");
  await openDrawer(page, "applications");
  await expect(page.getByTestId(`application-${appId}`)).toHaveAttribute("data-status", "approved");
  void row;
});

test("a forged relay token is refused; the genuine one plays", async () => {
  const cameras = await consoleCall(app, "searchCameras", { query: "红花岗区", filters: { sharingClasses: ["UNCONDITIONAL"], online: true }, limit: 5 });
  const open = cameras.items.find((c) => c.access.allowed);
  expect(open).toBeTruthy();
  await consoleCall(app, "assignTile", { tile: 2, cameraId: open!.id });
  const ticket = await consoleCall(app, "openStream", { tile: 2 });
  const http = ticket.url.replace(/^ws:/, "http:");
  const token = new URL(http).searchParams.get("token")!;
  const [body, mac] = token.split(".");
  const claims = JSON.parse(Buffer.from(body!, "base64url").toString()) as { d: number };
  claims.d += 3_600_000; // a longer deadline, same signature
  const forged = `${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${mac}`;
  const url = new URL(http);
  url.searchParams.set("token", forged);
  expect((await fetch(url)).status).toBe(401);
  const genuine = await fetch(http);
  expect(genuine.status).toBe(200);
  await genuine.body?.cancel();
  await consoleCall(app, "closeStream", { sessionId: ticket.sessionId });
});

test("program output: a media-use tile goes clean and fullscreen in its own page, watermarked; others offer no button", async ({ page, context }) => {
  await switchUser(page, "commander");
  const cameras = await consoleCall(app, "searchCameras", { query: "红花岗区", filters: { online: true }, limit: 500 });
  const media = cameras.items.find((c) => c.access.allowed && c.mediaUse);
  const plain = cameras.items.find((c) => c.access.allowed && !c.mediaUse);
  expect(media && plain).toBeTruthy();
  await consoleCall(app, "assignTile", { tile: 2, cameraId: media!.id });
  await consoleCall(app, "assignTile", { tile: 3, cameraId: plain!.id });
  await expect(page.getByTestId("tile-2")).toHaveAttribute("data-state", "playing", { timeout: 15_000 });
  await expect(page.getByTestId("tile-3")).toHaveAttribute("data-state", "playing", { timeout: 15_000 });
  await expect(page.getByTestId("program-output-3")).toHaveCount(0);
  await page.getByTestId("tile-2").hover();
  const [program] = await Promise.all([context.waitForEvent("page"), page.getByTestId("program-output-2").click()]);
  const output = program.getByTestId("program-output");
  await expect(output).toHaveAttribute("data-state", "playing", { timeout: 15_000 });
  // The program page shares the console's session cookie: nothing secret in its address.
  expect(new URL(program.url()).search).toBe("?view=program&wall=1&tile=2");
  await expect(output).toHaveAttribute("data-camera-id", media!.id);
  await expect(program.getByTestId("watermark-program")).toContainText("commander");
  await expect(program.getByTestId("catalog-search")).toHaveCount(0);
  await program.screenshot({ path: "test-results/access-program-output.png" });
  await program.close();
  await consoleCall(app, "clearTile", { tile: 2 });
  await consoleCall(app, "clearTile", { tile: 3 });
});

test("a media grant over a masked camera: the media user sees it masked on the wall and on the program output", async ({ page, context }) => {
  await switchUser(page, "commander");
  const found = await consoleCall(app, "searchCameras", { query: "红花岗区", filters: { sharingClasses: ["CONDITIONAL"], online: true }, limit: 500 });
  const masked = found.items.find((c) => c.privacyMasks.length > 0);
  expect(masked).toBeTruthy();
  const grant = await consoleCall(app, "requestGrant", {
    incident: { title: "红花岗区 防汛直播", type: "flood", level: "II", civilCode: "520302" },
    scope: { kind: "cameras", cameraIds: [masked!.id] },
    minutes: 30,
    reason: "防汛新闻直播",
    mediaDepartmentId: "city-media",
  });
  expect(grant).toMatchObject({ basis: "MEDIA_GRANT", status: "active", kind: "break-glass", review: null });
  mediaGrantId = grant.id;

  await switchUser(page, "media");
  await consoleCall(app, "assignTile", { tile: 2, cameraId: masked!.id });
  const tile = page.getByTestId("tile-2");
  await expect(tile).toHaveAttribute("data-state", "playing", { timeout: 15_000 });
  await expect(page.getByTestId("privacy-2")).toHaveAttribute("data-masks", String(masked!.privacyMasks.length));
  await expect(page.getByTestId("watermark-2")).toHaveAttribute("data-grant-id", grant.id);
  await tile.hover();
  const [program] = await Promise.all([context.waitForEvent("page"), page.getByTestId("program-output-2").click()]);
  await expect(program.getByTestId("program-output")).toHaveAttribute("data-state", "playing", { timeout: 15_000 });
  const mask = program.getByTestId("privacy-program-0");
  await expect(mask).toBeVisible();
  // What the output shows at the mask's centre is the mask's flat colour, not the picture underneath.
  const box = (await mask.boundingBox())!;
  expect(box.width).toBeGreaterThan(50);
  const clip = await program.screenshot({ clip: { x: box.x + box.width / 2 - 10, y: box.y + box.height / 2 - 10, width: 20, height: 20 } });
  const rgb = spawnSync("ffmpeg", ["-v", "error", "-i", "pipe:0", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"], { input: clip }).stdout;
  expect(rgb.length).toBe(20 * 20 * 3);
  // The faint watermark may cross it; the picture may not.
  let flat = 0;
  for (let i = 0; i < rgb.length; i += 3) if (Math.abs(rgb[i]! - 0x3a) + Math.abs(rgb[i + 1]! - 0x3f) + Math.abs(rgb[i + 2]! - 0x47) <= 40) flat++;
  expect(flat / 400).toBeGreaterThan(0.8);
  await program.screenshot({ path: "test-results/access-program-masked.png" });
  await program.close();
  await consoleCall(app, "clearTile", { tile: 2 });
});

test("the commander's one-minute special authorization: approved, plays under the grant, goes dark at the minute with the platform stopped", async ({ page }) => {
  await switchUser(page, "commander");
  await findCamera(page, "演示·不予共享", NOT_SHARED);
  await page.getByTestId(`request-grant-${NOT_SHARED}`).click();
  const form = page.getByTestId("grant-form");
  await expect(form).toBeVisible();
  // Open incidents exist (the media grant's): declare a new one for this.
  await form.locator('[name="incidentMode"][value="new"]').check();
  await form.locator('[name="title"]').fill("红花岗区丁字口 突发事件");
  await form.locator('[name="type"]').selectOption("public-security");
  await form.locator('[name="level"]').selectOption("III");
  await form.locator('[name="civilCode"]').selectOption("520302");
  await form.locator('[name="minutes"]').fill("1");
  await form.locator('[name="reason"]').fill("现场处置需要实时画面");
  await expect(page.getByTestId("grant-scope-note")).toBeVisible();
  await page.getByTestId("grant-submit").click();
  const requested = page.locator('[data-testid^="grant-row-"][data-status="requested"]').first();
  await expect(requested).toBeVisible();
  await expect(requested).toHaveAttribute("data-kind", "special");
  const grantId = (await requested.getAttribute("data-testid"))!.slice("grant-row-".length);

  await switchUser(page, "approver");
  await openDrawer(page, "approvals");
  await page.getByTestId(`grant-approve-${grantId}`).click();
  await expect(page.getByTestId(`approval-grant-${grantId}`)).toHaveCount(0, { timeout: 10_000 });
  // While here, the coordinator reviews the earlier break-glass media grant after the fact.
  const review = page.getByTestId(`approval-review-${mediaGrantId}`);
  await expect(review).toBeVisible();
  await page.getByTestId(`grant-review-${mediaGrantId}`).click();
  await page.screenshot({ path: "test-results/access-review.png" });
  await review.locator('[name="reviewNote"]').fill("直播必要，范围适当");
  await page.getByTestId(`grant-review-${mediaGrantId}`).click();
  await expect(review).toHaveCount(0, { timeout: 10_000 });

  await switchUser(page, "commander");
  await findCamera(page, "演示·不予共享", NOT_SHARED);
  await expect(page.getByTestId(`lock-${NOT_SHARED}`)).toHaveCount(0, { timeout: 10_000 });
  await page.getByTestId(`camera-${NOT_SHARED}`).dragTo(page.getByTestId("tile-1"));
  const tile = page.getByTestId("tile-1");
  await expect(tile).toHaveAttribute("data-state", "playing", { timeout: 15_000 });
  expect(await frameColourCount(tile)).toBeGreaterThan(8);
  await expect(page.getByTestId("watermark-1")).toHaveAttribute("data-grant-id", grantId);
  await expect(page.getByTestId("watermark-1")).toContainText("commander");
  await expect(page.getByTestId(`grant-item-${grantId}`)).toBeVisible();
  await expect(page.getByTestId(`grant-countdown-${grantId}`)).toHaveText(/^0:\d\d$|^00:\d\d$/);
  await page.screenshot({ path: "test-results/access-grant-playing.png" });

  const channelViewers = async () =>
    (await consoleCall(app, "getRelayStats", {})).streams.filter((s) => s.channel.startsWith(NOT_SHARED)).reduce((n, s) => n + s.viewers.length, 0);
  await expect.poll(channelViewers).toBeGreaterThan(0);

  // Halfway through, the platform API goes away; the grant must still end on the console's own clock.
  const pid = app.platformApiPid();
  expect(pid).not.toBeNull();
  process.kill(pid!, "SIGKILL");
  await expect(page.getByTestId("degraded-banner")).toBeVisible({ timeout: 20_000 });
  await expect(tile).toHaveAttribute("data-state", "playing");

  await consoleCall(app, "advanceTestClock", { ms: 61_000 });
  await expect(tile).toHaveAttribute("data-state", "expired", { timeout: 1000 });
  await expect(tile).toContainText("授权已到期");
  await expect.poll(channelViewers, { timeout: 3000 }).toBe(0);
  await page.screenshot({ path: "test-results/access-grant-expired.png" });
  await expect(page.getByTestId(`grant-item-${grantId}`)).toHaveCount(0);

  // The audit view (commanders may read it) shows the whole story.
  const drawer = await openDrawer(page, "audit");
  await drawer.getByTestId("audit-refresh").click();
  const table = drawer.getByTestId("audit-table");
  for (const action of ["grant.request", "stream.start", "grant.expire", "stream.stop", "stream.refused", "auth.login"]) {
    await expect(table).toContainText(action);
  }
  await page.screenshot({ path: "test-results/access-audit.png" });
});

test("audit:verify passes on the console's log, and names an edited record", async () => {
  await app.stop();
  const verify = () =>
    spawnSync(process.execPath, [join(root, "dist", "main", "audit-verify.cjs"), "--db", join(dataDir, "vigil.db")], { encoding: "utf8" });
  const ok = verify();
  expect(ok.status, ok.stdout + ok.stderr).toBe(0);
  expect(ok.stdout).toMatch(/OK/);

  const db = await Database.open(join(dataDir, "vigil.db"));
  const target = await db.get<{ seq: number }>("SELECT seq FROM audit_log WHERE action = 'grant.expire'");
  await db.exec("DROP TRIGGER audit_log_no_update");
  await db.run("UPDATE audit_log SET action = 'grant.extend' WHERE seq = ?", [target!.seq]);
  await db.close();
  const broken = verify();
  expect(broken.status).toBe(1);
  expect(broken.stdout + broken.stderr).toContain(`#${target!.seq}`);
});
