// Runs in the platform API. Readable ids for applications, incidents and grants: prefix, UTC date, random part
// (e.g. app-20260930-1f3a9c2e), short enough to read out over the phone and to show in a watermark.
import { randomBytes } from "node:crypto";

export function newRecordId(prefix: "app" | "inc" | "grant", now: number): string {
  return `${prefix}-${new Date(now).toISOString().slice(0, 10).replaceAll("-", "")}-${randomBytes(4).toString("hex")}`;
}
