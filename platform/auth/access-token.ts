// Runs in the platform API. Access tokens: base64url(JSON claims) "." base64url(HMAC-SHA256). Short-lived; the
// session behind them is checked on every request, so logout and revocation take effect at once.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

const ClaimsSchema = z.object({
  /** user id */
  sub: z.string().min(1),
  /** session id */
  sid: z.string().min(1),
  /** terminal id */
  tid: z.string().min(1),
  /** issued at / expires, ms since epoch */
  iat: z.number().int(),
  exp: z.number().int(),
});
export type AccessClaims = z.infer<typeof ClaimsSchema>;

export type AccessCheck = { ok: true; claims: AccessClaims } | { ok: false; code: "TOKEN_INVALID" | "TOKEN_EXPIRED" };

const sign = (key: Buffer, payload: string): string => createHmac("sha256", key).update(`vigil-access.${payload}`).digest("base64url");

export function mintAccessToken(key: Buffer, claims: AccessClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${sign(key, payload)}`;
}

export function verifyAccessToken(key: Buffer, token: string, now: number): AccessCheck {
  const [payload, mac, extra] = token.split(".");
  if (!payload || !mac || extra !== undefined) return { ok: false, code: "TOKEN_INVALID" };
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, code: "TOKEN_INVALID" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, code: "TOKEN_INVALID" };
  }
  const claims = ClaimsSchema.safeParse(parsed);
  if (!claims.success) return { ok: false, code: "TOKEN_INVALID" };
  if (claims.data.exp <= now) return { ok: false, code: "TOKEN_EXPIRED" };
  return { ok: true, claims: claims.data };
}
