// Runs in Node processes (node:crypto): main, relay, platform. The one codec behind every token Vigil mints —
// relay stream tokens, platform access tokens, media play tickets:
//   base64url(JSON claims) "." base64url(HMAC-SHA256(key, "<purpose>." + payload))
// The purpose keeps a token of one kind from ever verifying as another, even under the same key.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { z } from "zod";

export type OpenedToken<T> = { ok: true; claims: T } | { ok: false; reason: "malformed" | "bad-signature" };

function mac(key: Buffer, purpose: string, payload: string): string {
  return createHmac("sha256", key).update(`${purpose}.${payload}`).digest("base64url");
}

export function signToken(key: Buffer, purpose: string, claims: object): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${mac(key, purpose, payload)}`;
}

/** Checks the signature (constant time), then parses the claims with `schema`. Expiry is the caller's rule. */
export function openToken<S extends z.ZodType>(key: Buffer, purpose: string, token: string, schema: S): OpenedToken<z.infer<S>> {
  const [payload, given, extra] = token.split(".");
  if (!payload || !given || extra !== undefined) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(mac(key, purpose, payload));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { ok: false, reason: "bad-signature" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const claims = schema.safeParse(parsed);
  return claims.success ? { ok: true, claims: claims.data } : { ok: false, reason: "malformed" };
}
