// Runs in the renderer (pure). The answer deadline of an application in days: the platform gives the due date (N
// working days on the official calendar with 调休); the console counts calendar days to it from today in China
// (UTC+8, no daylight saving), on the console's access clock.
import type { Application } from "../../../../contract/platform-api.js";
import type { Message } from "../shared/form-errors.js";

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The date (YYYY-MM-DD) in China at `ms`. */
export function chinaDate(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from one YYYY-MM-DD date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export type DueState = {
  /** Still waiting for the answer. */
  pending: boolean;
  /** Calendar days from today to the due date (0: due today; negative: past it). */
  daysLeft: number;
  /** Unanswered past the due date (the platform's flag, or our own count). */
  overdue: boolean;
};

export function dueState(app: Pick<Application, "status" | "due" | "overdue">, nowMs: number): DueState {
  const pending = app.status === "submitted";
  const daysLeft = daysBetween(chinaDate(nowMs), app.due);
  return { pending, daysLeft, overdue: pending && (app.overdue || daysLeft < 0) };
}

/** The countdown shown beside the due date of a pending application; null once it is answered. */
export function dueCountdown(state: DueState): Message | null {
  if (!state.pending) return null;
  if (state.overdue) return state.daysLeft < 0 ? { key: "access.due.overdueBy", params: { n: -state.daysLeft } } : { key: "access.due.overdue" };
  if (state.daysLeft === 0) return { key: "access.due.today" };
  return { key: "access.due.daysLeft", params: { n: state.daysLeft } };
}
