// `npm run bench:catalog [-- --quick] [--scale N]`: the console's catalog at city scale. A reference platform with
// 100,000 cameras runs in this process (so the bench can change its catalog); the console runs as a user runs it
// (web shell child, `--platform <url>`) and is driven over its ConsoleApi and, for scrolling, in Chromium.
// Measures: initial sync, applying 1,000 changes, search latency, console memory after sync, scroll frame times.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pidusage from "pidusage";
import type { PlatformStatus } from "../../contract/console-api.js";
import { applyCatalogMutations } from "../../platform/catalog/catalog-updates.js";
import { startPlatformServer } from "../../platform/platform-server.js";
import { installCleanup, startChild, stopAll, waitForLine } from "../common/children.js";
import { machineInfo } from "../common/machine.js";
import { machineLine, mdTable, repoRoot, reportHeader, verdict, writeReport } from "../common/report.js";
import { summarize } from "../common/stats.js";
import { connectConsole } from "./console-ws-client.js";
import { measureScroll } from "./scroll-frames.js";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const scaleArg = args.indexOf("--scale");
const scale = scaleArg >= 0 ? Number(args[scaleArg + 1]) : quick ? 20_000 : 100_000;
const CHANGES = 1000;
const QUERIES = [
  { kind: "chinese", q: "丁字口" },
  { kind: "chinese", q: "水库大坝" },
  { kind: "chinese", q: "遵义会议会址" },
  { kind: "pinyin", q: "dingzikou" },
  { kind: "pinyin", q: "shuikudaba" },
  { kind: "pinyin", q: "maotaizhen" },
  { kind: "initials", q: "dzk" },
  { kind: "initials", q: "skdb" },
  { kind: "initials", q: "zyhyhz" },
  { kind: "id", q: "52030200" },
  { kind: "id", q: "1326000101" },
] as const;
const ROUNDS = quick ? 5 : 20;

installCleanup();
const work = mkdtempSync(join(tmpdir(), "vigil-bench-catalog-"));
const machine = machineInfo();
console.log(`bench:catalog — ${scale} cameras${quick ? " (quick)" : ""}`);

try {
  // 1. The platform, seeded at scale.
  let t = performance.now();
  const platform = await startPlatformServer({
    dataDir: join(work, "platform"),
    mediaBaseUrl: "http://127.0.0.1:9",
    mediaKey: randomBytes(32),
    scale,
    statusIntervalMs: 0,
  });
  const platformUrl = await platform.listen(0);
  const seedS = (performance.now() - t) / 1000;
  console.log(`platform seeded in ${seedS.toFixed(1)} s at ${platformUrl}`);

  // 2. The console, as a user starts it against a city platform.
  const consoleChild = startChild("console", process.execPath, [
    join(repoRoot, "dist", "main", "web-main.cjs"), "--no-open", "--data-dir", join(work, "console"), "--platform", platformUrl,
  ], { cwd: repoRoot, env: { ...process.env, VIGIL_LOG_LEVEL: "warn" } });
  const consoleUrl = (await waitForLine(consoleChild, /^console: (\S+)$/, 30_000))[1]!;
  const { api, session, close } = await connectConsole(consoleUrl);

  // 3. Initial sync: from login until the console reports "online" with every camera.
  let status: PlatformStatus | null = null;
  api.on("platformStatus", (s) => (status = s));
  t = performance.now();
  await api.login({ username: "operator", password: "Vigil-operator-2024" });
  while (!(status && (status as PlatformStatus).state === "online" && (status as PlatformStatus).cameras > 0)) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const initialSyncS = (performance.now() - t) / 1000;
  const tree = await api.getCatalogTree({});
  console.log(`initial sync: ${initialSyncS.toFixed(2)} s for ${tree.root.total} cameras`);
  const rssAfterSyncMb = (await pidusage(consoleChild.pid)).memory / 2 ** 20;

  // 4. 1,000 changes pushed by the platform: until every renamed camera is findable in the console.
  const some = await api.searchCameras({ query: "5203", limit: 500 });
  const more = await api.searchCameras({ query: "5203", limit: 500, filters: { online: false } });
  const ids = [...new Set([...some.items, ...more.items].map((c) => c.id))];
  const ranked = (await platform.store.reader.all<{ id: string }>(`SELECT id FROM camera WHERE deleted = 0 AND secrecy = 0 ORDER BY id LIMIT ${CHANGES}`)).map((r) => r.id);
  const targets = ranked.length >= CHANGES ? ranked : ids;
  const mutations = [];
  for (const id of targets.slice(0, CHANGES)) {
    const record = await platform.services.catalog.get(id);
    if (!record) continue;
    const { version: _v, updatedAt: _u, ...rest } = record;
    mutations.push({ kind: "upsert" as const, camera: { ...rest, name: `${record.name}基准变更` } });
  }
  t = performance.now();
  await applyCatalogMutations(platform.services.catalog, platform.services.events, mutations);
  const platformApplyMs = performance.now() - t;
  for (;;) {
    const found = await api.searchCameras({ query: "基准变更", limit: 1 });
    if (found.total >= mutations.length) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const apply1kMs = performance.now() - t;
  console.log(`${mutations.length} changes visible in the console after ${apply1kMs.toFixed(0)} ms (platform side ${platformApplyMs.toFixed(0)} ms)`);

  // 5. Search latency over the ConsoleApi (what the search box waits for).
  const samples: number[] = [];
  const perQuery: Array<{ kind: string; q: string; total: number; p50: number | null }> = [];
  for (const { kind, q } of QUERIES) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const s = performance.now();
      total = (await api.searchCameras({ query: q })).total;
      times.push(performance.now() - s);
    }
    samples.push(...times);
    perQuery.push({ kind, q, total, p50: summarize(times).p50 });
  }
  const search = summarize(samples);
  console.log(`search: p50 ${search.p50} ms, p95 ${search.p95} ms over ${samples.length} queries`);

  // 6. Scrolling the tree in Chromium.
  const scroll = await measureScroll(session, quick ? 3000 : 8000);
  console.log(`scroll frames: p50 ${scroll.p50} ms, p95 ${scroll.p95} ms (${scroll.n} frames, ${scroll.rows} rows in the leaf)`);

  close();
  const header = reportHeader("catalog", quick, machine);
  const json = {
    ...header,
    cameras: tree.root.total,
    platform_seed_s: Number(seedS.toFixed(2)),
    initial_sync_s: Number(initialSyncS.toFixed(2)),
    apply_1k_changes_ms: Math.round(apply1kMs),
    apply_1k_changes_platform_side_ms: Math.round(platformApplyMs),
    search_ms: { p50: search.p50, p95: search.p95, max: search.max, n: search.n },
    search_queries: perQuery,
    rss_after_sync_mb: Number(rssAfterSyncMb.toFixed(1)),
    scroll_frame_ms: { p50: scroll.p50, p95: scroll.p95, max: scroll.max, n: scroll.n, leaf_rows: scroll.rows },
    targets: { initial_sync_s: 10, apply_1k_changes_ms: 1000, search_p95_ms: 30, scroll_p95_ms: 16.7 },
  };
  const md = `# Catalog at city scale

${machineLine(header)}

${mdTable(
    ["measure", "result", "target", "verdict"],
    [
      ["initial sync (login → online, all records stored and indexed)", `${json.initial_sync_s} s for ${json.cameras} cameras`, "≤ 10 s", verdict(json.initial_sync_s <= 10)],
      ["apply 1,000 pushed changes (platform write → findable in console search)", `${json.apply_1k_changes_ms} ms`, "≤ 1 s", verdict(json.apply_1k_changes_ms <= 1000)],
      ["search over the ConsoleApi, p50 / p95", `${search.p50} / ${search.p95} ms`, "p95 ≤ 30 ms", verdict(search.p95 !== null && search.p95 <= 30)],
      ["console main-process RSS after sync", `${json.rss_after_sync_mb} MB`, "–", "–"],
      ["scroll frame time in Chromium, p50 / p95", `${scroll.p50} / ${scroll.p95} ms`, "p95 ≤ 16.7 ms", verdict(scroll.p95 !== null ? scroll.p95 <= 16.7 : null)],
    ],
  )}

Search queries (each run ${ROUNDS}×; round trip over the web shell's WebSocket, results capped at 200):

${mdTable(["kind", "query", "matches", "p50 ms"], perQuery.map((r) => [r.kind, r.q, r.total, r.p50]))}

How it was measured: the reference platform (seeded in ${json.platform_seed_s} s) runs inside the bench process; the
console is \`node dist/main/web-main.cjs --platform <url>\` (a separate process, its RSS sampled with pidusage);
the bench logs in as the demo operator over the ConsoleApi and waits for \`platformStatus: online\`. The 1,000
changes are renames applied through the platform's own mutation path, which pushes them over SSE; the time ends
when a console search for the new name finds all of them (so it includes the console's 100 ms change coalescing).
Scrolling: Chromium (headless, \`--disable-gpu\`) scrolls the catalog's virtualized list by wheel steps while a
requestAnimationFrame loop records frame intervals.
`;
  for (const file of writeReport("catalog", json, md)) console.log(`wrote ${file}`);
  await platform.close();
} finally {
  await stopAll();
  rmSync(work, { recursive: true, force: true });
}
