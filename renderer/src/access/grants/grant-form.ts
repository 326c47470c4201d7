// Runs in the renderer (pure). The emergency-grant form (应急授权): declare an incident or pick an open one, the scope,
// the duration under the policy cap for the incident's level, the reason, and optionally a media grant; mapped to
// the contract's GrantRequest and validated with its schema.
import {
  GrantRequestSchema,
  IncidentLevelSchema,
  IncidentTypeSchema,
  type GrantPolicy,
  type GrantRequest,
  type Incident,
  type IncidentLevel,
  type IncidentType,
} from "../../../../contract/platform-api.js";
import type { MessageKey } from "../../i18n/i18n.js";
import { SCOPE_CAMERAS_MAX, emptyScopePick, scopeInput, type ScopePick } from "../shared/access-scope.js";
import { collectFieldErrors, parseWholeNumber, type Checked, type FieldErrors, type FieldKind } from "../shared/form-errors.js";

export const INCIDENT_TYPES: readonly IncidentType[] = IncidentTypeSchema.options;
export const INCIDENT_LEVELS: readonly IncidentLevel[] = IncidentLevelSchema.options;
/** The contract's longest single grant when no policy is known. */
export const GRANT_MINUTES_MAX = 24 * 60;

export type GrantDraft = {
  incidentMode: "new" | "existing";
  incidentId: string;
  title: string;
  type: IncidentType | "";
  level: IncidentLevel | "";
  civilCode: string;
  scope: ScopePick;
  minutes: string;
  reason: string;
  media: boolean;
  mediaDepartmentId: string;
};

export type GrantField = "incidentId" | "title" | "type" | "level" | "civilCode" | "scope" | "minutes" | "reason" | "mediaDepartmentId";

export const GRANT_FIELD_LABEL: Record<GrantField, MessageKey> = {
  incidentId: "access.grant.field.incidentId",
  title: "access.grant.field.title",
  type: "access.grant.field.type",
  level: "access.grant.field.level",
  civilCode: "access.grant.field.civilCode",
  scope: "access.grant.field.scope",
  minutes: "access.grant.field.minutes",
  reason: "access.grant.field.reason",
  mediaDepartmentId: "access.grant.field.mediaDepartmentId",
};

export const GRANT_FIELDS: readonly GrantField[] = ["incidentId", "title", "type", "level", "civilCode", "scope", "minutes", "reason", "mediaDepartmentId"];

export function emptyGrantDraft(cart: readonly string[] = [], hasOpenIncidents = false): GrantDraft {
  return {
    incidentMode: hasOpenIncidents ? "existing" : "new",
    incidentId: "",
    title: "",
    type: "",
    level: "",
    civilCode: "",
    scope: emptyScopePick(cart),
    minutes: "",
    reason: "",
    media: false,
    mediaDepartmentId: "",
  };
}

/** The level of the incident the grant is for: the one declared on the form, or the picked open incident's. */
export function grantLevel(draft: GrantDraft, incidents: readonly Incident[]): IncidentLevel | null {
  if (draft.incidentMode === "new") return draft.level === "" ? null : draft.level;
  return incidents.find((i) => i.id === draft.incidentId)?.level ?? null;
}

/** Longest grant the policy allows for the draft's incident level (null until a level and the policy are known). */
export function grantCap(draft: GrantDraft, incidents: readonly Incident[], policy: GrantPolicy | null): number | null {
  const level = grantLevel(draft, incidents);
  if (level === null || policy === null) return null;
  return Math.min(policy.capMinutes[level] ?? GRANT_MINUTES_MAX, GRANT_MINUTES_MAX);
}

export function grantInput(draft: GrantDraft, cart: readonly string[]): Record<string, unknown> {
  const input: Record<string, unknown> = {
    scope: scopeInput(draft.scope, cart),
    minutes: parseWholeNumber(draft.minutes),
    reason: draft.reason,
  };
  if (draft.incidentMode === "existing") input.incidentId = draft.incidentId === "" ? undefined : draft.incidentId;
  else input.incident = { title: draft.title, type: draft.type === "" ? undefined : draft.type, level: draft.level === "" ? undefined : draft.level, civilCode: draft.civilCode };
  if (draft.media) input.mediaDepartmentId = draft.mediaDepartmentId === "" ? undefined : draft.mediaDepartmentId;
  return input;
}

const INCIDENT_FIELDS: readonly string[] = ["title", "type", "level", "civilCode"];

function locator(draft: GrantDraft) {
  return (path: readonly PropertyKey[]): GrantField => {
    const [head, sub] = path;
    if (head === "incident") return typeof sub === "string" && INCIDENT_FIELDS.includes(sub) ? (sub as GrantField) : "title";
    if (head === "scope" || head === "minutes" || head === "reason" || head === "mediaDepartmentId" || head === "incidentId") return head;
    // The refine over the whole request: an incident is missing.
    return draft.incidentMode === "existing" ? "incidentId" : "title";
  };
}

export type GrantValidation = Checked<GrantRequest, GrantField>;

export function validateGrant(draft: GrantDraft, cart: readonly string[], incidents: readonly Incident[], policy: GrantPolicy | null): GrantValidation {
  const cap = grantCap(draft, incidents, policy) ?? GRANT_MINUTES_MAX;
  const parsed = GrantRequestSchema.safeParse(grantInput(draft, cart));
  const kinds: Record<GrantField, FieldKind> = {
    incidentId: { kind: "choice" },
    title: { kind: "text" },
    type: { kind: "choice" },
    level: { kind: "choice" },
    civilCode: { kind: "choice" },
    scope: draft.scope.kind === "cameras" ? { kind: "cameras", max: SCOPE_CAMERAS_MAX } : { kind: "choice" },
    minutes: { kind: "integer", min: 1, max: cap },
    reason: { kind: "text" },
    mediaDepartmentId: { kind: "choice" },
  };
  const values: Record<GrantField, unknown> = { ...draft };
  const errors: FieldErrors<GrantField> = parsed.success ? {} : collectFieldErrors(parsed.error.issues, locator(draft), kinds, values);
  const minutes = parseWholeNumber(draft.minutes);
  if (!errors.minutes && minutes !== undefined && minutes > cap) errors.minutes = { key: "access.err.integer", params: { min: 1, max: cap } };
  if (draft.incidentMode === "existing" && draft.incidentId === "" && !errors.incidentId) errors.incidentId = { key: "access.err.choose" };
  if (draft.media && draft.mediaDepartmentId === "" && !errors.mediaDepartmentId) errors.mediaDepartmentId = { key: "access.err.choose" };
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, value: parsed.data };
  return { ok: false, errors };
}
