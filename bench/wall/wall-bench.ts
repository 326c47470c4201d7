// bench:wall orchestrator. The console's wall (real app: web shell, embedded demo platform, relay, mpegts.js tiles)
// at equal-grid layouts of 4/9/16/25/36 tiles, and a bare page of plain mpegts.js players on the demo clips through
// Vigil's relay at the same counts, in headless Chromium. Writes docs/benchmarks/wall.{json,md}.
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Browser } from "playwright-core";
import { equalGrid } from "../../contract/wall-layout.js";
import { launchChromium, startPageServer } from "../common/browser.js";
import { installCleanup, stopAll } from "../common/children.js";
import { machineInfo } from "../common/machine.js";
import { repoRoot, reportHeader, writeReport } from "../common/report.js";
import { startVigilRelay, wsUrl } from "../common/servers.js";
import type { WallPageApi } from "../pages/wall-page.js";
import { ensureLoggedIn, playableCameras, rpc, startConsole } from "./console-driver.js";
import { wallCharts, wallMarkdown, type WallReport, type WallRow } from "./wall-report.js";
import { measure, waitPlaying } from "./wall-sampler.js";

/** Equal grids (layouts are cells on a grid up to 8×8; these are the preset grids the bare page is measured at too). */
const APP_LAYOUTS = [4, 9, 16, 25, 36];
const DEMO_CLIPS = ["crossroads.flv", "riverside.flv", "plaza.flv", "mountain.flv"];
const VIEWPORT = { width: 1600, height: 900 };

installCleanup();
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { quick: { type: "boolean", default: false }, tiles: { type: "string" }, "window-s": { type: "string" }, "skip-vigil": { type: "boolean", default: false } },
});
const quick = values.quick;
const tileCounts = (values.tiles ?? (quick ? "4,9" : "4,9,16,25,36")).split(",").map(Number);
const windowMs = Number(values["window-s"] ?? (quick ? 6 : 30)) * 1000;
const warmupMs = quick ? 3000 : 5000;
const header = reportHeader("wall", quick, machineInfo());
const log = (line: string): void => console.log(`[bench:wall] ${line}`);
const rows: WallRow[] = [];
const notes: string[] = [];

async function vigilWall(browser: Browser): Promise<void> {
  const app = await startConsole();
  const page = await browser.newPage({ viewport: VIEWPORT, locale: "zh-CN" });
  try {
    await page.goto(app.url);
    const user = await ensureLoggedIn(page);
    if (user) log(`logged in as ${user}`);
    const counts = tileCounts.filter((n) => APP_LAYOUTS.includes(n));
    const cameras = await playableCameras(page, Math.max(...counts, 1));
    for (const n of counts) {
      log(`vigil: ${n} tiles`);
      await rpc(page, "setLayout", { layout: equalGrid(Math.round(Math.sqrt(n))), layoutRef: `preset:${n}` });
      for (let i = 0; i < n; i++) await rpc(page, "assignTile", { tile: i, cameraId: cameras[i % cameras.length] });
      const selector = Array.from({ length: n }, (_, i) => `[data-testid="tile-${i}"] video`).join(", ");
      const playing = await waitPlaying(page, selector, n, 30_000);
      if (playing < n) {
        // Say why tiles are not playing (their data-state and visible text), instead of reporting empty figures.
        const states = await page.evaluate((count) => Array.from({ length: count }, (_, i) => {
          const t = document.querySelector(`[data-testid="tile-${i}"]`);
          return `${i}:${t?.getAttribute("data-state") ?? "missing"}${t?.textContent ? ` "${t.textContent.slice(0, 60)}"` : ""}`;
        }), n);
        log(`  only ${playing}/${n} tiles advance: ${states.join(" | ")}`);
        notes.push(`vigil ${n} tiles: only ${playing}/${n} played within 30 s (${states.slice(0, 4).join(" | ")}).`);
      }
      await page.waitForTimeout(warmupMs);
      const m = await measure(page, selector, windowMs);
      rows.push({ tiles: n, page: "vigil", ...m, tiles_started: playing });
      log(`  dropped ${m.dropped_pct} %, latency p95 ${m.latency_p95_s} s, ${m.tiles_playing}/${n} playing`);
    }
    if (cameras.length < Math.max(...counts)) notes.push(`The demo catalog offered ${cameras.length} playable cameras; larger layouts repeat cameras.`);
  } finally {
    await page.close().catch(() => {});
    await app.stop();
  }
}

async function bareWall(browser: Browser): Promise<void> {
  const maxTiles = Math.max(...tileCounts);
  const sources = Array.from({ length: maxTiles }, (_, i) => ({ name: `cam${i}`, url: `file:${join(repoRoot, "resources", "demo", DEMO_CLIPS[i % DEMO_CLIPS.length]!)}` }));
  const relay = await startVigilRelay("vigil-relay", { sources });
  const pages = await startPageServer();
  const page = await browser.newPage({ viewport: VIEWPORT });
  try {
    await page.goto(pages.pageUrl("wall-page"));
    await page.waitForFunction(() => document.title === "bench ready");
    for (const n of tileCounts) {
      log(`bare: ${n} tiles`);
      const urls = sources.slice(0, n).map((s) => `${wsUrl(relay.httpBase)}/live/${s.name}.flv`);
      await page.evaluate((u) => (window as unknown as { bench: WallPageApi }).bench.start(u), urls);
      const playing = await waitPlaying(page, ".tile video", n, 30_000);
      await page.waitForTimeout(warmupMs);
      const m = await measure(page, ".tile video", windowMs);
      rows.push({ tiles: n, page: "bare", ...m, tiles_started: playing });
      log(`  dropped ${m.dropped_pct} %, latency p95 ${m.latency_p95_s} s, ${m.tiles_playing}/${n} playing`);
      await page.evaluate(() => (window as unknown as { bench: WallPageApi }).bench.stop());
      await page.waitForTimeout(1000);
    }
  } finally {
    await page.close().catch(() => {});
    await pages.close();
    await relay.stop();
  }
}

const browser = await launchChromium();
try {
  if (values["skip-vigil"]) notes.push("Run with --skip-vigil: the app's wall was not measured.");
  else {
    try {
      await vigilWall(browser);
    } catch (err) {
      // The bare page still gives figures; the report says plainly that the app part failed and why.
      const msg = err instanceof Error ? err.message.split("\n")[0]! : String(err);
      notes.push(`The app's wall could not be measured in this run: ${msg}`);
      log(`vigil wall failed: ${msg}`);
    }
  }
  await bareWall(browser);
  const report: WallReport = {
    ...header,
    config: {
      viewport: `${VIEWPORT.width}x${VIEWPORT.height}`,
      window_s: windowMs / 1000,
      warmup_s: warmupMs / 1000,
      streams: "demo clips 640x360 25 fps H.264 (resources/demo), file loop sources in the relay",
      bare_page: "bench/pages/wall-page.ts: renderer/src/player/mpegts-engine.ts players in a grid, WS-FLV from the standalone relay",
      vigil_page: "dist/main/web-main.cjs --no-open (embedded demo platform), layout and tiles set through the ConsoleApi",
    },
    wall: rows.sort((a, b) => a.tiles - b.tiles || a.page.localeCompare(b.page)),
    notes,
  };
  const charts = wallCharts(report);
  const files = writeReport("wall", report, wallMarkdown(report, Object.keys(charts)), charts);
  log(`wrote ${files.join(", ")}`);
} finally {
  await browser.close().catch(() => {});
  await stopAll();
}
