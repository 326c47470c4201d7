// Runs in the renderer (pure). The small forms beside a record: approve (all or part, with validity) or reject an
// application, approve or refuse a grant, extend or revoke one. Each is checked with the contract's schema and its
// issues become localized messages.
import {
  ApplicationDecisionSchema,
  GrantDecisionSchema,
  GrantExtendSchema,
  GrantRevokeSchema,
  type ApplicationDecision,
  type GrantDecision,
  type GrantExtend,
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

function reasonOnly<T>(schema: z.ZodType<T>, input: Record<string, unknown>, reason: string): Checked<T, "reason"> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: collectFieldErrors(parsed.error.issues, () => "reason", { reason: TEXT }, { reason }) };
}

export function checkReject(applicationId: string, reason: string): Checked<ApplicationDecision, "reason"> {
  return reasonOnly(ApplicationDecisionSchema, { applicationId, outcome: "reject", reason }, reason);
}

export function checkRefuse(grantId: string, reason: string): Checked<GrantDecision, "reason"> {
  // A refusal states its reason: an empty one is left out so the schema's refine names it.
  return reasonOnly(GrantDecisionSchema, { grantId, approve: false, reason: reason.trim() === "" ? undefined : reason }, reason);
}

export function checkRevoke(grantId: string, reason: string): Checked<GrantRevoke, "reason"> {
  return reasonOnly(GrantRevokeSchema, { grantId, reason }, reason);
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
