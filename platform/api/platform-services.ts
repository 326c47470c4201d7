// Runs in the platform API. What route handlers work with; wired by hand in platform-app.ts.
import type { SessionService } from "../auth/session-service.js";
import type { CatalogRepo } from "../catalog/catalog-repo.js";
import type { EventHub } from "../events/event-hub.js";
import type { PlatformStore } from "../store/platform-store.js";

export interface PlatformConfig {
  name: string;
  demo: boolean;
  /** http://host:port of the media server the play tickets point at. */
  mediaBaseUrl: string;
  mediaKey: Buffer;
  tokenKey: Buffer;
  accessTtlMs: number;
  refreshTtlMs: number;
  /** How long a play ticket's URLs open new sessions. */
  ticketTtlMs: number;
  /** Working days a provider has to answer an application (Zunyi: 3). */
  answerDeadlineDays: number;
  retainChanges: number;
  retainEvents: number;
  sseHeartbeatMs: number;
  /** Cameras whose media comes from an external RTMP/RTSP URL (stream proxies, 拉流代理): camera id → URL. */
  streamProxies: Record<string, string>;
}

export interface PlatformServices {
  config: PlatformConfig;
  store: PlatformStore;
  sessions: SessionService;
  catalog: CatalogRepo;
  events: EventHub;
  now: () => number;
}
