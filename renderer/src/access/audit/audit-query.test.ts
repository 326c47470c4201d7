import { describe, expect, it } from "vitest";
import { AuditQuerySchema } from "../../../../contract/console-api.js";
import { AUDIT_PAGE_SIZE, EMPTY_AUDIT_FILTER, auditActionKey, auditDetailSummary, auditPaging, auditQuery, parseLocalDateTime } from "./audit-query.js";

describe("audit filters → query", () => {
  it("pages 100 at a time with no filters", () => {
    expect(auditQuery(EMPTY_AUDIT_FILTER, 0)).toEqual({ ok: true, query: { offset: 0, limit: AUDIT_PAGE_SIZE } });
  });

  it("carries camera, user, action prefix and the time range (the last minute included)", () => {
    const result = auditQuery({ cameraId: " 52030200001320000001 ", username: "operator", action: "stream", from: "2026-01-05T08:00", to: "2026-01-05T09:30" }, 200);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.query).toEqual({
      cameraId: "52030200001320000001",
      username: "operator",
      action: "stream",
      from: new Date(2026, 0, 5, 8, 0).getTime(),
      to: new Date(2026, 0, 5, 9, 30).getTime() + 59_999,
      offset: 200,
      limit: 100,
    });
    expect(AuditQuerySchema.safeParse(result.query).success).toBe(true);
  });

  it("refuses a bad camera id, a bad time and a range that ends before it starts", () => {
    const result = auditQuery({ ...EMPTY_AUDIT_FILTER, cameraId: "abc", from: "2026-01-05T10:00", to: "2026-01-05T09:00" }, 0);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.cameraId).toEqual({ key: "access.audit.err.cameraId" });
    expect(result.errors.to).toEqual({ key: "access.audit.err.range" });
    const bad = auditQuery({ ...EMPTY_AUDIT_FILTER, from: "2026-02-30T10:00" }, 0);
    expect(bad.ok ? null : bad.errors.from).toEqual({ key: "access.audit.err.time" });
  });

  it("parses datetime-local values as local time", () => {
    expect(parseLocalDateTime("")).toBeNull();
    expect(parseLocalDateTime("2026-01-05T08:01:02")).toBe(new Date(2026, 0, 5, 8, 1, 2).getTime());
    expect(parseLocalDateTime("yesterday")).toBeNaN();
  });
});

describe("audit paging", () => {
  it("says which rows are shown and where previous/next go", () => {
    expect(auditPaging(0, 100, 250)).toEqual({ first: 1, last: 100, total: 250, prevOffset: null, nextOffset: 100 });
    expect(auditPaging(200, 50, 250)).toEqual({ first: 201, last: 250, total: 250, prevOffset: 100, nextOffset: null });
    expect(auditPaging(0, 0, 0)).toEqual({ first: 0, last: 0, total: 0, prevOffset: null, nextOffset: null });
  });
});

describe("audit records", () => {
  it("label known actions by name, others by prefix", () => {
    expect(auditActionKey("stream.start")).toBe("access.audit.action.stream.start");
    expect(auditActionKey("grant.review")).toBe("access.audit.action.grant.review");
    expect(auditActionKey("program.open")).toBe("access.audit.action.program.open");
    expect(auditActionKey("stream.extend")).toBe("access.audit.action.stream.extend");
    expect(auditActionKey("program.close")).toBe("access.audit.prefix.program");
    expect(auditActionKey("grant.something-new")).toBe("access.audit.prefix.grant");
    expect(auditActionKey("relay.restart")).toBe("access.audit.prefix.other");
  });
  it("summarize detail on one line, skipping empty values", () => {
    expect(auditDetailSummary({ tile: 3, refId: "g-1", reason: null, ok: true })).toBe("tile=3 · refId=g-1 · ok=true");
    expect(auditDetailSummary({ text: "x".repeat(300) }).length).toBe(160);
  });
});
