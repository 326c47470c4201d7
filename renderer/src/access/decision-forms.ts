// Runs in the renderer (pure). The small forms beside a record: approve (all or part, with validity) or reject an
// application, approve or refuse a grant, extend or revoke one, review a break-glass grant. Each is checked with the contract's schema and its
// issues become localized messages.
import {
  ApplicationDecisionSchema,
  GrantDecisionSchema,
  GrantExtendSchema,
  GrantReviewSchema,
  GrantRevokeSchema,
  type ApplicationDecision,
  type GrantDecision,
  type GrantExtend,
  type GrantReview,
  type GrantRevoke,
} from "../../../contract/platform-api.js";
import type { z } from "zod";
import { SCOPE_CAMERAS_MAX } from "./access-scope.js";
import { collectFieldErrors, parseWholeNumber, type Checked, type FieldErrors, type FieldKind } from "./form-errors.js";
import { GRANT_MINUTES_MAX } from "./grant-form.js";

const TEXT: FieldKind = { kind: "text" };

/** Approve an application: all of it, or (camera scopes) the cameras still checked, for at most the requested days. */
export function checkApprove(
  applicationId: string,
  validDaysText: string,
  requestedDays: number,
  askedCameraIds: readonly string[],
  checkedCameraIds: readonly string[],
): Checked<ApplicationDecision, "validDays" | "cameras"> {
  const errors: FieldErrors<"validDays" | "cameras"> = {};
  const validDays = parseWholeNumber(validDaysText);
  if (validDays === undefined || Number.isNaN(validDays) || validDays < 1 || validDays > requestedDays)
    errors.validDays = { key: "access.err.integer", params: { min: 1, max: requestedDays } };
  const checked = askedCameraIds.filter((id) => checkedCameraIds.includes(id));
  if (askedCameraIds.length > 0 && checked.length === 0) errors.cameras = { key: "access.err.noCameras" };
  if (errors.validDays || errors.cameras || validDays === undefined) return { ok: false, errors };
  const partial = askedCameraIds.length > 0 && checked.length < askedCameraIds.length;
  const parsed = ApplicationDecisionSchema.safeParse({ applicationId, outcome: "approve", validDays, ...(partial ? { cameraIds: checked } : {}) });
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: collectFieldErrors(
      parsed.error.issues,
      (path) => (path[0] === "cameraIds" ? "cameras" : "validDays"),
      { validDays: { kind: "integer", min: 1, max: requestedDays }, cameras: { kind: "cameras", max: SCOPE_CAMERAS_MAX } },
      { validDays, cameras: checked },
    ),
  };
}

/** A decision whose one typed field is a text (a reason, a note): `field` names it in the schema's input. */
function textOnly<T, F extends string>(schema: z.ZodType<T>, input: Record<string, unknown>, field: F): Checked<T, F> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const kinds = { [field]: TEXT } as Record<F, FieldKind>;
  const values = { [field]: input[field] } as Record<F, unknown>;
  return { ok: false, errors: collectFieldErrors(parsed.error.issues, () => field, kinds, values) };
}

export function checkReject(applicationId: string, reason: string): Checked<ApplicationDecision, "reason"> {
  return textOnly(ApplicationDecisionSchema, { applicationId, outcome: "reject", reason }, "reason");
}

export function checkRefuse(grantId: string, reason: string): Checked<GrantDecision, "reason"> {
  // A refusal states its reason: an empty one is left out so the schema's refine names it.
  return textOnly(GrantDecisionSchema, { grantId, approve: false, reason: reason.trim() === "" ? undefined : reason }, "reason");
}

export function checkRevoke(grantId: string, reason: string): Checked<GrantRevoke, "reason"> {
  return textOnly(GrantRevokeSchema, { grantId, reason }, "reason");
}

/** The approver's after-the-fact review of a break-glass grant: a note is required. */
export function checkReview(grantId: string, note: string): Checked<GrantReview, "note"> {
  return textOnly(GrantReviewSchema, { grantId, note }, "note");
}

export function checkExtend(grantId: string, minutesText: string, reason: string): Checked<GrantExtend, "minutes" | "reason"> {
  const minutes = parseWholeNumber(minutesText);
  const parsed = GrantExtendSchema.safeParse({ grantId, minutes, reason });
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: collectFieldErrors(
      parsed.error.issues,
      (path) => (path[0] === "minutes" ? "minutes" : "reason"),
      { minutes: { kind: "integer", min: 1, max: GRANT_MINUTES_MAX }, reason: TEXT },
      { minutes, reason },
    ),
  };
}
