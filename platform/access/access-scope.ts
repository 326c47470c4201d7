// Runs in the platform (pure). Access scopes as applications and grants state them: canonical civil codes (a
// GB/T 2260 code padded with "00" names the same region as its prefix: 520300 is Zunyi, 5203), unique camera ids,
// and how a scope reads in an error message.
import type { AccessScope } from "../../contract/platform-api.js";

/** 520300 → 5203, 520000 → 52, 520302 stays; the form the catalog's region paths use. */
export function canonicalCivilCode(code: string): string {
  let c = code;
  while (c.length > 2 && c.endsWith("00")) c = c.slice(0, -2);
  return c;
}

/** The same scope with a canonical civil code and each camera named once (in the order first given). */
export function canonicalScope(scope: AccessScope): AccessScope {
  switch (scope.kind) {
    case "cameras":
      return { kind: "cameras", cameraIds: [...new Set(scope.cameraIds)] };
    case "region":
      return { kind: "region", civilCode: canonicalCivilCode(scope.civilCode) };
    case "domain":
      return scope;
  }
}

export function describeScope(scope: AccessScope): string {
  switch (scope.kind) {
    case "cameras":
      return `${scope.cameraIds.length} camera${scope.cameraIds.length === 1 ? "" : "s"}`;
    case "region":
      return `region ${scope.civilCode}`;
    case "domain":
      return `domain ${scope.domain}`;
  }
}

/** At most `max` ids for a message, then how many more. */
export function listIds(ids: readonly string[], max = 5): string {
  const shown = ids.slice(0, max).join(", ");
  return ids.length > max ? `${shown} and ${ids.length - max} more` : shown;
}
