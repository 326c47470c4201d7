// Runs in the platform (pure). Emergency grant policy (特别授权、限时共享): duration caps per incident level and in
// all, which grants need the city coordinator, which may be reviewed afterwards, how a grant's status reads at a
// given time, and how a stored grant record reads.
import type { SharingClass } from "../../contract/camera.js";
import type { Grant, GrantPolicy, GrantStatus, IncidentLevel } from "../../contract/platform-api.js";

export type GrantLimits = Pick<GrantPolicy, "capMinutes" | "maxTotalMinutes">;

export const DEFAULT_GRANT_LIMITS: GrantLimits = { capMinutes: { I: 720, II: 480, III: 240, IV: 120 }, maxTotalMinutes: 1440 };

const MINUTE_MS = 60_000;

/** Why `minutes` is too long for an incident of `level` (null: within the policy). */
export function grantMinutesProblem(limits: GrantLimits, level: IncidentLevel, minutes: number): string | null {
  const cap = Math.min(limits.capMinutes[level], limits.maxTotalMinutes);
  return minutes > cap ? `body.minutes: a level ${level} incident allows grants of at most ${cap} minutes` : null;
}

/** special: the scope holds NOT_SHARED cameras, so the approver decides first; break-glass opens at once. */
export function grantKind(coversNotShared: boolean): Grant["kind"] {
  return coversNotShared ? "special" : "break-glass";
}

/** The sharing classes a grant opens (null: all three). */
export function grantClasses(kind: Grant["kind"]): SharingClass[] | null {
  return kind === "special" ? null : ["UNCONDITIONAL", "CONDITIONAL"];
}

/** Why extending by `minutes` is not allowed (null: fine): the validity with all extensions has a ceiling. */
export function extensionProblem(limits: GrantLimits, grant: Pick<Grant, "validFrom" | "validUntil">, minutes: number): string | null {
  if (grant.validFrom === null || grant.validUntil === null) return "the grant has no validity to extend";
  const total = (Date.parse(grant.validUntil) - Date.parse(grant.validFrom)) / MINUTE_MS;
  const left = Math.max(0, Math.floor(limits.maxTotalMinutes - total));
  if (minutes <= left) return null;
  return `body.minutes: a grant may last at most ${limits.maxTotalMinutes} minutes with its extensions; this one can be extended by at most ${left} more`;
}

/** An active grant past its end reads as expired, whether or not the sweeper has recorded it yet. */
export function grantStatusAt(grant: Pick<Grant, "status" | "validUntil">, now: number): GrantStatus {
  if (grant.status === "active" && grant.validUntil !== null && Date.parse(grant.validUntil) <= now) return "expired";
  return grant.status;
}

/**
 * Why the approver may not review `grant` (null: it may). Only break-glass grants are reviewed, after the fact and in
 * any status (active, expired, revoked), and only once; special authorizations were approved beforehand.
 */
export function reviewProblem(grant: Pick<Grant, "id" | "kind" | "review">): string | null {
  if (grant.kind !== "break-glass") {
    return `grant ${grant.id} is a special authorization, approved by the approver beforehand; only break-glass grants are reviewed afterwards`;
  }
  if (grant.review !== null) return `grant ${grant.id} was already reviewed by ${grant.review.by} at ${grant.review.at}`;
  return null;
}

/** A grant as stored (JSON). Records written before the review step have no `review` key: they read as not reviewed. */
export function grantFromRecord(record: string): Grant {
  const stored = JSON.parse(record) as Omit<Grant, "review"> & { review?: Grant["review"] };
  return { ...stored, review: stored.review ?? null };
}

export function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * MINUTE_MS).toISOString();
}
