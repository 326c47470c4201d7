// Runs in the platform API (mint) and the demo media server (verify). A play ticket's token:
// base64url(JSON claims) "." base64url(HMAC-SHA256(media key)). The URL opens sessions until `x`; a session is cut at `d`.
import { z } from "zod";
import { openToken, signToken } from "../../contract/signed-token.js";

const ClaimsSchema = z.object({
  /** ticket id */
  t: z.string().min(1),
  /** camera id and stream profile */
  c: z.string().regex(/^\d{20}$/),
  p: z.enum(["main", "sub"]),
  /** console session */
  s: z.string().min(1),
  /** new sessions allowed until (ms since epoch) */
  x: z.number().int().positive(),
  /** sessions end at (ms since epoch); 0 = no end */
  d: z.number().int().nonnegative(),
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
  if (claims.d !== 0 && claims.d <= now) return { ok: false, reason: "access-ended" };
  return { ok: true, claims };
}

export function mediaStreamPath(cameraId: string, profile: "main" | "sub"): string {
  return `/live/${cameraId}_${profile}.live.flv`;
}
