// Runs in the renderer (pure). How grants are listed: live ones first (active by soonest end, then those waiting
// for approval), then ended ones newest first; and how long an active grant has left on the console's access clock.
import type { ActiveAccess } from "../../../../contract/console-api.js";
import type { Grant } from "../../../../contract/platform-api.js";

const RANK: Record<Grant["status"], number> = { active: 0, requested: 1, revoked: 2, expired: 2, rejected: 2 };

function ms(iso: string | null): number {
  const t = iso === null ? Number.NaN : Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

export function sortGrants(grants: readonly Grant[]): Grant[] {
  return [...grants].sort((a, b) => {
    const rank = RANK[a.status] - RANK[b.status];
    if (rank !== 0) return rank;
    if (a.status === "active") return ms(a.validUntil) - ms(b.validUntil);
    if (a.status === "requested") return ms(a.requestedAt) - ms(b.requestedAt);
    return ms(b.validUntil ?? b.requestedAt) - ms(a.validUntil ?? a.requestedAt);
  });
}

/**
 * When an active grant ends, in access-clock ms: what main enforces (its access state) when it holds the grant,
 * else the platform's validUntil. Null when the grant is not active or has no end.
 */
export function grantEndsAt(grant: Pick<Grant, "id" | "status" | "validUntil">, active: readonly ActiveAccess[]): number | null {
  if (grant.status !== "active") return null;
  const held = active.find((a) => a.refId === grant.id);
  if (held) return held.validUntil;
  const t = grant.validUntil === null ? Number.NaN : Date.parse(grant.validUntil);
  return Number.isNaN(t) ? null : t;
}

/** Ms left until `endsAt` (never negative); null when there is no end. */
export function remainingMs(endsAt: number | null, nowMs: number): number | null {
  return endsAt === null ? null : Math.max(0, endsAt - nowMs);
}
