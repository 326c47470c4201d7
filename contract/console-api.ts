// Runs everywhere. The ConsoleApi: the one contract between renderer windows and the core in main.
// Both shells carry it (Electron IPC via preload, WebSocket in the web shell); the core validates every call here.
import { z } from "zod";
import { GbDeviceIdSchema } from "./camera.js";
import {
  CameraPageSchema,
  CameraViewSchema,
  CatalogTreeSchema,
  ListCamerasParamsSchema,
  SearchCamerasParamsSchema,
  CatalogFiltersSchema,
  SetFavoriteParamsSchema,
} from "./catalog-view.js";
import { AccessBasisSchema } from "./catalog-view.js";
import {
  ApplicationDecisionSchema,
  ApplicationListSchema,
  ApplicationRequestSchema,
  ApplicationSchema,
  DueDateSchema,
  GrantDecisionSchema,
  GrantExtendSchema,
  GrantListSchema,
  GrantPolicySchema,
  GrantRequestSchema,
  GrantReviewSchema,
  GrantRevokeSchema,
  GrantSchema,
  IncidentListSchema,
} from "./platform-api.js";
import { StreamStatsSchema } from "./relay-control.js";
import { LayoutRefSchema, SavedLayoutSchema, TileIndexSchema, TileRefSchema, WallIdSchema, WallStateSchema } from "./wall.js";
import { LayoutSchema } from "./wall-layout.js";

export const LocaleSchema = z.enum(["zh-CN", "en"]);
export type Locale = z.infer<typeof LocaleSchema>;

export const RelayStatusSchema = z.object({
  state: z.enum(["starting", "up", "restarting", "down"]),
  /** Restarts since the console started. */
  restarts: z.number().int().nonnegative(),
  /** Last failure, in English, for logs and the status bar tooltip. */
  lastError: z.string().nullable(),
});
export type RelayStatus = z.infer<typeof RelayStatusSchema>;

/** What the relay reports every second: one entry per stream (channel = "<cameraId>_<main|sub>"). */
export const RelayStatsSchema = z.object({ at: z.number().int(), streams: z.array(StreamStatsSchema) });
export type RelayStats = z.infer<typeof RelayStatsSchema>;

export const StreamTicketSchema = z.object({
  wall: WallIdSchema,
  tile: TileIndexSchema,
  cameraId: GbDeviceIdSchema,
  sessionId: z.string().min(1),
  /** ws://127.0.0.1:PORT/live/<channel>.flv?token=… */
  url: z.string().url(),
  /** Wall-clock ms when the relay cuts this viewer (the token deadline). */
  expiresAt: z.number().int(),
  /** Why this user may watch, and the application or grant behind it (the watermark shows a grant's id). */
  basis: AccessBasisSchema,
  refId: z.string().nullable(),
});
export type StreamTicket = z.infer<typeof StreamTicketSchema>;

export const RoleSchema = z.enum(["operator", "commander", "media", "approver", "auditor"]);

export const DemoAccountSchema = z.object({
  username: z.string(),
  password: z.string(),
  displayName: z.string(),
  department: z.string(),
  roles: z.array(RoleSchema),
});

export const SessionStateSchema = z.object({
  /** The platform this console works with, and whether it runs embedded (demo) inside the console. */
  platformUrl: z.string().nullable(),
  embedded: z.boolean(),
  user: z
    .object({
      username: z.string(),
      displayName: z.string(),
      departmentId: z.string(),
      department: z.string(),
      roles: z.array(RoleSchema),
    })
    .nullable(),
  /** Only from a demo platform: accounts the login screen shows. */
  demoAccounts: z.array(DemoAccountSchema),
});
export type SessionState = z.infer<typeof SessionStateSchema>;

export const PlatformStatusSchema = z.object({
  /**
   * online: synced and receiving pushes · syncing: pulling the catalog · degraded: platform unreachable, working
   * from the local copy · logged-out: no session.
   */
  state: z.enum(["online", "syncing", "degraded", "logged-out"]),
  /** Wall-clock ms of the last successful contact with the platform. */
  lastContactAt: z.number().int().nullable(),
  /** Next retry (ms since epoch) while degraded. */
  retryAt: z.number().int().nullable(),
  /** Cameras in the local catalog. */
  cameras: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
});
export type PlatformStatus = z.infer<typeof PlatformStatusSchema>;

export const BootstrapSchema = z.object({
  locale: LocaleSchema,
  shell: z.enum(["electron", "web"]),
  version: z.string(),
  /** Wall 1; a window showing another wall asks for it (getWall). */
  wall: WallStateSchema,
  /** The wall windows that exist. */
  walls: z.array(WallIdSchema).min(1),
  relay: RelayStatusSchema,
  session: SessionStateSchema,
  platform: PlatformStatusSchema,
});
export type Bootstrap = z.infer<typeof BootstrapSchema>;

/** Error codes a call can fail with; the renderer maps each to a localized message. */
export const ApiErrorCodeSchema = z.enum([
  "INVALID_REQUEST", // params failed the schema
  "UNKNOWN_METHOD",
  "UNKNOWN_CAMERA",
  "CAMERA_OFFLINE",
  "TILE_EMPTY",
  "TILE_OUT_OF_LAYOUT",
  "UNKNOWN_WALL", // no wall window with that number (the window opens wall 1 and says so)
  "INVALID_LAYOUT", // overlapping cells, holes, a grid beyond 8×8, not JSON: the message names the problem
  "UNKNOWN_LAYOUT",
  "RELAY_UNAVAILABLE",
  "MEDIA_MISSING", // the camera's media source cannot be found (e.g. a missing demo clip)
  "ACCESS_DENIED", // the user may not open this camera now (see its lock reason)
  "NOT_LOGGED_IN",
  "BAD_CREDENTIALS",
  "RATE_LIMITED",
  "PLATFORM_UNREACHABLE",
  "FORBIDDEN", // the user's roles do not allow this action (e.g. approving without the approver role)
  "SELF_APPROVAL", // deciding or reviewing what the user asked for: another approver must
  "CONFLICT", // the record changed meanwhile (already decided, no longer active): reload it
  "TEST_CLOCK_DISABLED", // the controllable clock exists only when the console runs in test mode
  "INTERNAL",
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;
export const ApiErrorSchema = z.object({ code: ApiErrorCodeSchema, message: z.string() });
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** A grant or application this user's department holds now, with its end on the console's access clock. */
export const ActiveAccessSchema = z.object({
  refId: z.string(),
  basis: z.enum(["APPLICATION", "GRANT", "MEDIA_GRANT"]),
  /** Console access-clock ms. */
  validUntil: z.number().int(),
  /** Incident title (grants) or reason (applications), when known; null offline before the first fetch. */
  title: z.string().nullable(),
});
export type ActiveAccess = z.infer<typeof ActiveAccessSchema>;

export const AccessStateSchema = z.object({
  /**
   * The console's access clock (wall-clock ms, advanced by a monotonic clock: setting the system clock back never
   * extends access). Count down from here with performance.now().
   */
  now: z.number().int(),
  /** The controllable clock of test mode is on (VIGIL_TEST_CLOCK=1). */
  testClock: z.boolean(),
  /** Time-limited access held now, soonest end first. */
  active: z.array(ActiveAccessSchema),
});
export type AccessState = z.infer<typeof AccessStateSchema>;

export const StreamEndReasonSchema = z.enum(["expired", "revoked", "access-lost"]);
export type StreamEndReason = z.infer<typeof StreamEndReasonSchema>;

/** One record of the local append-only audit log (hash-chained; see docs/operations.md). */
export const AuditRecordSchema = z.object({
  seq: z.number().int().positive(),
  id: z.string(),
  /** Console access-clock ms. */
  at: z.number().int(),
  action: z.string(),
  username: z.string().nullable(),
  departmentId: z.string().nullable(),
  terminalId: z.string(),
  cameraId: z.string().nullable(),
  basis: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  prevHash: z.string(),
  hash: z.string(),
  /** Accepted by the platform (false: still in the upload outbox). */
  uploaded: z.boolean(),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

export const AuditQuerySchema = z
  .object({
    cameraId: z.string().max(20).optional(),
    username: z.string().max(64).optional(),
    /** An action or its prefix: "stream" matches stream.open, stream.start, stream.stop… */
    action: z.string().max(64).optional(),
    from: z.number().int().optional(),
    to: z.number().int().optional(),
    offset: z.number().int().nonnegative().optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
export const AuditPageSchema = z.object({ items: z.array(AuditRecordSchema), total: z.number().int().nonnegative() });
export type AuditPage = z.infer<typeof AuditPageSchema>;

const CatalogFiltersParam = CatalogFiltersSchema.optional();

/** Every method: its params schema and result schema. Params are always one object (or none). */
export const consoleMethods = {
  getBootstrap: { params: z.object({}).strict(), result: BootstrapSchema },
  getSession: { params: z.object({}).strict(), result: SessionStateSchema },
  login: {
    params: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
    result: SessionStateSchema,
  },
  logout: { params: z.object({}).strict(), result: SessionStateSchema },
  getCatalogTree: { params: z.object({ filters: CatalogFiltersParam }).strict(), result: CatalogTreeSchema },
  /** The cameras of one region × domain leaf, ordered by name. */
  listCameras: { params: ListCamerasParamsSchema, result: CameraPageSchema },
  searchCameras: { params: SearchCamerasParamsSchema, result: CameraPageSchema },
  getCamera: { params: z.object({ cameraId: GbDeviceIdSchema }).strict(), result: CameraViewSchema },
  setFavorite: { params: SetFavoriteParamsSchema, result: CameraViewSchema },
  // ---- walls: windows 1..N, each with its own layout and tiles (wall defaults to 1) ----
  listWalls: { params: z.object({}).strict(), result: z.array(WallStateSchema) },
  getWall: { params: z.object({ wall: WallIdSchema.optional() }).strict(), result: WallStateSchema },
  /** A new wall window's state (the next free number, an empty 2×2). */
  addWall: { params: z.object({}).strict(), result: WallStateSchema },
  /** Removes a wall (never wall 1); its cameras go with it. Closing a window keeps its wall. */
  removeWall: { params: z.object({ wall: WallIdSchema }).strict(), result: z.object({ removed: z.boolean() }) },
  /** Cameras whose cell disappears are parked, never dropped. */
  setLayout: { params: z.object({ wall: WallIdSchema.optional(), layout: LayoutSchema, layoutRef: LayoutRefSchema.optional() }).strict(), result: WallStateSchema },
  assignTile: {
    params: z.object({ wall: WallIdSchema.optional(), tile: TileIndexSchema, cameraId: GbDeviceIdSchema }).strict(),
    result: WallStateSchema,
  },
  swapTiles: { params: z.object({ wall: WallIdSchema.optional(), a: TileIndexSchema, b: TileIndexSchema }).strict(), result: WallStateSchema },
  /** Sends a tile's camera to a tile of any wall (the target's camera comes back in exchange). */
  moveTile: { params: z.object({ from: TileRefSchema, to: TileRefSchema }).strict(), result: z.array(WallStateSchema) },
  clearTile: { params: z.object({ wall: WallIdSchema.optional(), tile: TileIndexSchema }).strict(), result: WallStateSchema },
  clearTiles: { params: z.object({ wall: WallIdSchema.optional(), tiles: z.array(TileIndexSchema).min(1).max(64) }).strict(), result: WallStateSchema },
  setMaximized: { params: z.object({ wall: WallIdSchema.optional(), tile: TileIndexSchema.nullable() }).strict(), result: WallStateSchema },
  /** Fills the empty tiles in order (a catalog folder dropped on the wall); what does not fit comes back. */
  fillTiles: {
    params: z.object({ wall: WallIdSchema.optional(), cameraIds: z.array(GbDeviceIdSchema).min(1).max(5000) }).strict(),
    result: z.object({ state: WallStateSchema, placed: z.number().int().nonnegative(), overflow: z.array(GbDeviceIdSchema) }),
  },
  /** Puts parked cameras into the empty tiles; `cameraId` dismisses one (or all, when null) instead. */
  unparkCameras: { params: z.object({ wall: WallIdSchema.optional() }).strict(), result: WallStateSchema },
  dismissParked: { params: z.object({ wall: WallIdSchema.optional(), cameraId: GbDeviceIdSchema.nullable() }).strict(), result: WallStateSchema },
  // ---- saved layouts (per user) ----
  listLayouts: { params: z.object({}).strict(), result: z.array(SavedLayoutSchema) },
  saveLayout: { params: z.object({ name: z.string().trim().min(1).max(64), layout: LayoutSchema }).strict(), result: SavedLayoutSchema },
  deleteLayout: { params: z.object({ id: SavedLayoutSchema.shape.id }).strict(), result: z.object({ deleted: z.boolean() }) },
  /** A layout shared as JSON (`{name, layout}`): saved, or INVALID_LAYOUT naming the problem. */
  importLayout: { params: z.object({ json: z.string().max(65536) }).strict(), result: SavedLayoutSchema },
  /**
   * Mints a relay ticket for the camera currently on the tile (and makes sure the relay has its source). The
   * program output (media live coverage) may show only media-use cameras or cameras under a media grant.
   */
  openStream: {
    params: z.object({ wall: WallIdSchema.optional(), tile: TileIndexSchema, output: z.enum(["wall", "program"]).optional() }).strict(),
    result: StreamTicketSchema,
  },
  /** Opens the program-output window for a tile (Electron); the web shell answers opened:false and the page opens it. */
  openProgramOutput: { params: z.object({ wall: WallIdSchema.optional(), tile: TileIndexSchema }).strict(), result: z.object({ opened: z.boolean() }) },
  /** Opens wall N's window on its display, or brings it forward (Electron); the web shell answers opened:false and the page opens it. */
  openWallWindow: { params: z.object({ wall: WallIdSchema }).strict(), result: z.object({ opened: z.boolean() }) },
  /** The tile stopped playing this session (tile changed, window closed); the relay may let the viewer go. */
  closeStream: { params: z.object({ sessionId: z.string().min(1) }).strict(), result: z.object({ closed: z.boolean() }) },
  setLocale: { params: z.object({ locale: LocaleSchema }).strict(), result: LocaleSchema },
  getRelayStats: { params: z.object({}).strict(), result: RelayStatsSchema },
  // ---- access: applications, emergency grants (the platform decides; these need it reachable) ----
  getAccessState: { params: z.object({}).strict(), result: AccessStateSchema },
  listApplications: { params: z.object({}).strict(), result: ApplicationListSchema },
  /** The answer due date an application submitted today would get. */
  previewDueDate: { params: z.object({}).strict(), result: DueDateSchema },
  submitApplication: { params: ApplicationRequestSchema, result: ApplicationSchema },
  decideApplication: { params: ApplicationDecisionSchema, result: ApplicationSchema },
  listIncidents: { params: z.object({}).strict(), result: IncidentListSchema },
  listGrants: { params: z.object({}).strict(), result: GrantListSchema },
  getGrantPolicy: { params: z.object({}).strict(), result: GrantPolicySchema },
  requestGrant: { params: GrantRequestSchema, result: GrantSchema },
  decideGrant: { params: GrantDecisionSchema, result: GrantSchema },
  extendGrant: { params: GrantExtendSchema, result: GrantSchema },
  revokeGrant: { params: GrantRevokeSchema, result: GrantSchema },
  /** Approver: the after-the-fact review of a break-glass grant. */
  reviewGrant: { params: GrantReviewSchema, result: GrantSchema },
  /** The local audit log (auditor and commander roles). */
  queryAudit: { params: AuditQuerySchema, result: AuditPageSchema },
  /**
   * Test hook: moves the access clock forward. Only test builds have it (dist/test/, see TEST_HOOK_METHODS), and only
   * with VIGIL_TEST_CLOCK=1 (otherwise TEST_CLOCK_DISABLED).
   */
  advanceTestClock: { params: z.object({ ms: z.number().int().min(0).max(7 * 24 * 3600_000) }).strict(), result: AccessStateSchema },
} as const;

export type ConsoleMethodName = keyof typeof consoleMethods;

/**
 * Methods only a test build implements (scripts/build.mjs compiles them into dist/test/ and leaves them out of every
 * bundle that ships); a production core answers them UNKNOWN_METHOD.
 */
export const TEST_HOOK_METHODS = ["advanceTestClock"] as const satisfies readonly ConsoleMethodName[];
export type TestHookMethodName = (typeof TEST_HOOK_METHODS)[number];
export type MethodParams<M extends ConsoleMethodName> = z.input<(typeof consoleMethods)[M]["params"]>;
export type MethodResult<M extends ConsoleMethodName> = z.infer<(typeof consoleMethods)[M]["result"]>;

/** Events main pushes to every window. */
export const consoleEvents = {
  wallChanged: WallStateSchema,
  /** A wall was added or removed: the numbers in use now. */
  wallsChanged: z.object({ walls: z.array(WallIdSchema) }),
  /** The user's saved layouts changed. */
  layoutsChanged: z.object({}),
  relayStatus: RelayStatusSchema,
  localeChanged: LocaleSchema,
  sessionChanged: SessionStateSchema,
  platformStatus: PlatformStatusSchema,
  /** The catalog, access or favorites changed: refetch the tree and what is shown. */
  catalogChanged: z.object({ revision: z.number().int().nonnegative() }),
  /** Every second while the relay has streams (and once when the last one goes). */
  relayStats: RelayStatsSchema,
  /** Time-limited access changed (new rules, a clock jump, an expiry). */
  accessState: AccessStateSchema,
  /** A grant ends in 10, 5 or 1 minute(s). */
  grantWarning: z.object({ refId: z.string(), minutesLeft: z.union([z.literal(10), z.literal(5), z.literal(1)]), validUntil: z.number().int() }),
  /** Main ended a stream session: the tile shows why (expired → 授权已到期) and does not reconnect. */
  streamEnded: z.object({ sessionId: z.string(), wall: WallIdSchema, tile: TileIndexSchema, cameraId: GbDeviceIdSchema, reason: StreamEndReasonSchema, refId: z.string().nullable() }),
  /** Applications or grants changed on the platform: refetch the lists shown. */
  accessRecordsChanged: z.object({ kind: z.enum(["application", "grant"]), id: z.string() }),
} as const;
export type ConsoleEventName = keyof typeof consoleEvents;
export type EventPayload<E extends ConsoleEventName> = z.infer<(typeof consoleEvents)[E]>;

/** What `window.vigil` implements in both shells. Calls reject with a ConsoleApiError. */
export type ConsoleApi = {
  [M in ConsoleMethodName]: (params: MethodParams<M>) => Promise<MethodResult<M>>;
} & {
  on<E extends ConsoleEventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Error thrown by ConsoleApi calls on the renderer side. */
export class ConsoleApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly detail: string,
  ) {
    // The code is repeated in the message because Electron's contextBridge forwards only an Error's message.
    super(`[${code}] ${detail}`);
    this.name = "ConsoleApiError";
  }
}

// ---- Wire format shared by the web shell's WebSocket and the Electron IPC channel ----

export const RpcRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().min(1),
  params: z.unknown(),
});
export type RpcRequest = z.infer<typeof RpcRequestSchema>;

/** The outcome of one call, as the core returns it. */
export type RpcOutcome = { ok: true; result: unknown } | { ok: false; error: ApiError };
export type RpcResponse = RpcOutcome & { id: number };

export type RpcEvent = { event: ConsoleEventName; payload: unknown };

/** Electron IPC channel names (preload ↔ main). */
export const IPC_CALL = "vigil:call";
export const IPC_EVENT = "vigil:event";
