// Runs in main. The composition root: every service wired by hand, in one place, for both shells.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { CatalogService, type CatalogSource } from "../catalog/catalog-service.js";
import { buildDemoCatalog } from "../catalog/demo-catalog.js";
import { ConsoleCore } from "../core/console-core.js";
import { createLogger, type Logger } from "../log/logger.js";
import { findFreePort } from "../media/free-port.js";
import { MediaLocator } from "../media/media-locator.js";
import type { RelayLauncher } from "../media/relay-process.js";
import { RelaySupervisor } from "../media/relay-supervisor.js";
import { StreamSessions } from "../media/stream-sessions.js";
import { Database } from "../store/database.js";
import { migrate } from "../store/migrations.js";
import { SettingsRepo } from "../store/settings-repo.js";
import { WallService } from "../wall/wall-service.js";

export type ComposeOptions = {
  shell: "electron" | "web";
  version: string;
  /** Where vigil.db lives. */
  dataDir: string;
  /** The repository's (or packaged app's) resources/ folder. */
  resourcesDir: string;
  relayLauncher: RelayLauncher;
  log?: Logger;
};

export type ConsoleApp = {
  core: ConsoleCore;
  relay: RelaySupervisor;
  dispose(): Promise<void>;
};

const demoCatalogSource: CatalogSource = { name: "embedded demo catalog", load: async () => buildDemoCatalog() };

export async function composeConsole(opts: ComposeOptions): Promise<ConsoleApp> {
  const log = opts.log ?? createLogger("main");
  mkdirSync(opts.dataDir, { recursive: true });
  const db = await Database.open(join(opts.dataDir, "vigil.db"));
  await migrate(db);

  const settings = new SettingsRepo(db);
  const wall = new WallService(db);
  await wall.load();
  const catalog = new CatalogService(db, demoCatalogSource, log.child("catalog"));
  await catalog.refresh();

  const media = new MediaLocator(join(opts.resourcesDir, "demo"));
  // A fresh key per launch: tokens from an earlier run are worthless.
  const tokenKey = randomBytes(32);
  const relay = new RelaySupervisor({
    launcher: opts.relayLauncher,
    port: await findFreePort(),
    tokenKey,
    mediaRoot: media.mediaRoot,
    log: log.child("relay"),
  });
  await relay.start();

  const streams = new StreamSessions({ catalog, media, relay, tokenKey, getWall: () => wall.current });
  const core = new ConsoleCore({ shell: opts.shell, version: opts.version, wall, catalog, relay, streams, settings, log });
  await core.init();

  return {
    core,
    relay,
    async dispose() {
      await relay.stop();
      await db.close();
    },
  };
}
