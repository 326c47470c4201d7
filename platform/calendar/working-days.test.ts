import { describe, expect, it } from "vitest";
import { describeDay, dueDate, lastDataYear, workingDays } from "./working-days.js";

describe("working-day calendar", () => {
  it("has data through 2026", () => {
    expect(lastDataYear()).toBeGreaterThanOrEqual(2026);
  });

  it("knows Spring Festival 2026 and its adjusted working Saturdays", () => {
    expect(describeDay("2026-02-14")).toMatchObject({ working: true, kind: "adjusted-workday", holiday: "春节", provisional: false });
    expect(describeDay("2026-02-16")).toMatchObject({ working: false, kind: "holiday", holiday: "春节" });
    expect(describeDay("2026-02-23")).toMatchObject({ working: false, kind: "holiday" });
    expect(describeDay("2026-02-24")).toMatchObject({ working: true, kind: "workday" });
    expect(describeDay("2026-02-28")).toMatchObject({ working: true, kind: "adjusted-workday" });
  });

  it("counts 3 working days from the day after submission across Spring Festival", () => {
    // Submitted Thu 12 Feb: Fri 13, Sat 14 (adjusted workday), then the holiday until Mon 23; Tue 24 is the third.
    expect(dueDate("2026-02-12", 3)).toEqual({ from: "2026-02-12", workingDays: 3, due: "2026-02-24", provisional: false });
  });

  it("knows an adjusted working Sunday (Spring Festival 2025) and counts through it", () => {
    expect(describeDay("2025-01-26")).toMatchObject({ working: true, kind: "adjusted-workday", holiday: "春节" });
    expect(describeDay("2025-02-04")).toMatchObject({ working: false, kind: "holiday", holiday: "春节" });
    expect(describeDay("2025-02-08")).toMatchObject({ working: true, kind: "adjusted-workday" });
    // Submitted Fri 24 Jan: Sun 26 (adjusted), Mon 27, then the holiday 28 Jan–4 Feb; Wed 5 Feb is the third.
    expect(dueDate("2025-01-24", 3)).toMatchObject({ due: "2025-02-05", provisional: false });
  });

  it("counts across National Day 2026 with its adjusted days", () => {
    expect(describeDay("2026-09-20")).toMatchObject({ working: true, kind: "adjusted-workday" });
    expect(describeDay("2026-10-07")).toMatchObject({ working: false, kind: "holiday", holiday: "国庆节" });
    expect(describeDay("2026-10-10")).toMatchObject({ working: true, kind: "adjusted-workday" });
    // Submitted Wed 30 Sep: 1–7 Oct off, Thu 8, Fri 9, Sat 10 (adjusted).
    expect(dueDate("2026-09-30", 3).due).toBe("2026-10-10");
  });

  it("marks days beyond the data provisional (Monday–Friday assumed)", () => {
    const year = lastDataYear() + 1;
    const day = describeDay(`${year}-10-01`);
    expect(day.provisional).toBe(true);
    const due = dueDate(`${lastDataYear()}-12-30`, 3);
    expect(due.provisional).toBe(true);
    expect(dueDate("2026-03-02", 3)).toMatchObject({ due: "2026-03-05", provisional: false });
    const range = workingDays(`${lastDataYear()}-12-30`, `${year}-01-02`);
    expect(range.provisional).toBe(true);
    expect(range.days.map((d) => d.provisional)).toEqual([false, false, true, true]);
  });
});
