// Runs in the renderer (pure). The new-application form (有条件共享申请): what the user typed ↔ the contract's
// ApplicationRequest, validated with the contract's own schema and turned into per-field messages.
import { ApplicationRequestSchema, type ApplicationRequest } from "../../../../contract/platform-api.js";
import type { MessageKey } from "../../i18n/i18n.js";
import { SCOPE_CAMERAS_MAX, emptyScopePick, scopeInput, type ScopePick } from "../shared/access-scope.js";
import { collectFieldErrors, parseWholeNumber, type Checked, type FieldKind } from "../shared/form-errors.js";

export const APPLICATION_TEXT_FIELDS = ["applicantDepartment", "contact", "reason", "purpose", "useScope", "securityMeasures"] as const;
export type ApplicationTextField = (typeof APPLICATION_TEXT_FIELDS)[number];
export type ApplicationField = ApplicationTextField | "scope" | "validDays";

/** The form as typed: every field a string (the scope as picked), so nothing typed is lost on an error. */
export type ApplicationDraft = Record<ApplicationTextField, string> & { validDays: string; scope: ScopePick };

/** The order the form shows its fields (and lists errors). */
export const APPLICATION_FIELDS: readonly ApplicationField[] = [
  "applicantDepartment",
  "contact",
  "reason",
  "scope",
  "purpose",
  "useScope",
  "securityMeasures",
  "validDays",
];

export const APPLICATION_FIELD_LABEL: Record<ApplicationField, MessageKey> = {
  applicantDepartment: "access.app.field.applicantDepartment",
  contact: "access.app.field.contact",
  reason: "access.app.field.reason",
  scope: "access.app.field.scope",
  purpose: "access.app.field.purpose",
  useScope: "access.app.field.useScope",
  securityMeasures: "access.app.field.securityMeasures",
  validDays: "access.app.field.validDays",
};

export const DEFAULT_VALID_DAYS = 30;
export const VALID_DAYS_MAX = 365;

export function emptyApplicationDraft(department: string, cart: readonly string[] = []): ApplicationDraft {
  return {
    applicantDepartment: department,
    contact: "",
    reason: "",
    purpose: "",
    useScope: "",
    securityMeasures: "",
    validDays: String(DEFAULT_VALID_DAYS),
    scope: emptyScopePick(cart),
  };
}

/** The request the draft makes, before validation. */
export function applicationInput(draft: ApplicationDraft, cart: readonly string[]): Record<string, unknown> {
  return {
    applicantDepartment: draft.applicantDepartment,
    contact: draft.contact,
    reason: draft.reason,
    scope: scopeInput(draft.scope, cart),
    purpose: draft.purpose,
    useScope: draft.useScope,
    securityMeasures: draft.securityMeasures,
    validDays: parseWholeNumber(draft.validDays),
  };
}

function locate(path: readonly PropertyKey[]): ApplicationField {
  const head = path[0];
  return typeof head === "string" && (APPLICATION_FIELDS as readonly string[]).includes(head) ? (head as ApplicationField) : "scope";
}

export type ApplicationValidation = Checked<ApplicationRequest, ApplicationField>;

/** Validates the draft with the contract's schema; the request is what the schema gives back (text trimmed). */
export function validateApplication(draft: ApplicationDraft, cart: readonly string[]): ApplicationValidation {
  const parsed = ApplicationRequestSchema.safeParse(applicationInput(draft, cart));
  if (parsed.success) return { ok: true, value: parsed.data };
  const text: FieldKind = { kind: "text" };
  const kinds: Record<ApplicationField, FieldKind> = {
    applicantDepartment: text,
    contact: text,
    reason: text,
    purpose: text,
    useScope: text,
    securityMeasures: text,
    validDays: { kind: "integer", min: 1, max: VALID_DAYS_MAX },
    scope: draft.scope.kind === "cameras" ? { kind: "cameras", max: SCOPE_CAMERAS_MAX } : { kind: "choice" },
  };
  const values: Record<ApplicationField, unknown> = { ...draft, scope: draft.scope };
  return { ok: false, errors: collectFieldErrors(parsed.error.issues, locate, kinds, values) };
}
