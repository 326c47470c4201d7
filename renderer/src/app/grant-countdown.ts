// Runs in the renderer (pure). How the grant bar counts down a time-limited access: the figure, how urgent it looks,
// and the labels it uses.
import type { ActiveAccess } from "../../../contract/console-api.js";

/** At or under these, the countdown escalates (warnings from main come at the same marks: 10, 5 and 1 minute). */
export const WARNING_MS = 10 * 60_000;
export const ALERT_MS = 5 * 60_000;
export const URGENT_MS = 60_000;

export type CountdownUrgency = "normal" | "warning" | "alert" | "urgent" | "ended";

/** Whole seconds left (rounded up, so 0 only once the end is reached). */
export function remainingSeconds(remainingMs: number): number {
  return Math.max(0, Math.ceil(remainingMs / 1000));
}

/** mm:ss under an hour, h:mm:ss from an hour on. */
export function formatCountdown(remainingMs: number): string {
  const total = remainingSeconds(remainingMs);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

export function countdownUrgency(remainingMs: number): CountdownUrgency {
  if (remainingMs <= 0) return "ended";
  if (remainingMs <= URGENT_MS) return "urgent";
  if (remainingMs <= ALERT_MS) return "alert";
  if (remainingMs <= WARNING_MS) return "warning";
  return "normal";
}

export function basisLabelKey(basis: ActiveAccess["basis"]): `grantBar.basis.${ActiveAccess["basis"]}` {
  return `grantBar.basis.${basis}`;
}

/**
 * A record id short enough for the bar (the full id goes in the tooltip): the platform's ids read
 * "<kind>-<yyyymmdd>-<random>", and the random part is what tells two apart.
 */
export function shortRef(id: string): string {
  if (id.length <= 14) return id;
  const last = id.split("-").at(-1) ?? "";
  return last.length >= 4 && last.length <= 12 ? `…${last}` : `…${id.slice(-10)}`;
}

/** The access drawer tab that lists a record of this basis. */
export function drawerTabFor(basis: ActiveAccess["basis"]): "applications" | "grants" {
  return basis === "APPLICATION" ? "applications" : "grants";
}
