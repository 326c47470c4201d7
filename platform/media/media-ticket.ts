// Runs in the platform API (mint) and the demo media server (verify). A play ticket's token:
// base64url(JSON claims) "." base64url(HMAC-SHA256(media key)). The URL opens sessions until `x`; a session is cut at `d`.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

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

const sign = (key: Buffer, payload: string): string => createHmac("sha256", key).update(`vigil-media.${payload}`).digest("base64url");

export function mintMediaTicket(key: Buffer, claims: MediaTicketClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${sign(key, payload)}`;
}

/** `stream` is the {stream} part of /{app}/{stream}.live.flv: `<cameraId>_<profile>`. */
export function verifyMediaTicket(key: Buffer, token: string, stream: string, now: number): MediaTicketCheck {
  const [payload, mac, extra] = token.split(".");
  if (!payload || !mac || extra !== undefined) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "bad-signature" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const claims = ClaimsSchema.safeParse(parsed);
  if (!claims.success) return { ok: false, reason: "malformed" };
  if (`${claims.data.c}_${claims.data.p}` !== stream) return { ok: false, reason: "wrong-stream" };
  if (claims.data.x <= now) return { ok: false, reason: "expired" };
  if (claims.data.d !== 0 && claims.data.d <= now) return { ok: false, reason: "access-ended" };
  return { ok: true, claims: claims.data };
}

export function mediaStreamPath(cameraId: string, profile: "main" | "sub"): string {
  return `/live/${cameraId}_${profile}.live.flv`;
}
