// Audit upload idempotency, the calendar endpoints, and the health summary.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditBatchResultSchema, DueDateSchema, HealthSummarySchema, WorkingDaysSchema } from "../../contract/platform-api.js";
import { startFixture, type Fixture } from "./platform-fixture.js";

let f: Fixture;
let token = "";
beforeAll(async () => {
  f = await startFixture();
  token = (await f.login("operator")).accessToken;
});
afterAll(() => f.close());

const event = (action = "stream.start") => ({ id: randomUUID(), at: new Date().toISOString(), action, terminalId: "ws-01", cameraId: "52030200011326000001", basis: "UNCONDITIONAL", detail: { tile: 3 } });

describe("audit upload", () => {
  it("stores each event id once, however often it is sent", async () => {
    const a = event();
    const b = event("stream.stop");
    const first = AuditBatchResultSchema.parse((await f.call("POST", "/audit/events", { token, body: { events: [a, b] } })).body.data);
    expect(first).toEqual({ stored: 2, duplicates: [] });
    const c = event("login");
    const retry = AuditBatchResultSchema.parse((await f.call("POST", "/audit/events", { token, body: { events: [a, c, b, c] } })).body.data);
    expect(retry).toEqual({ stored: 1, duplicates: [a.id, b.id, c.id] });
    const rows = await f.platform.store.reader.get<{ n: number }>("SELECT COUNT(*) AS n FROM audit_event");
    expect(rows?.n).toBe(3);
  });

  it("rejects malformed events and oversized batches", async () => {
    const bad = await f.call("POST", "/audit/events", { token, body: { events: [{ ...event(), id: "not-a-uuid", action: "Stream Start" }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain("body.events.0.id");
    const many = await f.call("POST", "/audit/events", { token, body: { events: Array.from({ length: 501 }, () => event()) } });
    expect(many.status).toBe(400);
    const empty = await f.call("POST", "/audit/events", { token, body: { events: [] } });
    expect(empty.status).toBe(400);
  });
});

describe("calendar", () => {
  it("lists working days with adjusted days and computes due dates", async () => {
    const days = WorkingDaysSchema.parse((await f.call("GET", "/calendar/working-days?from=2026-02-13&to=2026-02-24", { token })).body.data);
    expect(days.days.filter((d) => d.working).map((d) => d.date)).toEqual(["2026-02-13", "2026-02-14", "2026-02-24"]);
    expect(days.provisional).toBe(false);
    const due = DueDateSchema.parse((await f.call("GET", "/calendar/due-date?from=2026-09-30", { token })).body.data);
    expect(due).toEqual({ from: "2026-09-30", workingDays: 3, due: "2026-10-10", provisional: false });
    const later = DueDateSchema.parse((await f.call("GET", "/calendar/due-date?from=2030-01-01&workingDays=10", { token })).body.data);
    expect(later.provisional).toBe(true);
  });

  it("refuses bad dates and too long ranges", async () => {
    expect((await f.call("GET", "/calendar/working-days?from=2026-13-01&to=2026-12-31", { token })).status).toBe(400);
    const long = await f.call("GET", "/calendar/working-days?from=2025-01-01&to=2026-12-31", { token });
    expect(long.status).toBe(400);
    expect(long.body.error?.message).toContain("366");
    expect((await f.call("GET", "/calendar/working-days?from=2026-02-02&to=2026-02-01", { token })).status).toBe(400);
  });
});

describe("health summary", () => {
  it("gives online rates per department, domain and region over served cameras", async () => {
    const h = HealthSummarySchema.parse((await f.call("GET", "/health/summary", { token })).body.data);
    expect(h.total).toBe(209);
    expect(h.onlineRate).toBeGreaterThan(0.8);
    expect(h.byRegion).toHaveLength(15);
    expect(h.byDomain.map((g) => g.key)).toContain("xueliang");
    expect(h.byRegion.find((g) => g.key === "520302")?.name).toBe("红花岗区");
    expect(h.byDepartment.reduce((a, g) => a + g.total, 0)).toBe(209);
  });
});
