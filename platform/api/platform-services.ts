// Runs in the platform API. What route handlers work with; wired by hand in platform-app.ts.
import type { AccessSweeper } from "../access/access-sweeper.js";
import type { ApplicationService } from "../access/application-service.js";
import type { GrantLimits } from "../access/grant-policy.js";
import type { GrantService } from "../access/grant-service.js";
import type { SessionService } from "../auth/session-service.js";
import type { CatalogRepo } from "../catalog/catalog-repo.js";
import type { EventHub } from "../events/event-hub.js";
import type { MediaPush } from "../media/media-push.js";
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
  /** Sessions opened with a ticket are cut at most this long after it was issued; the console renews before. */
  ticketLeaseMs: number;
  /** Working days a provider has to answer an application (Zunyi: 3). */
  answerDeadlineDays: number;
  /** Emergency grants: the longest grant per incident level, and the longest with all extensions (minutes). */
  grantLimits: GrantLimits;
  /** Departments a media grant (live coverage) may name. */
  mediaDepartmentIds: string[];
  /** How often grants and approvals past their end are recorded as ended and pushed (ms). */
  accessSweepMs: number;
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
  applications: ApplicationService;
  grants: GrantService;
  sweeper: AccessSweeper;
  /** Tells the media server about access that ended early, and about renewed tickets. */
  media: MediaPush;
  now: () => number;
}
