// Runs in main (mint) and relay (verify). Node only (node:crypto).
// A stream token binds a viewer to one channel, one console session and a deadline:
//   claims {c, s, d[, g]} (g: optional grant id), signed by contract/signed-token.ts.
import { z } from "zod";
import { openToken, signToken } from "./signed-token.js";

const PURPOSE = "vigil-stream";

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

export function mintStreamToken(key: Buffer, claims: StreamTokenClaims): string {
  return signToken(key, PURPOSE, { c: claims.channel, s: claims.session, d: Math.floor(claims.deadline), ...(claims.grant ? { g: claims.grant } : {}) });
}

/** Checks signature, deadline (against `now`) and that the token was minted for `channel`. */
export function verifyStreamToken(key: Buffer, token: string, channel: string, now: number): TokenCheck {
  const opened = openToken(key, PURPOSE, token, TokenPayloadSchema);
  if (!opened.ok) return opened;
  const claims: StreamTokenClaims = { channel: opened.claims.c, session: opened.claims.s, deadline: opened.claims.d };
  if (opened.claims.g) claims.grant = opened.claims.g;
  if (claims.channel !== channel) return { ok: false, reason: "wrong-channel" };
  if (claims.deadline <= now) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}
