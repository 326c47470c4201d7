// Runs in main. The composition root: every service wired by hand, in one place, for both shells.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { startEmbeddedPlatform, type EmbeddedPlatform } from "../../platform/embedded.js";
import { AccessClock } from "../access/access-clock.js";
import { GrantTimer } from "../access/grant-timer.js";
import { AuditLog } from "../audit/audit-log.js";
import { AuditUploader } from "../audit/audit-uploader.js";
import { CatalogIndex } from "../catalog/catalog-index.js";
import { CatalogStore } from "../catalog/catalog-store.js";
import { ConsoleCore, type AuditFields } from "../core/console-core.js";
import { createLogger, type Logger } from "../log/logger.js";
import { findFreePort } from "../media/free-port.js";
import type { RelayLauncher } from "../media/relay-process.js";
import { RelaySupervisor } from "../media/relay-supervisor.js";
import { StreamSessions } from "../media/stream-sessions.js";
import { PlatformLink } from "../platform/platform-link.js";
import { SessionVault, type SecretBox } from "../platform/session-vault.js";
import { Database } from "../store/database.js";
import { migrate } from "../store/migrations.js";
import { SettingsRepo } from "../store/settings-repo.js";
import { WallService } from "../wall/wall-service.js";

export type ComposeOptions = {
  shell: "electron" | "web";
  version: string;
  /** Where vigil.db lives (and the embedded platform's data, under platform/). */
  dataDir: string;
  /** The repository's (or packaged app's) resources/ folder. */
  resourcesDir: string;
  relayLauncher: RelayLauncher;
  /** The city's platform. Absent: the reference platform runs embedded with demo data. */
  platformUrl?: string | null;
  /** Where the embedded platform's bundles are (default: dist/platform beside the main bundle). */
  platformBundleDir?: string;
  /** Electron's safeStorage; null in the web shell. */
  secretBox?: SecretBox | null;
  log?: Logger;
  /** Test hook: shorter platform retry backoff. */
  platformRetryBaseMs?: number;
  /** Test mode: the access clock may be moved forward (advanceTestClock). Default: VIGIL_TEST_CLOCK=1. */
  testClock?: boolean;
  /** Electron: opens the program-output window for a tile; absent in the web shell (the page opens it). */
  openProgramWindow?: (tile: number) => void;
};

export type ConsoleApp = {
  core: ConsoleCore;
  relay: RelaySupervisor;
  streams: StreamSessions;
  platform: PlatformLink;
  audit: AuditLog;
  clock: AccessClock;
  /** Present when the reference platform runs embedded. */
  embedded: EmbeddedPlatform | null;
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

export async function composeConsole(opts: ComposeOptions): Promise<ConsoleApp> {
  const log = opts.log ?? createLogger("main");
  mkdirSync(opts.dataDir, { recursive: true });
  const db = await Database.open(join(opts.dataDir, "vigil.db"));
  await migrate(db);

  const settings = new SettingsRepo(db);
  const wall = new WallService(db);
  await wall.load();

  let embedded: EmbeddedPlatform | null = null;
  let platformUrl = opts.platformUrl ?? null;
  if (!platformUrl) {
    embedded = await startEmbeddedPlatform({
      dataDir: join(opts.dataDir, "platform"),
      mediaRoot: join(opts.resourcesDir, "demo"),
      ...(opts.platformBundleDir ? { bundleDir: opts.platformBundleDir } : {}),
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

  const clock = new AccessClock({ testMode: opts.testClock ?? process.env.VIGIL_TEST_CLOCK === "1" });
  if (clock.testMode) log.warn("test mode: the access clock can be moved forward (VIGIL_TEST_CLOCK=1)");
  const terminal = await terminalId(settings);
  // The audit log writes through its own connection: a record must never share (and be rolled back with) a
  // transaction of another flow on the main connection, e.g. a catalog page that fails halfway. WAL lets the two
  // connections take turns writing (busy_timeout covers the wait).
  const auditDb = await Database.open(join(opts.dataDir, "vigil.db"));
  const audit = new AuditLog(auditDb, { terminalId: terminal, now: () => clock.now() });

  let core: ConsoleCore | null = null;
  let streams: StreamSessions | null = null;
  let timer: GrantTimer | null = null;
  let uploader: AuditUploader | null = null;
  const platform = new PlatformLink({
    platformUrl,
    embedded: embedded !== null,
    now: () => clock.now(),
    terminalId: terminal,
    settings,
    store: new CatalogStore(db),
    index: new CatalogIndex(ZUNYI_ROOT),
    vault: new SessionVault(settings, opts.secretBox ?? null),
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
    getWall: () => wall.current,
    now: () => clock.now(),
    log: log.child("streams"),
    events: {
      opened: (s) =>
        record("stream.start", {
          cameraId: s.cameraId,
          basis: s.basis,
          detail: { session: s.id, tile: s.tile, output: s.output, refId: s.refId, deadline: new Date(s.deadline).toISOString() },
        }),
      refused: (cameraId, tile, reason) => record("stream.refused", { cameraId, detail: { tile, reason } }),
      extended: (s, previous) =>
        record("stream.extend", {
          cameraId: s.cameraId,
          basis: s.basis,
          detail: { session: s.id, tile: s.tile, output: s.output, refId: s.refId, from: new Date(previous).toISOString(), deadline: new Date(s.deadline).toISOString() },
        }),
      ended: (s, reason) => {
        record("stream.stop", { cameraId: s.cameraId, basis: s.basis, detail: { session: s.id, tile: s.tile, output: s.output, refId: s.refId, reason: reason ?? "closed" } });
        if (reason) core?.emit("streamEnded", { sessionId: s.id, tile: s.tile, cameraId: s.cameraId, reason, refId: s.refId });
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
  uploader = new AuditUploader({ log: audit, upload: (events) => platform.uploadAudit(events), logger: log.child("audit") });

  core = new ConsoleCore({
    shell: opts.shell,
    version: opts.version,
    wall,
    platform,
    relay,
    streams,
    settings,
    log,
    clock,
    audit,
    record,
    ...(opts.openProgramWindow ? { openProgramWindow: opts.openProgramWindow } : {}),
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
    embedded,
    async dispose() {
      timer?.stop();
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
