// Runs in the renderer (pure). Wall-clock times as operators read them: HH:MM today, MM-DD HH:MM otherwise.
import type { Locale } from "../../../contract/console-api.js";

export function clockTime(ms: number, locale: Locale, now = Date.now()): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const today = new Date(now);
  const sameDay = d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
  if (sameDay) return hm;
  return locale === "zh-CN" ? `${d.getMonth() + 1}月${d.getDate()}日 ${hm}` : `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}`;
}

/** Whole seconds until `at` (never negative). */
export function secondsUntil(at: number, now = Date.now()): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}
