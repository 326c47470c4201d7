// Runs in the renderer (pure). The commander's changes to a running grant: extend it (whole minutes, a reason) or
// revoke it (a reason). Checked with the contract's schemas; their issues become localized messages.
import { GrantExtendSchema, GrantRevokeSchema, type GrantExtend, type GrantRevoke } from "../../../../contract/platform-api.js";
import { checkTextOnly, collectFieldErrors, parseWholeNumber, type Checked } from "../shared/form-errors.js";
import { GRANT_MINUTES_MAX } from "./grant-form.js";

export function checkRevoke(grantId: string, reason: string): Checked<GrantRevoke, "reason"> {
  return checkTextOnly(GrantRevokeSchema, { grantId, reason }, "reason");
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
      { minutes: { kind: "integer", min: 1, max: GRANT_MINUTES_MAX }, reason: { kind: "text" } },
      { minutes, reason },
    ),
  };
}
