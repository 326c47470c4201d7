// Runs in the platform API. Audit upload (idempotent by event id) and the working-day calendar.
import { dueDate, MAX_RANGE_DAYS, rangeLength, workingDays } from "../calendar/working-days.js";
import { ApiFailure } from "./api-failure.js";
import type { PlatformServices } from "./platform-services.js";
import type { RouteHandlers } from "./route-binding.js";

export function auditCalendarHandlers(s: PlatformServices): Pick<RouteHandlers, "audit" | "workingDays" | "dueDate"> {
  return {
    audit: async ({ body, auth }) => {
      const now = s.now();
      return s.store.write(async (db) => {
        const duplicates: string[] = [];
        let stored = 0;
        for (const e of body.events) {
          const res = await db.run(
            "INSERT INTO audit_event (id, user_id, session_id, received_at, at, action, camera_id, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
            [e.id, auth.userId, auth.sessionId, now, e.at, e.action, e.cameraId ?? null, JSON.stringify(e)],
          );
          if (res.changes > 0) stored++;
          else duplicates.push(e.id);
        }
        return { stored, duplicates };
      });
    },
    workingDays: async ({ query }) => {
      const days = rangeLength(query.from, query.to);
      if (days < 1) throw new ApiFailure(400, "BAD_REQUEST", "query.to: must not be before query.from");
      if (days > MAX_RANGE_DAYS) throw new ApiFailure(400, "BAD_REQUEST", `query: at most ${MAX_RANGE_DAYS} days per request`);
      return workingDays(query.from, query.to);
    },
    dueDate: async ({ query }) => dueDate(query.from, query.workingDays ?? s.config.answerDeadlineDays),
  };
}
