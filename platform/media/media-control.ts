// Runs in the platform API (sends) and the demo media server (receives). What the API tells its media server over
// POST MEDIA_CONTROL_PATH, signed with the play-ticket key (a purpose of its own, so no ticket verifies as one):
// - revocations: access that ended early; the media server cuts matching sessions and refuses matching tickets;
// - leases: a renewed ticket's decision carries the live sessions of that console session and stream on to `d`,
//   so a renewal does not cut and reopen the pull.
// Replaying a message is harmless: revocations only take access away, and a lease is checked against them.
import { z } from "zod";
import { openToken, signToken } from "../../contract/signed-token.js";
import type { Revocation } from "./revocation-list.js";

export const MEDIA_CONTROL_PATH = "/control/access";
/** Largest control body the media server reads. */
export const MAX_CONTROL_BYTES = 512 * 1024;

const PURPOSE = "vigil-media-control";
const Ms = z.number().int().positive();
const Id = z.string().min(1).max(200);

const RevocationSchema = z.object({ kind: z.enum(["session", "ref", "user"]), id: Id, at: Ms, until: Ms }) satisfies z.ZodType<Revocation>;

const LeaseSchema = z.object({
  /** console session, user, deciding grant or application (null: standing rule), issued at — as in the ticket */
  s: Id,
  u: Id,
  r: Id.nullable(),
  i: Ms,
  c: z.string().regex(/^\d{20}$/),
  p: z.enum(["main", "sub"]),
  /** the sessions are cut at this moment now */
  d: Ms,
});
export type MediaLease = z.infer<typeof LeaseSchema>;

const MessageSchema = z.object({
  revocations: z.array(RevocationSchema).max(20_000),
  leases: z.array(LeaseSchema).max(20_000),
});
export type MediaControlMessage = z.infer<typeof MessageSchema>;

export const MediaControlAnswerSchema = z.object({ ok: z.literal(true), cut: z.number().int().nonnegative(), extended: z.number().int().nonnegative() });
export type MediaControlAnswer = z.infer<typeof MediaControlAnswerSchema>;

export function signMediaControl(key: Buffer, message: MediaControlMessage): string {
  return signToken(key, PURPOSE, message);
}

export function openMediaControl(key: Buffer, body: string): { ok: true; message: MediaControlMessage } | { ok: false; reason: "malformed" | "bad-signature" } {
  const opened = openToken(key, PURPOSE, body.trim(), MessageSchema);
  return opened.ok ? { ok: true, message: opened.claims } : opened;
}
