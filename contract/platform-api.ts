// Runs everywhere (main, platform, tests). Central platform API v1: the JSON envelope, every request and response
// schema, and the route table both the reference platform and the console client are built from.
// docs/api/openapi.yaml is generated from this file (platform/openapi/build-openapi.ts).
import { z } from "zod";
import { AccessBasisSchema as AccessBasisEnum, AccessPurposeSchema, AccessRefusalSchema } from "./access-evaluator.js";
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
  /** 403: the decider is the one who asked (an application's applicant, a grant's or an extension's requester). */
  "SELF_APPROVAL",
  "NOT_FOUND",
  "CAMERA_OFFLINE",
  "CURSOR_EXPIRED",
  "CONFLICT",
  "RATE_LIMITED",
  "PAYLOAD_TOO_LARGE",
  "INTERNAL",
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

/**
 * Why a play ticket was refused (403): the access evaluator's refusal codes (contract/access-evaluator.ts), the same
 * set the console's lock badges use. Classified cameras are answered 404: their existence is not disclosed.
 */
export const RefusalReasonSchema = AccessRefusalSchema.meta({ id: "RefusalReason" });
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
/** A console terminal's Ed25519 public key (contract/terminal-signature.ts), base64url of its 32 bytes. */
export const TerminalKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, "terminalKey: base64url of a 32-byte Ed25519 public key")
  .meta({ id: "TerminalKey" });
/** An Ed25519 signature by the terminal's key, base64url of its 64 bytes. */
export const TerminalSignatureSchema = z.string().regex(/^[A-Za-z0-9_-]{86}$/, "base64url of a 64-byte Ed25519 signature");

// ── Auth ────────────────────────────────────────────────────────────────────────────────────────────────────

export const LoginRequestSchema = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(256),
    terminalId: TerminalIdSchema,
    /**
     * The terminal's public key. The session's refresh token is then bound to it: every refresh must carry a proof
     * signed with the private key, which never leaves the terminal. Without it the session cannot be refreshed (log
     * in again when the access token expires). Also verifies the terminal's signed audit checkpoints.
     */
    terminalKey: TerminalKeySchema.optional().describe("the terminal's Ed25519 public key: refreshes of this session must be signed with its private key"),
  })
  .meta({ id: "LoginRequest" });
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const RefreshRequestSchema = z
  .object({
    refreshToken: z.string().min(1).max(512),
    terminalId: TerminalIdSchema,
    /**
     * Ed25519 signature by the terminal key registered at login over "vigil-refresh.v1\n<terminalId>\n<refreshToken>".
     * Required: a refresh without a valid proof is refused (401 TERMINAL_MISMATCH) and the session is revoked, since
     * its refresh token is then in someone else's hands.
     */
    proof: TerminalSignatureSchema.optional().describe(
      "Ed25519 signature by the terminal key over \"vigil-refresh.v1\\n<terminalId>\\n<refreshToken>\" (base64url); without a valid one the refresh is refused and the session revoked",
    ),
  })
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
    /** Rotated on every refresh; presenting an already rotated one revokes the session. Bound to the terminal key. */
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
export const AccessBasisSchema = AccessBasisEnum.meta({ id: "AccessBasis" });
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
    /**
     * Only cameras of these sharing classes match (null: any class). An approved application opens CONDITIONAL
     * cameras; a commander's break-glass grant UNCONDITIONAL and CONDITIONAL; a special authorization all three.
     */
    classes: z.array(SharingClassSchema).min(1).nullable(),
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

// ── Applications (有条件共享: apply, the provider answers within N working days) ──────────────────────────────

/** What an application or a grant covers: cameras picked in the catalog, a region (civil code) or a source domain. */
export const AccessScopeSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("cameras"), cameraIds: z.array(GbIdSchema).min(1).max(500) }),
    z.object({ kind: z.literal("region"), civilCode: CivilCodeSchema }),
    z.object({ kind: z.literal("domain"), domain: SourceDomainSchema }),
  ])
  .meta({ id: "AccessScope" });
export type AccessScope = z.infer<typeof AccessScopeSchema>;

const FormText = (min: number, max: number) => z.string().trim().min(min).max(max);

export const ApplicationRequestSchema = z
  .object({
    /** 申请部门名称 (defaults on the form to the user's department; may name a sub-unit). */
    applicantDepartment: FormText(2, 64),
    /** 联系方式: contact person and phone. */
    contact: FormText(5, 64),
    /** 申请理由 */
    reason: FormText(4, 1000),
    /** 视频类型和内容: the cameras, region or domain asked for. */
    scope: AccessScopeSchema,
    /** 用途 */
    purpose: FormText(2, 500),
    /** 使用范围 */
    useScope: FormText(2, 500),
    /** 安全管理措施 */
    securityMeasures: FormText(2, 500),
    /** Requested validity in days, counted from approval. */
    validDays: z.number().int().min(1).max(365),
  })
  .meta({ id: "ApplicationRequest" });
export type ApplicationRequest = z.infer<typeof ApplicationRequestSchema>;

export const ApplicationStatusSchema = z.enum(["submitted", "approved", "partially-approved", "rejected", "withdrawn"]);
export type ApplicationStatus = z.infer<typeof ApplicationStatusSchema>;

export const ApplicationSchema = ApplicationRequestSchema.extend({
  id: z.string(),
  status: ApplicationStatusSchema,
  departmentId: z.string(),
  departmentName: z.string(),
  applicant: z.object({ userId: z.string(), displayName: z.string() }),
  submittedAt: IsoDateTime,
  /** Answer due: N working days after submission (official calendar with 调休). */
  due: IsoDate,
  /** The due date reaches past the calendar's data (Monday–Friday assumed): recomputed when the year is published. */
  dueProvisional: z.boolean(),
  /** Still unanswered after the due date (as of the answer's generation). */
  overdue: z.boolean(),
  decision: z
    .object({
      by: z.string(),
      at: IsoDateTime,
      /** What was approved (a subset of the cameras asked for when partially approved); null when rejected. */
      approvedScope: AccessScopeSchema.nullable(),
      validUntil: IsoDateTime.nullable(),
      /** Required when rejecting. */
      reason: z.string().nullable(),
    })
    .nullable(),
}).meta({ id: "Application" });
export type Application = z.infer<typeof ApplicationSchema>;

export const ApplicationListSchema = z.object({ items: z.array(ApplicationSchema) }).meta({ id: "ApplicationList" });

export const ApplicationDecisionSchema = z
  .discriminatedUnion("outcome", [
    z.object({
      applicationId: z.string().min(1),
      outcome: z.literal("approve"),
      /** Approve only these cameras (a subset of a camera scope): the application becomes partially-approved. */
      cameraIds: z.array(GbIdSchema).min(1).max(500).optional(),
      /** At most the requested validity. */
      validDays: z.number().int().min(1).max(365),
    }),
    z.object({ applicationId: z.string().min(1), outcome: z.literal("reject"), reason: FormText(2, 500) }),
  ])
  .meta({ id: "ApplicationDecision" });
export type ApplicationDecision = z.infer<typeof ApplicationDecisionSchema>;

// ── Emergencies: incidents and time-limited grants (特别授权、限时共享) ──────────────────────────────────────────

export const IncidentTypeSchema = z.enum(["flood", "fire", "geological", "traffic", "public-security", "other"]);
export type IncidentType = z.infer<typeof IncidentTypeSchema>;
export const IncidentLevelSchema = z.enum(["I", "II", "III", "IV"]).meta({ description: "I 特别重大 · II 重大 · III 较大 · IV 一般" });
export type IncidentLevel = z.infer<typeof IncidentLevelSchema>;

export const IncidentRequestSchema = z
  .object({ title: FormText(2, 100), type: IncidentTypeSchema, level: IncidentLevelSchema, civilCode: CivilCodeSchema })
  .meta({ id: "IncidentRequest" });
export type IncidentRequest = z.infer<typeof IncidentRequestSchema>;

export const IncidentSchema = IncidentRequestSchema.extend({
  id: z.string(),
  regionName: z.string(),
  declaredBy: z.string(),
  declaredAt: IsoDateTime,
}).meta({ id: "Incident" });
export type Incident = z.infer<typeof IncidentSchema>;
export const IncidentListSchema = z.object({ items: z.array(IncidentSchema) }).meta({ id: "IncidentList" });

export const GrantStatusSchema = z.enum(["requested", "active", "revoked", "expired", "rejected"]);
export type GrantStatus = z.infer<typeof GrantStatusSchema>;

export const GrantRequestSchema = z
  .object({
    /** An open incident, or a new one to declare with the grant (exactly one of the two). */
    incidentId: z.string().min(1).optional(),
    incident: IncidentRequestSchema.optional(),
    scope: AccessScopeSchema,
    /** Duration; at most the policy cap for the incident's level. Counted from activation (approval for special). */
    minutes: z.number().int().min(1).max(24 * 60),
    reason: FormText(2, 500),
    /** A media grant (live coverage) for the named media department instead of the requester's own. */
    mediaDepartmentId: z.string().min(1).optional(),
  })
  .refine((g) => (g.incidentId === undefined) !== (g.incident === undefined), { message: "give either incidentId or incident", path: ["incidentId"] })
  .meta({ id: "GrantRequest", description: "Exactly one of incidentId (an open incident) and incident (declared with this grant)." });
export type GrantRequest = z.infer<typeof GrantRequestSchema>;

export const GrantSchema = z
  .object({
    id: z.string(),
    incidentId: z.string(),
    incidentTitle: z.string(),
    /** break-glass: a commander's immediate grant over UNCONDITIONAL/CONDITIONAL cameras, reviewed afterwards.
     *  special: the scope holds NOT_SHARED cameras; the city coordinator (approver) must approve first. */
    kind: z.enum(["break-glass", "special"]),
    basis: z.enum(["GRANT", "MEDIA_GRANT"]),
    status: GrantStatusSchema,
    /** The department the grant opens cameras for. */
    departmentId: z.string(),
    departmentName: z.string(),
    requestedBy: z.string(),
    requestedAt: IsoDateTime,
    scope: AccessScopeSchema,
    reason: z.string(),
    minutes: z.number().int().positive(),
    validFrom: IsoDateTime.nullable(),
    validUntil: IsoDateTime.nullable(),
    decidedBy: z.string().nullable(),
    /** A pending extension request (special grants wait for the approver; break-glass extends at once). */
    extension: z.object({ minutes: z.number().int().positive(), reason: z.string(), requestedAt: IsoDateTime }).nullable(),
    extensions: z.number().int().nonnegative(),
    /** Why it ended early (revoke) or was refused. */
    endReason: z.string().nullable(),
    endedBy: z.string().nullable(),
    /**
     * Break-glass grants are reviewed afterwards by the city coordinator (approver): null until then. Special
     * authorizations were approved beforehand and carry null.
     */
    review: z.object({ by: z.string(), at: IsoDateTime, note: z.string() }).nullable(),
  })
  .meta({ id: "Grant" });
export type Grant = z.infer<typeof GrantSchema>;
export const GrantListSchema = z.object({ items: z.array(GrantSchema) }).meta({ id: "GrantList" });

export const GrantDecisionSchema = z
  .object({ grantId: z.string().min(1), approve: z.boolean(), reason: FormText(2, 500).optional() })
  .refine((d) => d.approve || d.reason !== undefined, { message: "a refusal states its reason", path: ["reason"] })
  .meta({ id: "GrantDecision", description: "Decides what is pending on the grant: the special authorization itself, or an extension. A refusal states its reason." });
export type GrantDecision = z.infer<typeof GrantDecisionSchema>;
export const GrantExtendSchema = z
  .object({ grantId: z.string().min(1), minutes: z.number().int().min(1).max(24 * 60), reason: FormText(2, 500) })
  .meta({ id: "GrantExtend" });
export type GrantExtend = z.infer<typeof GrantExtendSchema>;
export const GrantReviewSchema = z.object({ grantId: z.string().min(1), note: FormText(2, 500) }).meta({ id: "GrantReview" });
export type GrantReview = z.infer<typeof GrantReviewSchema>;
export const GrantRevokeSchema = z.object({ grantId: z.string().min(1), reason: FormText(2, 500) }).meta({ id: "GrantRevoke" });
export type GrantRevoke = z.infer<typeof GrantRevokeSchema>;

export const GrantPolicySchema = z
  .object({
    /** Longest single grant per incident level, minutes. */
    capMinutes: z.record(IncidentLevelSchema, z.number().int().positive()),
    /** Longest total validity of one grant with its extensions, minutes. */
    maxTotalMinutes: z.number().int().positive(),
    /** Working days a provider has to answer an application. */
    answerDeadlineDays: z.number().int().positive(),
    /** Media departments a media grant may name. */
    mediaDepartments: z.array(DepartmentSchema),
  })
  .meta({ id: "GrantPolicy" });
export type GrantPolicy = z.infer<typeof GrantPolicySchema>;

// ── Play tickets ────────────────────────────────────────────────────────────────────────────────────────────

export const PlayTicketRequestSchema = z
  .object({
    cameraId: GbIdSchema,
    profile: StreamProfileSchema,
    /** `live` (default): a wall tile. `program`: the media program output — a media-use camera or a media grant. */
    purpose: AccessPurposeSchema.meta({ id: "AccessPurpose" }).optional(),
  })
  .meta({ id: "PlayTicketRequest" });
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
    /** The end of the rule the ticket was decided on; null when the basis has no end. */
    validUntil: IsoDateTime.nullable(),
    /**
     * The media server cuts sessions opened with these URLs here: `validUntil`, or the ticket's lease end (a few
     * minutes after issue) when sooner. Fetch a new ticket before then to play on: its lease carries the running
     * session on. Revoking a grant, an application or the session cuts it earlier.
     */
    leaseUntil: IsoDateTime,
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
    /** The event's place in its terminal's hash chain (1, 2, …), so an auditor can compare chains. */
    seq: z.number().int().positive().optional(),
    /** The console's hash chain (issue 5), stored as sent. */
    prevHash: z.string().max(128).optional(),
    hash: z.string().max(128).optional(),
  })
  .meta({ id: "AuditEvent" });
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/**
 * An event with this action is a checkpoint: the terminal's signed statement of its chain so far (issue 10). Taken
 * every AUDIT_CHECKPOINT_EVERY records, every few minutes and at a clean shutdown; uploaded like any event. The
 * platform verifies the signature with the terminal key of the uploading session and keeps the checkpoint, so a
 * chain rewritten or cut short on the console disagrees with what the platform holds.
 */
export const AUDIT_CHECKPOINT_ACTION = "audit.checkpoint";
/** A console checkpoints at least this often (records); a longer unsigned tail is itself a finding. */
export const AUDIT_CHECKPOINT_EVERY = 100;
export const AuditCheckpointDetailSchema = z
  .object({
    /** The last record covered (the one just before the checkpoint), and its hash. */
    seq: z.number().int().nonnegative(),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    /** Records covered (1..seq). */
    count: z.number().int().nonnegative(),
    /** When the console signed, ms since epoch on its access clock. */
    signedAt: z.number().int(),
    /** The signing terminal key and its signature over contract/terminal-signature.ts checkpointMessage(). */
    key: TerminalKeySchema,
    sig: TerminalSignatureSchema,
  })
  .meta({ id: "AuditCheckpointDetail" });
export type AuditCheckpointDetail = z.infer<typeof AuditCheckpointDetailSchema>;

export const AUDIT_BATCH_MAX = 500;
export const AuditBatchSchema = z.object({ events: z.array(AuditEventSchema).min(1).max(AUDIT_BATCH_MAX) }).meta({ id: "AuditBatch" });
export const AuditBatchResultSchema = z
  .object({
    stored: z.number().int().nonnegative(),
    duplicates: z.array(z.uuid()),
    /**
     * Present when the batch held checkpoints: the platform's acknowledgement of each. verified: its signature matches
     * the terminal key this session registered at login.
     */
    checkpoints: z.array(z.object({ id: z.uuid(), seq: z.number().int().nonnegative(), verified: z.boolean() })).optional(),
  })
  .meta({ id: "AuditBatchResult" });
export type AuditBatchResult = z.infer<typeof AuditBatchResultSchema>;

export const AuditChainQuerySchema = z.object({
  terminalId: TerminalIdSchema,
  afterSeq: z.coerce.number().int().min(0).optional().describe("events with a larger seq (default 0: from the start)"),
  limit: z.coerce.number().int().min(1).optional().describe("default 1000; larger values are capped at 5000"),
});
export const AuditCheckpointSchema = AuditCheckpointDetailSchema.extend({
  /** The checkpoint event's id and its own seq in the chain. */
  id: z.uuid(),
  eventSeq: z.number().int().positive(),
  /** The signature matched the terminal key registered by the uploading session. */
  verified: z.boolean(),
  receivedAt: IsoDateTime,
}).meta({ id: "AuditCheckpoint" });
export type AuditCheckpoint = z.infer<typeof AuditCheckpointSchema>;
export const AuditChainPageSchema = z
  .object({
    terminalId: z.string(),
    /** The platform's copy of the terminal's chain, by seq (events uploaded without a seq are not listed). */
    events: z.array(AuditEventSchema),
    /** The checkpoints among these events, with the platform's verdict on each signature. */
    checkpoints: z.array(AuditCheckpointSchema),
    /** Pass as afterSeq for the next page; null on the last page. */
    nextAfterSeq: z.number().int().nullable(),
    /** Highest seq the platform holds for the terminal, and its latest verified checkpoint (null: none). */
    lastSeq: z.number().int().nonnegative(),
    latestCheckpoint: AuditCheckpointSchema.nullable(),
  })
  .meta({ id: "AuditChainPage" });
export type AuditChainPage = z.infer<typeof AuditChainPageSchema>;

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
  logout: { method: "POST", path: "/auth/logout", summary: "Revoke this session (its access and refresh tokens; the media server cuts its streams)", auth: true, response: LogoutResultSchema, errors: [] },
  me: { method: "GET", path: "/me", summary: "The logged-in user, department and roles", auth: true, response: MeSchema, errors: [] },
  snapshot: { method: "GET", path: "/catalog/snapshot", summary: "The catalog, paged in a stable order (by id)", auth: true, query: SnapshotQuerySchema, response: SnapshotPageSchema, errors: [410] },
  changes: { method: "GET", path: "/catalog/changes", summary: "Changes after a cursor; 410 when the cursor is older than retained history", auth: true, query: ChangesQuerySchema, response: ChangesPageSchema, errors: [410] },
  entitlements: { method: "GET", path: "/entitlements", summary: "What this user's department may view, on which basis, until when", auth: true, response: EntitlementSetSchema, errors: [] },
  events: { method: "GET", path: "/events", summary: "Server-sent events (catalog, camera-status, entitlement, grant, application); resumes after Last-Event-ID", auth: true, query: EventsQuerySchema, response: null, errors: [] },
  playTicket: { method: "POST", path: "/play-tickets", summary: "A short-lived tokenized HTTP-FLV / WS-FLV URL for one camera; its sessions end at leaseUntil unless renewed", auth: true, body: PlayTicketRequestSchema, response: PlayTicketSchema, errors: [403, 404, 409] },
  applications: { method: "GET", path: "/applications", summary: "Applications of your department (approvers: all)", auth: true, response: ApplicationListSchema, errors: [] },
  submitApplication: { method: "POST", path: "/applications", summary: "Apply for conditionally shared video; the answer is due in N working days", auth: true, body: ApplicationRequestSchema, response: ApplicationSchema, errors: [403] },
  decideApplication: { method: "POST", path: "/applications/decision", summary: "Approver (not the applicant): approve all or part (with validity) or reject (with reason)", auth: true, body: ApplicationDecisionSchema, response: ApplicationSchema, errors: [403, 404, 409] },
  incidents: { method: "GET", path: "/emergency/incidents", summary: "Declared incidents, newest first", auth: true, response: IncidentListSchema, errors: [] },
  grants: { method: "GET", path: "/emergency/grants", summary: "Emergency grants for your department (approvers, auditors: all)", auth: true, response: GrantListSchema, errors: [] },
  requestGrant: { method: "POST", path: "/emergency/grants", summary: "Commander: a time-limited grant (break-glass now, or special authorization awaiting the approver)", auth: true, body: GrantRequestSchema, response: GrantSchema, errors: [403, 404] },
  decideGrant: { method: "POST", path: "/emergency/grants/decision", summary: "Approver (not its requester): approve or refuse a pending special authorization or extension", auth: true, body: GrantDecisionSchema, response: GrantSchema, errors: [403, 404, 409] },
  extendGrant: { method: "POST", path: "/emergency/grants/extend", summary: "Extend an active grant (break-glass at once; special after approval)", auth: true, body: GrantExtendSchema, response: GrantSchema, errors: [403, 404, 409] },
  reviewGrant: { method: "POST", path: "/emergency/grants/review", summary: "Approver (not its requester): review a break-glass grant afterwards (note required)", auth: true, body: GrantReviewSchema, response: GrantSchema, errors: [403, 404, 409] },
  revokeGrant: { method: "POST", path: "/emergency/grants/revoke", summary: "End a grant now (forced stop); its streams are cut", auth: true, body: GrantRevokeSchema, response: GrantSchema, errors: [403, 404, 409] },
  grantPolicy: { method: "GET", path: "/emergency/policy", summary: "Grant caps per incident level, answer deadline, media departments", auth: true, response: GrantPolicySchema, errors: [] },
  audit: { method: "POST", path: "/audit/events", summary: "Upload audit events; idempotent by event id", auth: true, body: AuditBatchSchema, response: AuditBatchResultSchema, errors: [413] },
  auditChain: { method: "GET", path: "/audit/chain", summary: "Auditor: the platform's copy of a terminal's audit chain and its signed checkpoints, by seq", auth: true, query: AuditChainQuerySchema, response: AuditChainPageSchema, errors: [403] },
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
