// Runs in the renderer (pure). The approver's small forms beside a record: approve (all or part, with validity) or
// reject an application, approve or refuse a grant, review a break-glass grant. Each is checked with the contract's
// schema and its issues become localized messages. (Extending and revoking a grant: grants/grant-changes.)
import {
  ApplicationDecisionSchema,
  GrantDecisionSchema,
  GrantReviewSchema,
  type ApplicationDecision,
  type GrantDecision,
  type GrantReview,
} from "../../../../contract/platform-api.js";
import { SCOPE_CAMERAS_MAX } from "../shared/access-scope.js";
import { checkTextOnly, collectFieldErrors, parseWholeNumber, type Checked, type FieldErrors } from "../shared/form-errors.js";

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

export function checkReject(applicationId: string, reason: string): Checked<ApplicationDecision, "reason"> {
  return checkTextOnly(ApplicationDecisionSchema, { applicationId, outcome: "reject", reason }, "reason");
}

export function checkRefuse(grantId: string, reason: string): Checked<GrantDecision, "reason"> {
  // A refusal states its reason: an empty one is left out so the schema's refine names it.
  return checkTextOnly(GrantDecisionSchema, { grantId, approve: false, reason: reason.trim() === "" ? undefined : reason }, "reason");
}

/** The approver's after-the-fact review of a break-glass grant: a note is required. */
export function checkReview(grantId: string, note: string): Checked<GrantReview, "note"> {
  return checkTextOnly(GrantReviewSchema, { grantId, note }, "note");
}
