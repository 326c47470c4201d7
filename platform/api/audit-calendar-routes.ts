// Runs in the platform API. Audit upload (idempotent by event id), the auditors' view of a terminal's chain, and the
// working-day calendar.
import { auditChainPage, storeAuditBatch } from "../audit/audit-archive.js";
import { dueDate, MAX_RANGE_DAYS, rangeLength, workingDays } from "../calendar/working-days.js";
import { ApiFailure } from "./api-failure.js";
import type { PlatformServices } from "./platform-services.js";
import type { RouteHandlers } from "./route-binding.js";

export function auditCalendarHandlers(s: PlatformServices): Pick<RouteHandlers, "audit" | "auditChain" | "workingDays" | "dueDate"> {
  return {
    audit: async ({ body, auth }) => {
      const now = s.now();
      return s.store.write((db) => storeAuditBatch(db, body.events, auth, now));
    },
    auditChain: async ({ query, auth }) => {
      if (!auth.roles.includes("auditor")) throw new ApiFailure(403, "FORBIDDEN", "only auditors may read a terminal's audit chain");
      return auditChainPage(s.store.reader, query);
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
