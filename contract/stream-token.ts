// Runs in main (mint) and relay (verify). Node only (node:crypto).
// A stream token binds a viewer to one channel, one console session and a deadline:
//   base64url(JSON {c, s, d[, g]}) "." base64url(HMAC-SHA256(key, payload))   (g: optional grant id)
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

const TokenPayloadSchema = z.object({
  /** channel */
  c: z.string().min(1),
  /** session id */
  s: z.string().min(1),
  /** deadline, wall-clock ms since epoch */
  d: z.number().int().positive(),
  /** grant id (optional): lets main revoke every viewer admitted under one access decision */
  g: z.string().min(1).optional(),
});
export type StreamTokenClaims = { channel: string; session: string; deadline: number; grant?: string };

export type TokenCheck =
  | { ok: true; claims: StreamTokenClaims }
  | { ok: false; reason: "malformed" | "bad-signature" | "expired" | "wrong-channel" };

function sign(key: Buffer, payload: string): string {
  return createHmac("sha256", key).update(payload).digest("base64url");
}

export function mintStreamToken(key: Buffer, claims: StreamTokenClaims): string {
  const payload = Buffer.from(
    JSON.stringify({ c: claims.channel, s: claims.session, d: Math.floor(claims.deadline), ...(claims.grant ? { g: claims.grant } : {}) }),
  ).toString("base64url");
  return `${payload}.${sign(key, payload)}`;
}

/** Checks signature, deadline (against `now`) and that the token was minted for `channel`. */
export function verifyStreamToken(key: Buffer, token: string, channel: string, now: number): TokenCheck {
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: "malformed" };
  const [payload, mac] = parts as [string, string];
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: "bad-signature" };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const result = TokenPayloadSchema.safeParse(parsed);
  if (!result.success) return { ok: false, reason: "malformed" };
  const claims: StreamTokenClaims = { channel: result.data.c, session: result.data.s, deadline: result.data.d };
  if (result.data.g) claims.grant = result.data.g;
  if (claims.channel !== channel) return { ok: false, reason: "wrong-channel" };
  if (claims.deadline <= now) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}
