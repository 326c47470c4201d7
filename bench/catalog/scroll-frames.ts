// Runs in bench orchestrators. Frame times while a user scrolls the console's catalog tree in Chromium: opens the
// console (already logged in), expands the largest leaves, then scrolls with the mouse wheel while a
// requestAnimationFrame loop in the page records frame intervals.
import { launchChromium } from "../common/browser.js";
import { summarize, type Summary } from "../common/stats.js";
import type { ConsoleSession } from "./console-ws-client.js";

const EXPAND = ["520302", "520303", "520304"];
const DOMAINS = ["xueliang", "skynet", "tourism", "traffic"];

export async function measureScroll(session: ConsoleSession, durationMs: number): Promise<Summary & { rows: number }> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    await context.addCookies([{ ...session.cookie, url: `${session.origin}/`, httpOnly: true, sameSite: "Strict" }]);
    const page = await context.newPage();
    await page.goto(`${session.origin}/`);
    const tree = page.getByTestId("catalog-tree");
    await tree.waitFor({ timeout: 30_000 });
    // Bottom-up, so expanding one county never pushes the next one out of the rendered (virtualized) rows.
    for (const county of [...EXPAND].reverse()) {
      await page.getByTestId(`county-${county}`).click();
      for (const domain of DOMAINS) {
        const leaf = page.getByTestId(`domain-${county}-${domain}`);
        if ((await leaf.count()) > 0) await leaf.click();
      }
    }
    await page.waitForTimeout(500);
    const rows = Number(await tree.getAttribute("data-rows"));
    const box = await tree.boundingBox();
    if (!box) throw new Error("catalog tree not visible");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean };
      w.__frames = [];
      w.__stop = false;
      let last = performance.now();
      const tick = (now: number) => {
        w.__frames.push(now - last);
        last = now;
        if (!w.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const end = Date.now() + durationMs;
    let direction = 1;
    while (Date.now() < end) {
      await page.mouse.wheel(0, 240 * direction);
      await page.waitForTimeout(16);
      const atEnd = await tree.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2 || el.scrollTop <= 0);
      if (atEnd) direction = -direction;
    }
    const frames = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean };
      w.__stop = true;
      return w.__frames.slice(1);
    });
    return { ...summarize(frames), rows };
  } finally {
    await browser.close();
  }
}
