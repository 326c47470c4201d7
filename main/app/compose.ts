// Runs in main. The composition root: every service wired by hand, in one place, for both shells.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { AccessClock } from "../access/access-clock.js";
import { GrantTimer } from "../access/grant-timer.js";
import { AUDIT_CHECKPOINT_INTERVAL_MS, AuditLog, type CheckpointReason } from "../audit/audit-log.js";
import { AuditUploader } from "../audit/audit-uploader.js";
import { CatalogIndex } from "../catalog/catalog-index.js";
import { CatalogStore } from "../catalog/catalog-store.js";
import { ConsoleCore, type AuditFields } from "../core/console-core.js";
import { createLogger, type Logger } from "../log/logger.js";
import { findFreePort } from "../media/free-port.js";
import type { RelayLauncher } from "../media/relay-process.js";
import { RelaySupervisor } from "../media/relay-supervisor.js";
import { StreamSessions } from "../media/stream-sessions.js";
import type { EmbeddedPlatformHandle, PlatformLauncher } from "../platform/platform-launcher.js";
import { PlatformLink } from "../platform/platform-link.js";
import { SessionVault } from "../platform/session-vault.js";
import { loadTerminalKey, TERMINAL_KEY_FILE } from "../platform/terminal-key.js";
import { Database } from "../store/database.js";
import { migrate } from "../store/migrations.js";
import { ensurePrivateDir, preparePrivateDatabase } from "../store/private-files.js";
import { chooseSecretBox, type SecretBox } from "../store/secret-box.js";
import { SettingsRepo } from "../store/settings-repo.js";
import type { TileRef, WallId } from "../../contract/wall.js";
import { LayoutRepo } from "../wall/layout-repo.js";
import { WallService } from "../wall/wall-service.js";

export type ComposeOptions = {
  shell: "electron" | "web";
  version: string;
  /** Where vigil.db lives (and the embedded platform's data, under platform/). */
  dataDir: string;
  /** The repository's (or packaged app's) resources/ folder. */
  resourcesDir: string;
  relayLauncher: RelayLauncher;
  /** The city's platform. Absent: the shell's platformLauncher starts the reference platform with demo data. */
  platformUrl?: string | null;
  /** Starts the reference platform (demo mode); injected by the shell, which knows how to start processes. */
  platformLauncher?: PlatformLauncher;
  /** Electron's safeStorage; null in the web shell (secrets are then sealed with <dataDir>/secret-box.key). */
  secretBox?: SecretBox | null;
  log?: Logger;
  /** Test hook: shorter platform retry backoff. */
  platformRetryBaseMs?: number;
  /** Test mode (test builds only): the access clock may be moved forward (advanceTestClock). Default: VIGIL_TEST_CLOCK=1. */
  testClock?: boolean;
  /** Electron: opens the program-output window for a tile; absent in the web shell (the page opens it). */
  openProgramWindow?: (tile: TileRef) => void;
  /** Electron: opens (or brings forward) a wall's window on its display; absent in the web shell (the page opens it). */
  openWallWindow?: (wall: WallId) => void;
};

export type ConsoleApp = {
  core: ConsoleCore;
  relay: RelaySupervisor;
  streams: StreamSessions;
  platform: PlatformLink;
  audit: AuditLog;
  clock: AccessClock;
  /** Key/value settings (the Electron shell keeps its wall windows' display placements there). */
  settings: SettingsRepo;
  /** Present when the reference platform runs embedded. */
  embedded: EmbeddedPlatformHandle | null;
  dispose(): Promise<void>;
};

const ZUNYI_ROOT = { code: "520300", name: "遵义市" };

/** One id per installation, sent at login: the platform binds refresh tokens to it. */
async function terminalId(settings: SettingsRepo): Promise<string> {
  const known = await settings.get("terminalId", z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/), "");
  if (known) return known;
  const host = hostname().replace(/[^A-Za-z0-9._-]/g, "").slice(0, 40) || "console";
  const id = `${host}-${randomBytes(6).toString("hex")}`;
  await settings.set("terminalId", id);
  return id;
}

/** The city platform's URL, or the shell's launcher of the embedded reference platform (demo mode). */
function platformSource(opts: ComposeOptions): { url: string } | { launcher: PlatformLauncher } {
  if (opts.platformUrl) return { url: opts.platformUrl };
  if (opts.platformLauncher) return { launcher: opts.platformLauncher };
  throw new Error("no platform configured: set the city platform's URL (--platform or VIGIL_PLATFORM_URL); demo mode needs the shell's embedded reference platform");
}

export async function composeConsole(opts: ComposeOptions): Promise<ConsoleApp> {
  const log = opts.log ?? createLogger("main");
  // Before anything is opened: with neither a URL nor a launcher there is nothing to talk to.
  const source = platformSource(opts);
  // Private to this user (issue 10): the folder 0700, vigil.db and its WAL/SHM 0600, the key files 0600.
  ensurePrivateDir(opts.dataDir);
  const dbFile = join(opts.dataDir, "vigil.db");
  preparePrivateDatabase(dbFile);
  const db = await Database.open(dbFile);
  // Deleted and overwritten rows (a replaced session) are zeroed where that costs no extra I/O.
  await db.exec("PRAGMA secure_delete = FAST");
  await migrate(db);
  const secrets = chooseSecretBox(opts.secretBox, join(opts.dataDir, "secret-box.key"));
  if (secrets.warning) log.warn(secrets.warning);
  const terminalKey = loadTerminalKey(join(opts.dataDir, TERMINAL_KEY_FILE), secrets.box);
  if (terminalKey.warning) log.warn(terminalKey.warning);

  const settings = new SettingsRepo(db);
  const wall = new WallService(db);
  await wall.load();

  let embedded: EmbeddedPlatformHandle | null = null;
  let platformUrl: string;
  if ("url" in source) platformUrl = source.url;
  else {
    embedded = await source.launcher.start({
      dataDir: join(opts.dataDir, "platform"),
      mediaRoot: join(opts.resourcesDir, "demo"),
      onLog: (line) => process.stderr.write(`${line}\n`),
    });
    platformUrl = embedded.apiUrl;
    log.info("no platform configured: running the reference platform embedded, with demo data", { api: embedded.apiUrl, media: embedded.mediaUrl });
  }

  // A fresh key per launch: relay tokens from an earlier run are worthless.
  const tokenKey = randomBytes(32);
  const relay = new RelaySupervisor({
    launcher: opts.relayLauncher,
    port: await findFreePort(),
    tokenKey,
    mediaRoot: join(opts.resourcesDir, "demo"),
    log: log.child("relay"),
  });

  // Test mode exists only in test builds (a build-time constant: shipped bundles contain no way to switch it on).
  const testClock = typeof __VIGIL_TEST_HOOKS__ !== "undefined" && __VIGIL_TEST_HOOKS__ && (opts.testClock ?? process.env.VIGIL_TEST_CLOCK === "1");
  const clock = new AccessClock({ testMode: testClock });
  if (clock.testMode) log.warn("test mode: the access clock can be moved forward (VIGIL_TEST_CLOCK=1)");
  const terminal = await terminalId(settings);
  // The audit log writes through its own connection: a record must never share (and be rolled back with) a
  // transaction of another flow on the main connection, e.g. a catalog page that fails halfway. WAL lets the two
  // connections take turns writing (busy_timeout covers the wait).
  const auditDb = await Database.open(dbFile);
  // Checkpoints signed with the terminal key anchor the chain (issue 10): every 100 records, every few minutes, at
  // start (what an unclean stop or an older Vigil left unsigned) and at a clean shutdown.
  const auditLog = log.child("audit");
  const audit = new AuditLog(auditDb, { terminalId: terminal, now: () => clock.now(), signer: terminalKey.key, onWarning: (m) => auditLog.warn(m) });
  const checkpoint = (reason: CheckpointReason) =>
    audit.checkpoint(reason).then(
      (taken) => taken,
      (err: unknown) => auditLog.warn(`no audit checkpoint (${reason}): ${err instanceof Error ? err.message : String(err)}`),
    );
  await checkpoint("start");
  const checkpointTimer = setInterval(() => void checkpoint("interval").then(() => uploader?.kick()), AUDIT_CHECKPOINT_INTERVAL_MS);
  checkpointTimer.unref();

  let core: ConsoleCore | null = null;
  let streams: StreamSessions | null = null;
  let timer: GrantTimer | null = null;
  let uploader: AuditUploader | null = null;
  const platform = new PlatformLink({
    platformUrl,
    embedded: embedded !== null,
    now: () => clock.now(),
    terminalId: terminal,
    terminalKey: terminalKey.key,
    settings,
    store: new CatalogStore(db),
    index: new CatalogIndex(ZUNYI_ROOT),
    vault: new SessionVault(settings, secrets.box, secrets.protection),
    log: log.child("platform"),
    ...(opts.platformRetryBaseMs ? { retryBaseMs: opts.platformRetryBaseMs } : {}),
    events: {
      session: (state) => core?.emit("sessionChanged", state),
      status: (status) => {
        core?.emit("platformStatus", status);
        // Back in touch: send what the outbox holds now rather than at the end of its backoff.
        if (status.state === "online") uploader?.retryNow();
      },
      catalogChanged: (revision) => core?.emit("catalogChanged", { revision }),
      accessChanged: (revoked) => {
        streams?.enforce(revoked);
        streams?.extend();
        timer?.check();
        core?.emitAccessState();
      },
      platformEvent: (event) => {
        if (event.type === "grant") core?.emit("accessRecordsChanged", { kind: "grant", id: event.grantId });
        if (event.type === "application") core?.emit("accessRecordsChanged", { kind: "application", id: event.applicationId });
      },
    },
  });
  await platform.init();
  await relay.start();

  /** Who did it: the logged-in user at the moment of the record. */
  const actor = () => ({ username: platform.user?.user.username ?? null, departmentId: platform.user?.department.id ?? null });
  const record = (action: string, fields: AuditFields = {}) =>
    void audit
      .append({ action, ...actor(), ...fields })
      .then(() => uploader?.kick())
      .catch((err: unknown) => log.error(`audit record ${action} failed`, { error: err instanceof Error ? err.message : String(err) }));

  streams = new StreamSessions({
    platform,
    relay,
    tokenKey,
    getWall: (id) => wall.get(id),
    now: () => clock.now(),
    log: log.child("streams"),
    events: {
      opened: (s) =>
        record("stream.start", {
          cameraId: s.cameraId,
          basis: s.basis,
          detail: { session: s.id, wall: s.wall, tile: s.tile, output: s.output, refId: s.refId, deadline: new Date(s.deadline).toISOString() },
        }),
      refused: (cameraId, tile, reason) => record("stream.refused", { cameraId, detail: { tile, reason } }),
      extended: (s, previous) =>
        record("stream.extend", {
          cameraId: s.cameraId,
          basis: s.basis,
          detail: { session: s.id, wall: s.wall, tile: s.tile, output: s.output, refId: s.refId, from: new Date(previous).toISOString(), deadline: new Date(s.deadline).toISOString() },
        }),
      ended: (s, reason) => {
        record("stream.stop", { cameraId: s.cameraId, basis: s.basis, detail: { session: s.id, wall: s.wall, tile: s.tile, output: s.output, refId: s.refId, reason: reason ?? "closed" } });
        if (reason) core?.emit("streamEnded", { sessionId: s.id, wall: s.wall, tile: s.tile, cameraId: s.cameraId, reason, refId: s.refId });
      },
    },
  });
  timer = new GrantTimer({
    clock,
    rules: () => platform.accessRules,
    events: {
      warn: (rule, minutesLeft) => core?.emit("grantWarning", { refId: rule.refId, minutesLeft, validUntil: rule.validUntil }),
      expired: (rule) => {
        record(rule.basis === "APPLICATION" ? "application.expire" : "grant.expire", { basis: rule.basis, detail: { refId: rule.refId, validUntil: new Date(rule.validUntil).toISOString() } });
        streams?.enforce();
        core?.emitAccessState();
      },
      tick: () => {
        streams?.enforce();
        streams?.renewTickets();
      },
    },
  });
  uploader = new AuditUploader({ log: audit, upload: (events) => platform.uploadAudit(events), logger: auditLog });

  core = new ConsoleCore({
    shell: opts.shell,
    version: opts.version,
    wall,
    layouts: new LayoutRepo(db),
    platform,
    relay,
    streams,
    settings,
    log,
    clock,
    audit,
    record,
    ...(opts.openProgramWindow ? { openProgramWindow: opts.openProgramWindow } : {}),
    ...(opts.openWallWindow ? { openWallWindow: opts.openWallWindow } : {}),
  });
  await core.init();
  timer.start();
  uploader.start();

  return {
    core,
    streams,
    relay,
    platform,
    audit,
    clock,
    settings,
    embedded,
    async dispose() {
      timer?.stop();
      clearInterval(checkpointTimer);
      await checkpoint("shutdown");
      await uploader?.stop();
      await platform.stop();
      await relay.stop();
      await embedded?.stop();
      await audit.flush();
      await auditDb.close();
      await db.close();
    },
  };
}
