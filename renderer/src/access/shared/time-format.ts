// Runs in the renderer (pure). Compact times for dense tables: "2025-01-08 14:03" in the console's local time zone,
// and remaining durations as h:mm:ss.

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** YYYY-MM-DD HH:mm (local time); with seconds when asked. */
export function formatDateTime(ms: number, seconds = false): string {
  const d = new Date(ms);
  const base = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return seconds ? `${base}:${pad(d.getSeconds())}` : base;
}

/** An ISO time from the platform as YYYY-MM-DD HH:mm; the text itself when it does not parse. */
export function formatIso(iso: string | null): string {
  if (iso === null) return "—";
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatDateTime(ms);
}

/** A remaining duration: "1:02:03", "12:34", "0:05"; never negative. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** The value of a datetime-local input for a time (local). */
export function toDateTimeLocal(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
