// Runs in the platform API. Play tickets: the access decision over the department's full rule set (standing rules,
// approved applications, active grants), then short-lived tokenized media URLs whose sessions the media server cuts
// at the deciding rule's end or at the ticket's lease end, whichever comes first. The console renews a ticket before
// its lease ends; each renewal is a fresh decision, pushed to the media server so the running session plays on.
import { randomUUID } from "node:crypto";
import type { PlayTicket, RefusalReason, StreamProfile } from "../../contract/platform-api.js";
import { departmentRuleSet } from "../access/rule-set.js";
import { decideTicketAccess } from "../access/camera-decision.js";
import { mediaStreamPath, mintMediaTicket } from "../media/media-ticket.js";
import { ApiFailure } from "./api-failure.js";
import type { PlatformServices } from "./platform-services.js";
import type { RouteHandlers } from "./route-binding.js";

const REFUSALS: Record<RefusalReason, string> = {
  NEEDS_APPLICATION: "conditionally shared camera: your department needs an approved application",
  NOT_SHARED: "camera not shared: only its own department, or a special time-limited authorization, may open it",
  MEDIA_USE_REQUIRED: "media use (media staff, the program output) needs a camera cleared for media use or a media grant",
};

export function playTicketHandlers(s: PlatformServices): Pick<RouteHandlers, "playTicket"> {
  return {
    playTicket: async ({ body, auth }): Promise<PlayTicket> => {
      // Classified and unknown cameras look the same: their existence is not disclosed.
      const camera = await s.catalog.get(body.cameraId);
      if (!camera) throw new ApiFailure(404, "NOT_FOUND", `no camera ${body.cameraId}`);
      const now = s.now();
      // The same rules GET /entitlements gives; the ticket's validUntil is the end of the rule that allowed it.
      const rules = (await departmentRuleSet(s, auth.departmentId, auth.roles, now)).entitlements;
      const decision = decideTicketAccess(rules, camera, { departmentId: auth.departmentId, roles: auth.roles }, body.purpose ?? "live", now);
      if (!decision.allowed) throw new ApiFailure(403, "FORBIDDEN", REFUSALS[decision.reason], { reason: decision.reason });
      if (!camera.profiles.includes(body.profile)) throw new ApiFailure(404, "NOT_FOUND", `camera ${camera.id} has no ${body.profile} stream`);
      if (camera.status !== "ONLINE") throw new ApiFailure(409, "CAMERA_OFFLINE", `camera ${camera.id} is offline since ${camera.statusChangedAt}`);
      const ticketId = randomUUID();
      const expiresAt = now + s.config.ticketTtlMs;
      // Every session has an end, a rule without one included: a revocation the media server missed lasts a lease at most.
      const leaseUntil = Math.min(decision.validUntil ?? Number.POSITIVE_INFINITY, now + s.config.ticketLeaseMs);
      const holder = { s: auth.sessionId, u: auth.userId, r: decision.refId, i: now };
      const token = mintMediaTicket(s.config.mediaKey, { t: ticketId, c: camera.id, p: body.profile, ...holder, x: expiresAt, d: leaseUntil });
      await s.store.write((db) =>
        db.run(
          "INSERT INTO play_ticket (id, user_id, session_id, camera_id, profile, basis, issued_at, expires_at, valid_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          [ticketId, auth.userId, auth.sessionId, camera.id, body.profile, decision.basis, now, expiresAt, decision.validUntil],
        ),
      );
      if (!s.config.streamProxies[camera.id]) s.media.lease({ ...holder, c: camera.id, p: body.profile, d: leaseUntil });
      return {
        ticketId,
        cameraId: camera.id,
        profile: body.profile,
        urls: ticketUrls(s, camera.id, body.profile, token),
        expiresAt: new Date(expiresAt).toISOString(),
        basis: decision.basis,
        validUntil: decision.validUntil === null ? null : new Date(decision.validUntil).toISOString(),
        leaseUntil: new Date(leaseUntil).toISOString(),
      };
    },
  };
}

/** The media server's tokenized FLV URLs, or a stream proxy's upstream URL as configured. */
function ticketUrls(s: PlatformServices, cameraId: string, profile: StreamProfile, token: string): PlayTicket["urls"] {
  const proxy = s.config.streamProxies[cameraId];
  if (proxy) return proxy.startsWith("rtsp") ? { rtsp: proxy } : { rtmp: proxy };
  const http = new URL(`${mediaStreamPath(cameraId, profile)}?token=${encodeURIComponent(token)}`, s.config.mediaBaseUrl);
  const ws = new URL(http);
  ws.protocol = http.protocol === "https:" ? "wss:" : "ws:";
  return { httpFlv: http.toString(), wsFlv: ws.toString() };
}
