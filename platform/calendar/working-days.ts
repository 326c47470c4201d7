// Runs in the platform. The official working-day calendar (State Council holidays and adjusted working weekends,
// 调休) from chinese-days. Beyond its data it cannot know the holidays: days there are Monday–Friday and marked
// provisional, so a due date reaching into such a year is recomputed once the year is published.
import { getDayDetail, getHolidaysInRange } from "chinese-days";
import type { DueDate, WorkingDays } from "../../contract/platform-api.js";

type CalendarDay = WorkingDays["days"][number];

const FIRST_DATA_YEAR = 2004;
let lastYearCache: number | null = null;

/** The last year chinese-days has holiday data for. */
export function lastDataYear(): number {
  if (lastYearCache !== null) return lastYearCache;
  let year = FIRST_DATA_YEAR;
  while (year < 2200 && getHolidaysInRange(`${year + 1}-01-01`, `${year + 1}-12-31`, false).length > 0) year++;
  lastYearCache = year;
  return year;
}

export const MAX_RANGE_DAYS = 366;

const DAY_MS = 86_400_000;
const toMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const toDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function describeDay(date: string): CalendarDay {
  const weekday = new Date(toMs(date)).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  const year = Number(date.slice(0, 4));
  if (year < FIRST_DATA_YEAR || year > lastDataYear()) {
    return { date, working: !weekend, kind: weekend ? "weekend" : "workday", holiday: null, provisional: true };
  }
  const detail = getDayDetail(date);
  // Holiday names come as "Spring Festival,春节,4"; plain days carry the weekday name.
  const parts = detail.name.split(",");
  const holiday = parts.length >= 2 ? (parts[1] ?? null) : null;
  if (detail.work) return { date, working: true, kind: weekend ? "adjusted-workday" : "workday", holiday: weekend ? holiday : null, provisional: false };
  return { date, working: false, kind: holiday ? "holiday" : "weekend", holiday, provisional: false };
}

/** Both ends included. The caller checks the range (at most MAX_RANGE_DAYS). */
export function workingDays(from: string, to: string): WorkingDays {
  const days: CalendarDay[] = [];
  for (let ms = toMs(from); ms <= toMs(to); ms += DAY_MS) days.push(describeDay(toDate(ms)));
  return { days, dataThrough: `${lastDataYear()}-12-31`, provisional: days.some((d) => d.provisional) };
}

export function rangeLength(from: string, to: string): number {
  return Math.round((toMs(to) - toMs(from)) / DAY_MS) + 1;
}

/** The Nth working day after `from` (counting starts the day after submission). */
export function dueDate(from: string, count: number): DueDate {
  let ms = toMs(from);
  let left = count;
  let provisional = false;
  while (left > 0) {
    ms += DAY_MS;
    const day = describeDay(toDate(ms));
    provisional ||= day.provisional;
    if (day.working) left--;
  }
  return { from, workingDays: count, due: toDate(ms), provisional };
}
