import { describe, expect, it } from "vitest";
import { chinaDate, daysBetween, dueCountdown, dueState } from "./due-countdown.js";

// 2026-01-05 09:00 in China (UTC+8).
const MONDAY_9AM = Date.parse("2026-01-05T09:00:00+08:00");

describe("due countdown", () => {
  it("takes today's date in China, whatever the machine's zone", () => {
    expect(chinaDate(Date.parse("2026-01-04T16:30:00Z"))).toBe("2026-01-05");
    expect(chinaDate(Date.parse("2026-01-04T15:59:59Z"))).toBe("2026-01-04");
  });
  it("counts calendar days between dates", () => {
    expect(daysBetween("2026-01-05", "2026-01-08")).toBe(3);
    expect(daysBetween("2026-01-08", "2026-01-05")).toBe(-3);
    expect(daysBetween("2026-02-27", "2026-03-02")).toBe(3);
  });
  it("says days left, due today, or overdue for a pending application", () => {
    expect(dueCountdown(dueState({ status: "submitted", due: "2026-01-08", overdue: false }, MONDAY_9AM))).toEqual({ key: "access.due.daysLeft", params: { n: 3 } });
    expect(dueCountdown(dueState({ status: "submitted", due: "2026-01-05", overdue: false }, MONDAY_9AM))).toEqual({ key: "access.due.today" });
    const late = dueState({ status: "submitted", due: "2026-01-02", overdue: false }, MONDAY_9AM);
    expect(late.overdue).toBe(true);
    expect(dueCountdown(late)).toEqual({ key: "access.due.overdueBy", params: { n: 3 } });
  });
  it("believes the platform's overdue flag", () => {
    const flagged = dueState({ status: "submitted", due: "2026-01-05", overdue: true }, MONDAY_9AM);
    expect(flagged.overdue).toBe(true);
    expect(dueCountdown(flagged)).toEqual({ key: "access.due.overdue" });
  });
  it("stops counting once answered", () => {
    const answered = dueState({ status: "approved", due: "2026-01-02", overdue: true }, MONDAY_9AM);
    expect(answered.overdue).toBe(false);
    expect(dueCountdown(answered)).toBeNull();
  });
});
