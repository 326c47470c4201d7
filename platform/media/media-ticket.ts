// Runs in the platform API (mint) and the demo media server (verify). A play ticket's token:
// base64url(JSON claims) "." base64url(HMAC-SHA256(media key)). The URL opens sessions until `x`; a session is cut at
// `d`, which every ticket has (a lease for rules without an end). The claims name what a revocation targets: the
// console session, the grant or application that decided, the user.
import { z } from "zod";
import { openToken, signToken } from "../../contract/signed-token.js";

const ClaimsSchema = z.object({
  /** ticket id */
  t: z.string().min(1),
  /** camera id and stream profile */
  c: z.string().regex(/^\d{20}$/),
  p: z.enum(["main", "sub"]),
  /** console session (platform session id) */
  s: z.string().min(1),
  /** user id */
  u: z.string().min(1),
  /** the grant or application whose rule allowed it; null for standing rules */
  r: z.string().min(1).nullable(),
  /** issued at (ms since epoch): a revocation refuses tickets issued up to its moment */
  i: z.number().int().positive(),
  /** new sessions allowed until (ms since epoch) */
  x: z.number().int().positive(),
  /** sessions end at (ms since epoch): the rule's end or the lease's, whichever comes first */
  d: z.number().int().positive(),
});
export type MediaTicketClaims = z.infer<typeof ClaimsSchema>;

export type MediaTicketCheck =
  | { ok: true; claims: MediaTicketClaims }
  | { ok: false; reason: "malformed" | "bad-signature" | "expired" | "wrong-stream" | "access-ended" };

const PURPOSE = "vigil-media";

export function mintMediaTicket(key: Buffer, claims: MediaTicketClaims): string {
  return signToken(key, PURPOSE, claims);
}

/** `stream` is the {stream} part of /{app}/{stream}.live.flv: `<cameraId>_<profile>`. */
export function verifyMediaTicket(key: Buffer, token: string, stream: string, now: number): MediaTicketCheck {
  const opened = openToken(key, PURPOSE, token, ClaimsSchema);
  if (!opened.ok) return opened;
  const claims = opened.claims;
  if (`${claims.c}_${claims.p}` !== stream) return { ok: false, reason: "wrong-stream" };
  if (claims.x <= now) return { ok: false, reason: "expired" };
  if (claims.d <= now) return { ok: false, reason: "access-ended" };
  return { ok: true, claims };
}

export function mediaStreamPath(cameraId: string, profile: "main" | "sub"): string {
  return `/live/${cameraId}_${profile}.live.flv`;
}
