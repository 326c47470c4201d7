// Runs in the platform API. Composition root of the HTTP app: services wired by hand, routes bound from the contract.
import Fastify, { type FastifyInstance } from "fastify";
import { startAccessSweeper } from "../access/access-sweeper.js";
import { ApplicationService } from "../access/application-service.js";
import { DEFAULT_GRANT_LIMITS } from "../access/grant-policy.js";
import { GrantService } from "../access/grant-service.js";
import { DEFAULT_LOGIN_LIMITS, LoginLimiter } from "../auth/login-limiter.js";
import { SessionService } from "../auth/session-service.js";
import { CatalogRepo } from "../catalog/catalog-repo.js";
import { EventHub } from "../events/event-hub.js";
import { MediaPush } from "../media/media-push.js";
import type { PlatformStore } from "../store/platform-store.js";
import { applicationHandlers } from "./application-routes.js";
import { auditCalendarHandlers } from "./audit-calendar-routes.js";
import { authHandlers } from "./auth-routes.js";
import { catalogHandlers } from "./catalog-routes.js";
import { emergencyHandlers } from "./emergency-routes.js";
import { eventHandlers } from "./event-routes.js";
import { playTicketHandlers } from "./play-ticket-routes.js";
import type { PlatformConfig, PlatformServices } from "./platform-services.js";
import { bindRoutes, installErrorHandling } from "./route-binding.js";

export interface PlatformAppOptions {
  store: PlatformStore;
  config: PlatformConfig;
  now?: () => number;
  logger?: boolean;
  /** Called for every route fastify registers (the OpenAPI test compares them with the document). */
  onRoute?: (method: string, url: string) => void;
}

export type PlatformApp = { app: FastifyInstance; services: PlatformServices };

export async function createPlatformApp(options: PlatformAppOptions): Promise<PlatformApp> {
  const now = options.now ?? Date.now;
  const { store, config } = options;
  const limiter = new LoginLimiter({ ...DEFAULT_LOGIN_LIMITS, now });
  const events = new EventHub(store, { retainEvents: config.retainEvents, now });
  // Audit batches are the largest bodies: 500 events with details fit in 1 MiB.
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024, trustProxy: false });
  // A revocation matters until every ticket issued before it has expired (plus a margin for clock skew).
  const media = new MediaPush({
    baseUrl: config.mediaBaseUrl,
    key: config.mediaKey,
    memoryMs: Math.max(config.ticketTtlMs, config.ticketLeaseMs) + 60_000,
    now,
    onError: (message) => app.log.warn(message),
  });
  app.addHook("onClose", () => media.close());
  const applications = new ApplicationService(store, events, { answerDeadlineDays: config.answerDeadlineDays, now });
  const grants = new GrantService(store, events, {
    limits: config.grantLimits,
    mediaDepartmentIds: config.mediaDepartmentIds,
    answerDeadlineDays: config.answerDeadlineDays,
    now,
    cuts: media,
  });
  const sweeper = startAccessSweeper({
    steps: [() => grants.expireEnded(), () => applications.endExpired()],
    intervalMs: config.accessSweepMs,
    onError: (err) => app.log.error({ err }, "access sweeper"),
  });
  app.addHook("onClose", () => sweeper.stop());
  const services: PlatformServices = {
    config,
    store,
    now,
    sessions: new SessionService(store, limiter, {
      tokenKey: config.tokenKey,
      accessTtlMs: config.accessTtlMs,
      refreshTtlMs: config.refreshTtlMs,
      now,
      onRevoked: (sessionId, at) => media.revoke("session", sessionId, at),
    }),
    catalog: new CatalogRepo(store, { retainChanges: config.retainChanges, now }),
    events,
    applications,
    grants,
    sweeper,
    media,
  };
  if (options.onRoute) {
    const report = options.onRoute;
    app.addHook("onRoute", (route) => {
      for (const m of Array.isArray(route.method) ? route.method : [route.method]) if (m !== "HEAD") report(m, route.url);
    });
  }
  installErrorHandling(app);
  bindRoutes(app, services.sessions, {
    ...authHandlers(services),
    ...catalogHandlers(services),
    ...eventHandlers(services),
    ...playTicketHandlers(services),
    ...applicationHandlers(services),
    ...emergencyHandlers(services),
    ...auditCalendarHandlers(services),
  });
  try {
    await app.ready();
    // An earlier API process may have stopped before its last revocations reached the media server.
    await media.recall(store);
  } catch (err) {
    await sweeper.stop();
    media.close();
    throw err;
  }
  return { app, services };
}

export const DEFAULT_CONFIG: Omit<PlatformConfig, "mediaBaseUrl" | "mediaKey" | "tokenKey"> = {
  name: "遵义市公共视频资源平台（参考实现）",
  demo: true,
  accessTtlMs: 10 * 60_000,
  refreshTtlMs: 7 * 24 * 3600_000,
  ticketTtlMs: 5 * 60_000,
  ticketLeaseMs: 5 * 60_000,
  answerDeadlineDays: 3,
  grantLimits: DEFAULT_GRANT_LIMITS,
  mediaDepartmentIds: ["city-media"],
  accessSweepMs: 1000,
  retainChanges: 50_000,
  retainEvents: 10_000,
  sseHeartbeatMs: 15_000,
  streamProxies: {},
};
