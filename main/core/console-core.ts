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
} from "../../contract/console-api.js";
import { LocaleSchema } from "../../contract/console-api.js";
import type { Logger } from "../log/logger.js";
import type { RelaySupervisor } from "../media/relay-supervisor.js";
import type { PlatformLink } from "../platform/platform-link.js";
import type { StreamSessions } from "../media/stream-sessions.js";
import type { SettingsRepo } from "../store/settings-repo.js";
import type { WallService } from "../wall/wall-service.js";
import { WallRuleError } from "../wall/wall-state.js";
import { CoreError } from "./core-error.js";


type Handlers = {
  [M in ConsoleMethodName]: (params: z.infer<(typeof consoleMethods)[M]["params"]>) => Promise<MethodResult<M>>;
};

export type ConsoleCoreDeps = {
  shell: "electron" | "web";
  version: string;
  wall: WallService;
  platform: PlatformLink;
  relay: RelaySupervisor;
  streams: StreamSessions;
  settings: SettingsRepo;
  log: Logger;
};

export class ConsoleCore {
  private readonly listeners = new Set<(event: RpcEvent) => void>();
  private readonly handlers: Handlers;
  private locale: Locale = "zh-CN";

  constructor(private readonly deps: ConsoleCoreDeps) {
    const { wall, platform, relay, streams, settings } = deps;
    this.handlers = {
      getBootstrap: async () => ({
        locale: this.locale,
        shell: deps.shell,
        version: deps.version,
        wall: wall.current,
        relay: relay.currentStatus,
        session: platform.session(),
        platform: platform.status,
      }),
      getSession: async () => platform.session(),
      login: ({ username, password }) => platform.login(username, password),
      logout: () => platform.logout(),
      getCatalogTree: async ({ filters }) => platform.tree(filters),
      listCameras: async ({ civilCode, domain, filters, offset, limit }) => platform.list(civilCode, domain, filters, offset, limit),
      searchCameras: async ({ query, filters, limit }) => platform.search(query, filters, limit),
      getCamera: async ({ cameraId }) => platform.view(cameraId),
      setFavorite: ({ cameraId, favorite }) => platform.setFavorite(cameraId, favorite),
      getWall: async () => wall.current,
      setLayout: ({ layout }) => wall.setLayout(layout),
      assignTile: ({ tile, cameraId }) => {
        platform.view(cameraId); // unknown camera → UNKNOWN_CAMERA, nothing changes
        return wall.assign(tile, cameraId);
      },
      swapTiles: ({ a, b }) => wall.swap(a, b),
      clearTile: ({ tile }) => wall.clear(tile),
      setMaximized: ({ tile }) => wall.maximize(tile),
      openStream: ({ tile }) => streams.open(tile),
      closeStream: async ({ sessionId }) => ({ closed: streams.close(sessionId) }),
      getRelayStats: async () => ({ at: Date.now(), streams: relay.stats }),
      setLocale: async ({ locale }) => {
        await settings.set("locale", locale);
        this.locale = locale;
        this.emit("localeChanged", locale);
        return locale;
      },
    };
    wall.onChange((state) => {
      streams.reconcile(state);
      this.emit("wallChanged", state);
    });
    relay.onStatus((status) => this.emit("relayStatus", status));
    relay.onStats((streams) => this.emit("relayStats", { at: Date.now(), streams }));
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
    const parsed = consoleMethods[name].params.safeParse(rawParams ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join(".") + ": " : "";
      this.deps.log.warn(`rejected ${name}: invalid params`, { issue: issue?.message });
      return { ok: false, error: { code: "INVALID_REQUEST", message: `${name}: ${where}${issue?.message ?? "invalid"}` } };
    }
    try {
      const handler = this.handlers[name] as (p: unknown) => Promise<unknown>;
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
