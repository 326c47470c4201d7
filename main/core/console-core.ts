// Runs in main. The ConsoleApi implementation both shells carry: validates every call against the contract,
// runs it, maps failures to contract error codes, and fans events out to every connected window.
import { ZodError, type z } from "zod";
import {
  consoleMethods,
  type ApiError,
  type ConsoleEventName,
  type ConsoleMethodName,
  type EventPayload,
  type Locale,
  type MethodResult,
  type RpcEvent,
  type RpcOutcome,
  type TestHookMethodName,
} from "../../contract/console-api.js";
import { LocaleSchema, type AccessState } from "../../contract/console-api.js";
import type { AccessClock } from "../access/access-clock.js";
import { timedRules } from "../access/grant-timer.js";
import type { AuditLog } from "../audit/audit-log.js";
import type { Logger } from "../log/logger.js";
import type { RelaySupervisor } from "../media/relay-supervisor.js";
import type { PlatformLink } from "../platform/platform-link.js";
import type { StreamSessions } from "../media/stream-sessions.js";
import type { SettingsRepo } from "../store/settings-repo.js";
import type { TileRef, WallId } from "../../contract/wall.js";
import type { LayoutRepo } from "../wall/layout-repo.js";
import type { WallService } from "../wall/wall-service.js";
import { WallRuleError } from "../wall/wall-state.js";
import { CoreError } from "./core-error.js";
import { testHookHandlers, type TestHookHandlers } from "./test-hooks.js";


/** Every product method; the test hooks only in test builds. */
type Handlers = {
  [M in Exclude<ConsoleMethodName, TestHookMethodName>]: (params: z.infer<(typeof consoleMethods)[M]["params"]>) => Promise<MethodResult<M>>;
} & Partial<TestHookHandlers>;

export type ConsoleCoreDeps = {
  shell: "electron" | "web";
  version: string;
  wall: WallService;
  layouts: LayoutRepo;
  platform: PlatformLink;
  relay: RelaySupervisor;
  streams: StreamSessions;
  settings: SettingsRepo;
  log: Logger;
  clock: AccessClock;
  audit: AuditLog;
  /** Appends an audit record for the logged-in user, or the named one (never throws; failures are logged). */
  record: (action: string, fields?: AuditFields) => void;
  /** Electron only: opens the program-output window. */
  openProgramWindow?: (tile: TileRef) => void;
  /** Electron only: opens (or brings forward) a wall's window on its display. */
  openWallWindow?: (wall: WallId) => void;
};

export type AuditFields = {
  /** Who, when nobody is logged in yet (a refused login). */
  username?: string | null;
  cameraId?: string | null;
  basis?: string | null;
  detail?: Record<string, string | number | boolean | null>;
};

/** Roles that may read the local audit log. */
const AUDIT_READERS = new Set(["auditor", "commander"]);

export class ConsoleCore {
  private readonly listeners = new Set<(event: RpcEvent) => void>();
  private readonly handlers: Handlers;
  private locale: Locale = "zh-CN";

  constructor(private readonly deps: ConsoleCoreDeps) {
    const { wall, platform, relay, streams, settings, clock, record } = deps;
    const audited = async <T extends { id: string }>(action: string, run: () => Promise<T>, detail: (r: T) => Record<string, string | number | boolean | null>): Promise<T> => {
      const result = await run();
      record(action, { detail: { id: result.id, ...detail(result) } });
      return result;
    };
    this.handlers = {
      getBootstrap: async () => ({
        locale: this.locale,
        shell: deps.shell,
        version: deps.version,
        wall: wall.current,
        walls: wall.ids(),
        relay: relay.currentStatus,
        session: platform.session(),
        platform: platform.status,
      }),
      getSession: async () => platform.session(),
      login: async ({ username, password }) => {
        try {
          const session = await platform.login(username, password);
          record("auth.login", { detail: { roles: session.user?.roles.join(",") ?? "" } });
          this.emitAccessState();
          return session;
        } catch (err) {
          // The attempt is on record too (no password, of course).
          record("auth.login-failed", { username, detail: { code: err instanceof CoreError ? err.code : "INTERNAL" } });
          throw err;
        }
      },
      logout: async () => {
        for (const s of streams.list()) streams.close(s.id);
        record("auth.logout");
        const session = await platform.logout();
        this.emitAccessState();
        return session;
      },
      getCatalogTree: async ({ filters }) => platform.tree(filters),
      listCameras: async ({ civilCode, domain, filters, offset, limit }) => platform.list(civilCode, domain, filters, offset, limit),
      searchCameras: async ({ query, filters, limit }) => platform.search(query, filters, limit),
      getCamera: async ({ cameraId }) => platform.view(cameraId),
      setFavorite: ({ cameraId, favorite }) => platform.setFavorite(cameraId, favorite),
      listWalls: async () => wall.all(),
      getWall: async ({ wall: id }) => wall.get(id ?? 1),
      addWall: () => wall.addWall(),
      removeWall: async ({ wall: id }) => {
        const removed = await wall.removeWall(id);
        if (removed) streams.dropWall(id);
        return { removed };
      },
      setLayout: ({ wall: id, layout, layoutRef }) => wall.setLayout(id ?? 1, layout, layoutRef ?? null),
      assignTile: ({ wall: id, tile, cameraId }) => {
        platform.view(cameraId); // unknown camera → UNKNOWN_CAMERA, nothing changes
        return wall.assign(id ?? 1, tile, cameraId);
      },
      swapTiles: ({ wall: id, a, b }) => wall.swap(id ?? 1, a, b),
      moveTile: ({ from, to }) => wall.move(from, to),
      clearTile: ({ wall: id, tile }) => wall.clear(id ?? 1, tile),
      clearTiles: ({ wall: id, tiles }) => wall.clearMany(id ?? 1, tiles),
      setMaximized: ({ wall: id, tile }) => wall.maximize(id ?? 1, tile),
      fillTiles: ({ wall: id, cameraIds }) => {
        // Only cameras this console knows go on the wall; the rest comes back with the overflow.
        const known = cameraIds.filter((c) => platform.has(c));
        const unknown = cameraIds.filter((c) => !platform.has(c));
        return wall.fill(id ?? 1, known).then((r) => ({ ...r, overflow: [...r.overflow, ...unknown] }));
      },
      unparkCameras: ({ wall: id }) => wall.unpark(id ?? 1),
      dismissParked: ({ wall: id, cameraId }) => wall.dismissParked(id ?? 1, cameraId),
      listLayouts: async () => deps.layouts.list(this.username()),
      saveLayout: async ({ name, layout }) => {
        const saved = await deps.layouts.save(this.username(), name, layout, Date.now());
        this.emit("layoutsChanged", {});
        return saved;
      },
      deleteLayout: async ({ id }) => {
        const deleted = await deps.layouts.delete(this.username(), id);
        if (deleted) this.emit("layoutsChanged", {});
        return { deleted };
      },
      importLayout: async ({ json }) => {
        const saved = await deps.layouts.import(this.username(), json, Date.now());
        this.emit("layoutsChanged", {});
        return saved;
      },
      openStream: ({ wall: id, tile, output }) => streams.open(id ?? 1, tile, output ?? "wall"),
      openProgramOutput: async ({ wall: id, tile }) => {
        const wallId = id ?? 1;
        const cameraId = wall.get(wallId).tiles[tile];
        if (!cameraId) throw new CoreError("TILE_EMPTY", `tile ${tile} has no camera`);
        const access = platform.accessFor(cameraId, "program");
        if (!access.allowed) throw new CoreError("ACCESS_DENIED", `[${access.reason}] program output: camera ${cameraId} is not cleared for media use and no media grant covers it`);
        record("program.open", { cameraId, basis: access.basis, detail: { wall: wallId, tile } });
        if (!deps.openProgramWindow) return { opened: false };
        deps.openProgramWindow({ wall: wallId, tile });
        return { opened: true };
      },
      openWallWindow: async ({ wall: id }) => {
        wall.get(id); // a wall that is gone: UNKNOWN_WALL
        if (!deps.openWallWindow) return { opened: false };
        deps.openWallWindow(id);
        return { opened: true };
      },
      closeStream: async ({ sessionId }) => ({ closed: streams.close(sessionId) }),
      getRelayStats: async () => ({ at: Date.now(), streams: relay.stats }),
      getAccessState: async () => this.accessState(),
      listApplications: () => platform.listApplications(),
      previewDueDate: () => platform.previewDueDate(),
      submitApplication: (request) =>
        audited("application.submit", () => platform.submitApplication(request), (a) => ({ scope: a.scope.kind, due: a.due, validDays: a.validDays })),
      decideApplication: (decision) =>
        audited("application.decide", () => platform.decideApplication(decision), (a) => ({ status: a.status, validUntil: a.decision?.validUntil ?? null, reason: a.decision?.reason ?? null })),
      listIncidents: () => platform.listIncidents(),
      listGrants: async () => {
        const list = await platform.listGrants();
        this.emitAccessState();
        return list;
      },
      getGrantPolicy: () => platform.grantPolicy(),
      requestGrant: (request) =>
        audited("grant.request", () => platform.requestGrant(request), (g) => ({ kind: g.kind, status: g.status, minutes: g.minutes, incident: g.incidentTitle, validUntil: g.validUntil })),
      decideGrant: (decision) =>
        audited("grant.decide", () => platform.decideGrant(decision), (g) => ({ approve: decision.approve, status: g.status, validUntil: g.validUntil, reason: decision.reason ?? null })),
      extendGrant: (extend) =>
        audited("grant.extend", () => platform.extendGrant(extend), (g) => ({ minutes: extend.minutes, status: g.status, validUntil: g.validUntil, pending: g.extension !== null })),
      revokeGrant: (revoke) => audited("grant.revoke", () => platform.revokeGrant(revoke), (g) => ({ status: g.status, reason: revoke.reason })),
      reviewGrant: (review) => audited("grant.review", () => platform.reviewGrant(review), (g) => ({ kind: g.kind, status: g.status, note: review.note })),
      queryAudit: async (query) => {
        const me = platform.user;
        if (!me) throw new CoreError("NOT_LOGGED_IN", "log in first");
        if (!me.roles.some((r) => AUDIT_READERS.has(r))) throw new CoreError("FORBIDDEN", "only auditors and commanders may read the audit log");
        return deps.audit.query(query);
      },
      setLocale: async ({ locale }) => {
        await settings.set("locale", locale);
        this.locale = locale;
        this.emit("localeChanged", locale);
        return locale;
      },
      // A build-time constant, so production bundles drop this branch and test-hooks.ts with it.
      ...(typeof __VIGIL_TEST_HOOKS__ !== "undefined" && __VIGIL_TEST_HOOKS__
        ? testHookHandlers({ clock, accessState: () => this.accessState(), emitAccessState: () => this.emitAccessState() })
        : {}),
    };
    wall.onChange((state) => {
      streams.reconcile(state);
      this.emit("wallChanged", state);
    });
    wall.onWalls((walls) => this.emit("wallsChanged", { walls }));
    relay.onStatus((status) => this.emit("relayStatus", status));
    relay.onStats((streams) => this.emit("relayStats", { at: Date.now(), streams }));
  }

  /** Saved layouts belong to the logged-in user. */
  private username(): string {
    const me = this.deps.platform.user;
    if (!me) throw new CoreError("NOT_LOGGED_IN", "log in first: layouts are saved per user");
    return me.user.username;
  }

  /** Time-limited access held now, on the access clock. */
  accessState(): AccessState {
    const now = this.deps.clock.now();
    const active = timedRules(this.deps.platform.accessRules, now).flatMap((r) =>
      r.basis === "APPLICATION" || r.basis === "GRANT" || r.basis === "MEDIA_GRANT"
        ? [{ refId: r.refId, basis: r.basis, validUntil: r.validUntil, title: this.deps.platform.titleOf(r.refId) }]
        : [],
    );
    return { now, testClock: this.deps.clock.testMode, active };
  }

  emitAccessState(): void {
    this.emit("accessState", this.accessState());
  }

  async init(): Promise<void> {
    this.locale = await this.deps.settings.get("locale", LocaleSchema, "zh-CN");
  }

  /** Entry point for both shells. Never throws: every failure becomes an ApiError. */
  async call(method: string, rawParams: unknown): Promise<RpcOutcome> {
    if (!Object.hasOwn(consoleMethods, method)) {
      return { ok: false, error: { code: "UNKNOWN_METHOD", message: `unknown method: ${method}` } };
    }
    const name = method as ConsoleMethodName;
    const handler = this.handlers[name] as ((p: unknown) => Promise<unknown>) | undefined;
    if (!handler) return { ok: false, error: { code: "UNKNOWN_METHOD", message: `${name} is a test hook; this build has none` } };
    const parsed = consoleMethods[name].params.safeParse(rawParams ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join(".") + ": " : "";
      this.deps.log.warn(`rejected ${name}: invalid params`, { issue: issue?.message });
      return { ok: false, error: { code: "INVALID_REQUEST", message: `${name}: ${where}${issue?.message ?? "invalid"}` } };
    }
    try {
      return { ok: true, result: await handler(parsed.data) };
    } catch (err) {
      return { ok: false, error: this.toApiError(name, err) };
    }
  }

  onEvent(listener: (event: RpcEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Pushes an event to every window (also used by the composition root for platform events). */
  emit<E extends ConsoleEventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener({ event, payload });
  }

  private toApiError(method: string, err: unknown): ApiError {
    if (err instanceof CoreError || err instanceof WallRuleError) return { code: err.code, message: err.message };
    if (err instanceof ZodError) return { code: "INVALID_REQUEST", message: err.issues[0]?.message ?? "invalid" };
    this.deps.log.error(`${method} failed`, { error: err instanceof Error ? err.stack : String(err) });
    return { code: "INTERNAL", message: err instanceof Error ? err.message : String(err) };
  }
}
