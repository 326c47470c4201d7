// Runs in the platform API. Access tokens: base64url(JSON claims) "." base64url(HMAC-SHA256). Short-lived; the
// session behind them is checked on every request, so logout and revocation take effect at once. They name the user
// and the session only: the terminal is the session's (platform/auth/session-service.ts), not a claim to trust.
import { z } from "zod";
import { openToken, signToken } from "../../contract/signed-token.js";

const ClaimsSchema = z.object({
  /** user id */
  sub: z.string().min(1),
  /** session id */
  sid: z.string().min(1),
  /** issued at / expires, ms since epoch */
  iat: z.number().int(),
  exp: z.number().int(),
});
export type AccessClaims = z.infer<typeof ClaimsSchema>;

export type AccessCheck = { ok: true; claims: AccessClaims } | { ok: false; code: "TOKEN_INVALID" | "TOKEN_EXPIRED" };

const PURPOSE = "vigil-access";

export function mintAccessToken(key: Buffer, claims: AccessClaims): string {
  return signToken(key, PURPOSE, claims);
}

export function verifyAccessToken(key: Buffer, token: string, now: number): AccessCheck {
  const opened = openToken(key, PURPOSE, token, ClaimsSchema);
  if (!opened.ok) return { ok: false, code: "TOKEN_INVALID" };
  if (opened.claims.exp <= now) return { ok: false, code: "TOKEN_EXPIRED" };
  return { ok: true, claims: opened.claims };
}
