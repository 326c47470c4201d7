// Runs everywhere (main, platform, tests). Central platform API v1: the JSON envelope, every request and response
// schema, and the route table both the reference platform and the console client are built from.
// docs/api/openapi.yaml is generated from this file (platform/openapi/build-openapi.ts).
import { z } from "zod";
import { SharingClassSchema, SourceDomainSchema } from "./camera.js";

export const API_BASE_PATH = "/api/v1";

// ── Envelope ────────────────────────────────────────────────────────────────────────────────────────────────

export const ApiErrorCodeSchema = z.enum([
  "BAD_REQUEST",
  "UNAUTHENTICATED",
  "TOKEN_INVALID",
  "TOKEN_EXPIRED",
  "TOKEN_REVOKED",
  "TERMINAL_MISMATCH",
  "BAD_CREDENTIALS",
  "FORBIDDEN",
  "NOT_FOUND",
  "CAMERA_OFFLINE",
  "CURSOR_EXPIRED",
  "RATE_LIMITED",
  "PAYLOAD_TOO_LARGE",
  "INTERNAL",
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

/** Why a play ticket was refused (403). Classified cameras are answered 404: their existence is not disclosed. */
export const RefusalReasonSchema = z.enum(["CONDITIONAL_NEEDS_APPLICATION", "NOT_SHARED", "MEDIA_USE_REQUIRED"]);
export type RefusalReason = z.infer<typeof RefusalReasonSchema>;

export const ApiErrorSchema = z
  .object({
    code: ApiErrorCodeSchema,
    message: z.string(),
    reason: RefusalReasonSchema.optional(),
    /** Seconds until a retry may succeed (429). */
    retryAfterS: z.number().int().nonnegative().optional(),
  })
  .meta({ id: "ApiError" });
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const ErrorEnvelopeSchema = z.object({ ok: z.literal(false), error: ApiErrorSchema }).meta({ id: "ErrorEnvelope" });
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

export const okEnvelope = <T extends z.ZodType>(data: T) => z.object({ ok: z.literal(true), data });
export type OkEnvelope<T> = { ok: true; data: T };

// ── Shared scalars ──────────────────────────────────────────────────────────────────────────────────────────

const IsoDateTime = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date();
export const GbIdSchema = z.string().regex(/^\d{20}$/, "a GB/T 28181 id has 20 digits").meta({ id: "GbId" });
/** GB/T 2260 civil code of a region node: 2, 4, 6 or 8 digits. */
export const CivilCodeSchema = z.string().regex(/^(\d{2}){1,4}$/, "a civil code has 2, 4, 6 or 8 digits");
export const RoleSchema = z
  .enum(["operator", "commander", "media", "approver", "auditor"])
  .meta({ id: "Role", description: "operator 值班员 · commander 指挥长 · media 媒体 · approver 审批 · auditor 审计" });
export type Role = z.infer<typeof RoleSchema>;
export const StreamProfileSchema = z.enum(["main", "sub"]);
export type StreamProfile = z.infer<typeof StreamProfileSchema>;
export const TerminalIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, "terminalId: 1-64 of [A-Za-z0-9._:-]");

// ── Auth ────────────────────────────────────────────────────────────────────────────────────────────────────

export const LoginRequestSchema = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256), terminalId: TerminalIdSchema })
  .meta({ id: "LoginRequest" });
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const RefreshRequestSchema = z
  .object({ refreshToken: z.string().min(1).max(512), terminalId: TerminalIdSchema })
  .meta({ id: "RefreshRequest" });
export type RefreshRequest = z.infer<typeof RefreshRequestSchema>;

export const DepartmentSchema = z.object({ id: z.string().min(1), name: z.string().min(1) }).meta({ id: "Department" });
export type Department = z.infer<typeof DepartmentSchema>;

export const MeSchema = z
  .object({
    user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
    department: DepartmentSchema,
    roles: z.array(RoleSchema).min(1),
    terminalId: TerminalIdSchema,
    sessionId: z.string(),
  })
  .meta({ id: "Me" });
export type Me = z.infer<typeof MeSchema>;

export const TokenPairSchema = z
  .object({
    tokenType: z.literal("Bearer"),
    accessToken: z.string(),
    accessExpiresAt: IsoDateTime,
    /** Rotated on every refresh; presenting an already rotated one revokes the session. Bound to terminalId. */
    refreshToken: z.string(),
    refreshExpiresAt: IsoDateTime,
    me: MeSchema,
  })
  .meta({ id: "TokenPair" });
export type TokenPair = z.infer<typeof TokenPairSchema>;

export const LogoutResultSchema = z.object({ revoked: z.boolean() }).meta({ id: "LogoutResult" });

export const PlatformInfoSchema = z
  .object({
    name: z.string(),
    apiVersion: z.literal("1"),
    serverTime: IsoDateTime,
    demo: z.boolean(),
    /** Only on a demo platform: what the login screen may show. */
    demoAccounts: z.array(
      z.object({ username: z.string(), password: z.string(), roles: z.array(RoleSchema), displayName: z.string(), department: z.string() }),
    ),
  })
  .meta({ id: "PlatformInfo" });
export type PlatformInfo = z.infer<typeof PlatformInfoSchema>;

// ── Catalog ─────────────────────────────────────────────────────────────────────────────────────────────────

/** A polygon over the picture, points normalized to 0..1 from the top-left corner. */
export const PrivacyMaskSchema = z
  .object({ points: z.array(z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)])).min(3).max(32) })
  .meta({ id: "PrivacyMask" });

export const CameraStatusSchema = z.enum(["ONLINE", "OFFLINE"]);
export type CameraStatus = z.infer<typeof CameraStatusSchema>;

export const PlatformCameraSchema = z
  .object({
    id: GbIdSchema,
    name: z.string().min(1).max(128),
    /** Civil code of the region the camera sits in (GB CivilCode). */
    civilCode: CivilCodeSchema,
    /** Province → city → county, each with its civil code. */
    regionPath: z.array(z.object({ code: CivilCodeSchema, name: z.string() })).min(1),
    address: z.string(),
    /** GB Parental: 1 when the node has children (never for a camera). */
    parental: z.union([z.literal(0), z.literal(1)]),
    /** GB ParentID (several allowed): region civil code and the domain's virtual organization. */
    parentIds: z.array(z.string().regex(/^\d{2,20}$/)).min(1),
    domain: SourceDomainSchema,
    ownerDepartment: DepartmentSchema,
    sharingClass: SharingClassSchema,
    /** GB Secrecy. 1 = classified: a platform never serves it to a sharing console (it is not the sharing class). */
    secrecy: z.union([z.literal(0), z.literal(1)]),
    /** GB PTZType: 1 dome, 2 half-dome, 3 fixed bullet, 4 remote bullet, 5 remote half-dome, 6/7 multi-lens. */
    ptzType: z.number().int().min(1).max(7),
    longitude: z.number().min(-180).max(180),
    latitude: z.number().min(-90).max(90),
    status: CameraStatusSchema,
    statusChangedAt: IsoDateTime,
    /** Media departments may use this camera for live coverage. */
    mediaUse: z.boolean(),
    privacyMasks: z.array(PrivacyMaskSchema).max(16),
    /** Stream profiles the camera offers. */
    profiles: z.array(StreamProfileSchema).min(1),
    /** Increases on every change of this record; apply a record only when its version is newer than yours. */
    version: z.number().int().positive(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: "PlatformCamera" });
export type PlatformCamera = z.infer<typeof PlatformCameraSchema>;

/** Opaque: hand it back as received. */
export const CursorSchema = z.string().min(1).max(256).meta({ id: "Cursor" });

export const SnapshotQuerySchema = z.object({
  pageSize: z.coerce.number().int().min(1).optional().describe("default 1000; larger values are capped at 5000"),
  pageToken: z.string().min(1).max(256).optional(),
});
export const SnapshotPageSchema = z
  .object({
    items: z.array(PlatformCameraSchema),
    /** The page size actually used (requests above the cap get the cap). */
    pageSize: z.number().int().positive(),
    /** Null on the last page. */
    nextPageToken: z.string().nullable(),
    /** The change cursor at the start of this snapshot: continue with /catalog/changes from here. */
    cursor: CursorSchema,
    /** Cameras in the snapshot (all pages). */
    total: z.number().int().nonnegative(),
  })
  .meta({ id: "SnapshotPage" });
export type SnapshotPage = z.infer<typeof SnapshotPageSchema>;

export const CatalogChangeSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("upsert"), camera: PlatformCameraSchema }),
    z.object({
      kind: z.literal("delete"),
      id: GbIdSchema,
      version: z.number().int().positive(),
      /** deleted: gone from the platform; withdrawn: no longer served to consoles (e.g. became classified). */
      reason: z.enum(["deleted", "withdrawn"]),
    }),
  ])
  .meta({ id: "CatalogChange" });
export type CatalogChange = z.infer<typeof CatalogChangeSchema>;

export const ChangesQuerySchema = z.object({
  cursor: CursorSchema,
  limit: z.coerce.number().int().min(1).optional().describe("default 1000; larger values are capped at 5000"),
});
export const ChangesPageSchema = z
  .object({
    /** At most one change per camera, its latest state, ordered by when it last changed. */
    changes: z.array(CatalogChangeSchema),
    nextCursor: CursorSchema,
    hasMore: z.boolean(),
  })
  .meta({ id: "ChangesPage" });
export type ChangesPage = z.infer<typeof ChangesPageSchema>;

// ── Entitlements ────────────────────────────────────────────────────────────────────────────────────────────

/** Why a user may view: the access model's bases (issue 5 adds APPLICATION and GRANT rules). */
export const AccessBasisSchema = z.enum(["OWN_DEPARTMENT", "UNCONDITIONAL", "APPLICATION", "GRANT", "MEDIA_GRANT"]).meta({ id: "AccessBasis" });
export type AccessBasis = z.infer<typeof AccessBasisSchema>;

export const EntitlementScopeSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("department"), departmentId: z.string() }),
    z.object({ kind: z.literal("sharing-class"), sharingClass: SharingClassSchema }),
    z.object({ kind: z.literal("cameras"), cameraIds: z.array(GbIdSchema).min(1) }),
    z.object({ kind: z.literal("region"), civilCode: CivilCodeSchema }),
    z.object({ kind: z.literal("domain"), domain: SourceDomainSchema }),
  ])
  .meta({ id: "EntitlementScope" });
export type EntitlementScope = z.infer<typeof EntitlementScopeSchema>;

export const EntitlementSchema = z
  .object({
    id: z.string(),
    basis: AccessBasisSchema,
    scope: EntitlementScopeSchema,
    validFrom: IsoDateTime.nullable(),
    /** Null: no end. Enforce it on your own clock; a stream opened under this rule ends here. */
    validUntil: IsoDateTime.nullable(),
    /** Only cameras flagged mediaUse match (media users without a media grant). */
    requiresMediaUse: z.boolean(),
    /** The application or grant behind the rule (null for standing rules). */
    refId: z.string().nullable(),
  })
  .meta({ id: "Entitlement" });
export type Entitlement = z.infer<typeof EntitlementSchema>;

export const EntitlementSetSchema = z
  .object({
    departmentId: z.string(),
    /** Increases whenever any rule of this department changes. */
    revision: z.number().int().nonnegative(),
    entitlements: z.array(EntitlementSchema),
    generatedAt: IsoDateTime,
  })
  .meta({ id: "EntitlementSet" });
export type EntitlementSet = z.infer<typeof EntitlementSetSchema>;

// ── Play tickets ────────────────────────────────────────────────────────────────────────────────────────────

export const PlayTicketRequestSchema = z.object({ cameraId: GbIdSchema, profile: StreamProfileSchema }).meta({ id: "PlayTicketRequest" });
export type PlayTicketRequest = z.infer<typeof PlayTicketRequestSchema>;

export const PlayTicketSchema = z
  .object({
    ticketId: z.string(),
    cameraId: GbIdSchema,
    profile: StreamProfileSchema,
    /**
     * Where the stream can be pulled. Media servers answer ZLMediaKit-style HTTP-FLV / WS-FLV
     * (http://host/{app}/{stream}.live.flv?token=…); a camera behind a stream proxy (拉流代理) may offer only its
     * RTMP or RTSP URL. At least one is present; consoles prefer HTTP-FLV, then WS-FLV, RTMP, RTSP.
     */
    urls: z
      .object({
        httpFlv: z.url().optional(),
        wsFlv: z.string().regex(/^wss?:\/\//).optional(),
        rtmp: z.string().regex(/^rtmps?:\/\//).optional(),
        rtsp: z.string().regex(/^rtsps?:\/\//).optional(),
      })
      .refine((u) => Object.values(u).some(Boolean), "a play ticket carries at least one URL"),
    /** The URLs open new sessions until then (reconnects included); fetch a new ticket after. */
    expiresAt: IsoDateTime,
    basis: AccessBasisSchema,
    /** The media server cuts the stream here; null when the basis has no end. */
    validUntil: IsoDateTime.nullable(),
  })
  .meta({ id: "PlayTicket" });
export type PlayTicket = z.infer<typeof PlayTicketSchema>;

// ── Audit ───────────────────────────────────────────────────────────────────────────────────────────────────

export const AuditEventSchema = z
  .object({
    /** Client-made UUID: uploading the same event twice stores it once. */
    id: z.uuid(),
    at: IsoDateTime,
    action: z.string().regex(/^[a-z][a-z0-9._-]{0,63}$/, "action: lowercase dotted name, e.g. stream.start"),
    terminalId: TerminalIdSchema,
    cameraId: GbIdSchema.optional(),
    basis: AccessBasisSchema.optional(),
    detail: z.record(z.string(), z.union([z.string().max(1024), z.number(), z.boolean(), z.null()])).optional(),
    /** The console's hash chain (issue 5), stored as sent. */
    prevHash: z.string().max(128).optional(),
    hash: z.string().max(128).optional(),
  })
  .meta({ id: "AuditEvent" });
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AUDIT_BATCH_MAX = 500;
export const AuditBatchSchema = z.object({ events: z.array(AuditEventSchema).min(1).max(AUDIT_BATCH_MAX) }).meta({ id: "AuditBatch" });
export const AuditBatchResultSchema = z
  .object({ stored: z.number().int().nonnegative(), duplicates: z.array(z.uuid()) })
  .meta({ id: "AuditBatchResult" });
export type AuditBatchResult = z.infer<typeof AuditBatchResultSchema>;

// ── Calendar ────────────────────────────────────────────────────────────────────────────────────────────────

export const WorkingDaysQuerySchema = z.object({ from: IsoDate, to: IsoDate });
export const CalendarDaySchema = z
  .object({
    date: IsoDate,
    working: z.boolean(),
    /** adjusted-workday: a weekend day worked in exchange for a holiday (调休). */
    kind: z.enum(["workday", "weekend", "holiday", "adjusted-workday"]),
    holiday: z.string().nullable(),
    /** Beyond the calendar data: Monday–Friday assumed; recompute when the State Council publishes the year. */
    provisional: z.boolean(),
  })
  .meta({ id: "CalendarDay" });
export const WorkingDaysSchema = z
  .object({ days: z.array(CalendarDaySchema), dataThrough: IsoDate, provisional: z.boolean() })
  .meta({ id: "WorkingDays" });
export type WorkingDays = z.infer<typeof WorkingDaysSchema>;

export const DueDateQuerySchema = z.object({
  from: IsoDate.describe("submission date; counting starts the day after"),
  workingDays: z.coerce.number().int().min(1).max(60).optional().describe("default: the platform's answer deadline (3)"),
});
export const DueDateSchema = z
  .object({ from: IsoDate, workingDays: z.number().int().positive(), due: IsoDate, provisional: z.boolean() })
  .meta({ id: "DueDate" });
export type DueDate = z.infer<typeof DueDateSchema>;

// ── Health ──────────────────────────────────────────────────────────────────────────────────────────────────

export const OnlineGroupSchema = z
  .object({ key: z.string(), name: z.string(), total: z.number().int(), online: z.number().int(), onlineRate: z.number().min(0).max(1) })
  .meta({ id: "OnlineGroup" });
export const HealthSummarySchema = z
  .object({
    generatedAt: IsoDateTime,
    total: z.number().int(),
    online: z.number().int(),
    onlineRate: z.number().min(0).max(1),
    byDepartment: z.array(OnlineGroupSchema),
    byDomain: z.array(OnlineGroupSchema),
    byRegion: z.array(OnlineGroupSchema),
  })
  .meta({ id: "HealthSummary" });
export type HealthSummary = z.infer<typeof HealthSummarySchema>;

// ── Push events (SSE) ───────────────────────────────────────────────────────────────────────────────────────

export const PlatformEventSchema = z
  .discriminatedUnion("type", [
    /** Catalog records changed; apply them (version-guarded). `cursor` is where /catalog/changes stands after them. */
    z.object({ type: z.literal("catalog"), cursor: CursorSchema, changes: z.array(CatalogChangeSchema) }),
    z.object({
      type: z.literal("camera-status"),
      cameraId: GbIdSchema,
      status: CameraStatusSchema,
      statusChangedAt: IsoDateTime,
      version: z.number().int().positive(),
      cursor: CursorSchema,
    }),
    /** The department's entitlements changed: fetch /entitlements. */
    z.object({ type: z.literal("entitlement"), departmentId: z.string(), revision: z.number().int() }),
    z.object({ type: z.literal("grant"), grantId: z.string(), status: z.enum(["requested", "active", "extended", "revoked", "expired", "rejected"]), validUntil: IsoDateTime.nullable() }),
    z.object({ type: z.literal("application"), applicationId: z.string(), status: z.enum(["submitted", "approved", "partially-approved", "rejected", "withdrawn"]), due: IsoDate.nullable() }),
    /** The event history you asked to resume from is gone: resync catalog and entitlements. */
    z.object({ type: z.literal("resync"), reason: z.string() }),
  ])
  .meta({ id: "PlatformEvent" });
export type PlatformEvent = z.infer<typeof PlatformEventSchema>;
export type PlatformEventType = PlatformEvent["type"];

export const EventsQuerySchema = z.object({
  lastEventId: z.string().regex(/^\d+$/).optional().describe("same as the Last-Event-ID header (for clients that cannot set headers)"),
});

// ── Route table ─────────────────────────────────────────────────────────────────────────────────────────────

export interface RouteSpec {
  method: "GET" | "POST";
  /** Under API_BASE_PATH. */
  path: string;
  summary: string;
  auth: boolean;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The `data` of a 200 answer; null for text/event-stream. */
  response: z.ZodType | null;
  /** Error statuses this route answers besides 400/500 (401 implied by auth). */
  errors: number[];
}

export const PLATFORM_ROUTES = {
  info: { method: "GET", path: "/info", summary: "Platform name, server time and (demo only) demo accounts", auth: false, response: PlatformInfoSchema, errors: [] },
  login: { method: "POST", path: "/auth/login", summary: "Log in from a terminal", auth: false, body: LoginRequestSchema, response: TokenPairSchema, errors: [401, 429] },
  refresh: { method: "POST", path: "/auth/refresh", summary: "Rotate the refresh token, get a new access token", auth: false, body: RefreshRequestSchema, response: TokenPairSchema, errors: [401] },
  logout: { method: "POST", path: "/auth/logout", summary: "Revoke this session (its access and refresh tokens)", auth: true, response: LogoutResultSchema, errors: [] },
  me: { method: "GET", path: "/me", summary: "The logged-in user, department and roles", auth: true, response: MeSchema, errors: [] },
  snapshot: { method: "GET", path: "/catalog/snapshot", summary: "The catalog, paged in a stable order (by id)", auth: true, query: SnapshotQuerySchema, response: SnapshotPageSchema, errors: [410] },
  changes: { method: "GET", path: "/catalog/changes", summary: "Changes after a cursor; 410 when the cursor is older than retained history", auth: true, query: ChangesQuerySchema, response: ChangesPageSchema, errors: [410] },
  entitlements: { method: "GET", path: "/entitlements", summary: "What this user's department may view, on which basis, until when", auth: true, response: EntitlementSetSchema, errors: [] },
  events: { method: "GET", path: "/events", summary: "Server-sent events (catalog, camera-status, entitlement, grant, application); resumes after Last-Event-ID", auth: true, query: EventsQuerySchema, response: null, errors: [] },
  playTicket: { method: "POST", path: "/play-tickets", summary: "A short-lived tokenized HTTP-FLV / WS-FLV URL for one camera", auth: true, body: PlayTicketRequestSchema, response: PlayTicketSchema, errors: [403, 404, 409] },
  audit: { method: "POST", path: "/audit/events", summary: "Upload audit events; idempotent by event id", auth: true, body: AuditBatchSchema, response: AuditBatchResultSchema, errors: [413] },
  workingDays: { method: "GET", path: "/calendar/working-days", summary: "Official working days (with 调休) between two dates, at most 366 days", auth: true, query: WorkingDaysQuerySchema, response: WorkingDaysSchema, errors: [] },
  dueDate: { method: "GET", path: "/calendar/due-date", summary: "The date N working days after a submission date", auth: true, query: DueDateQuerySchema, response: DueDateSchema, errors: [] },
  healthSummary: { method: "GET", path: "/health/summary", summary: "Online rate per department, domain and region", auth: true, response: HealthSummarySchema, errors: [] },
} as const satisfies Record<string, RouteSpec>;
export type PlatformRouteName = keyof typeof PLATFORM_ROUTES;

/** The `data` type a route answers with. */
export type RouteData<K extends PlatformRouteName> = (typeof PLATFORM_ROUTES)[K]["response"] extends z.ZodType
  ? z.infer<(typeof PLATFORM_ROUTES)[K]["response"]>
  : never;

export const PAGE_SIZE_DEFAULT = 1000;
export const PAGE_SIZE_MAX = 5000;
