// Conditional-share applications end to end on the real platform: validation, due dates on the official calendar
// (调休, provisional beyond the data), overdue, approve all/part/reject, the APPLICATION rule, tickets, events.
import { isWorkday } from "chinese-days";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApplicationListSchema, ApplicationSchema, EntitlementSetSchema, PlayTicketSchema, type Application, type ApplicationRequest } from "../../contract/platform-api.js";
import { lastDataYear } from "../../platform/calendar/working-days.js";
import { SHOWCASE_CAMERAS } from "../../platform/demo/demo-catalog.js";
import { captureEvents, LONG_ACCESS_TTL_MS, ok, setClock } from "./access-test-kit.js";
import { startFixture, type Fixture } from "./platform-fixture.js";

const CONDITIONAL = SHOWCASE_CAMERAS.conditional;
/** Another CONDITIONAL water camera of 红花岗区 (中华路水库大坝). */
const CONDITIONAL_2 = "52030200431326000601";
const NOT_SHARED = SHOWCASE_CAMERAS.notShared;
const UNCONDITIONAL = "52030200011326000001";
/** 红花岗区's classified camera: it exists on the platform but is never served. */
const CLASSIFIED = "52030200001310900000";

// A fresh platform per test: each test submits and decides what it needs (helpers below), never relying on what an
// earlier test left.
let f: Fixture;
const tokens: Record<string, string> = {};
beforeEach(async () => {
  f = await startFixture({ config: { accessTtlMs: LONG_ACCESS_TTL_MS, accessSweepMs: 0 } });
  for (const u of ["operator", "commander", "approver", "auditor"]) tokens[u] = (await f.login(u)).accessToken;
});
afterEach(() => f.close());

const as = (user: string) => ({
  get: (path: string) => f.call("GET", path, { token: tokens[user] }),
  post: (path: string, body: unknown) => f.call("POST", path, { token: tokens[user], body }),
});

const form = (over: Partial<ApplicationRequest> = {}): ApplicationRequest => ({
  applicantDepartment: "红花岗区分局指挥中心",
  contact: "王静 0851-28221234",
  reason: "防汛期间巡查湘江沿岸水位",
  scope: { kind: "cameras", cameraIds: [CONDITIONAL, CONDITIONAL_2] },
  purpose: "防汛值守",
  useScope: "分局指挥中心内部",
  securityMeasures: "专人值守，不外传，不录屏",
  validDays: 30,
  ...over,
});

/** The Nth official working day after `date`, straight from chinese-days (counting starts the day after). */
function expectedDue(date: string, n: number): string {
  let ms = Date.parse(`${date}T00:00:00Z`);
  for (let left = n; left > 0; ) {
    ms += 86_400_000;
    if (isWorkday(new Date(ms).toISOString().slice(0, 10))) left--;
  }
  return new Date(ms).toISOString().slice(0, 10);
}
const shanghaiMorning = (date: string): string => `${date}T02:00:00Z`;
const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const ticket = (user: string, cameraId: string) => as(user).post("/play-tickets", { cameraId, profile: "sub" });
const entitlements = async (user: string) => EntitlementSetSchema.parse((await as(user).get("/entitlements")).body.data);

/** The operator's application for both water cameras, submitted on 30 Sep 2026 (the clock stays there). */
async function submitFirst(): Promise<Application> {
  setClock(f, shanghaiMorning("2026-09-30"));
  return ok(ApplicationSchema, await as("operator").post("/applications", form()));
}
/** The commander's application for the whole water domain. */
async function submitDomain(): Promise<Application> {
  return ok(ApplicationSchema, await as("commander").post("/applications", form({ applicantDepartment: "应急指挥中心", scope: { kind: "domain", domain: "water" } })));
}
/** The approver grants `app` for its first camera only, for 3 days. */
async function approvePart(app: Application): Promise<Application> {
  return ok(ApplicationSchema, await as("approver").post("/applications/decision", { applicationId: app.id, outcome: "approve", validDays: 3, cameraIds: [CONDITIONAL] }));
}

describe("applications", () => {
  it("validates the form and names the field", async () => {
    const { contact: _c, ...noContact } = form();
    const missing = await as("operator").post("/applications", noContact);
    expect(missing.status).toBe(400);
    expect(missing.body.error?.message).toContain("body.contact");
    const short = await as("operator").post("/applications", form({ reason: " 短 " }));
    expect(short.status).toBe(400);
    expect(short.body.error?.message).toContain("body.reason");
    const tooLong = await as("operator").post("/applications", form({ validDays: 400 }));
    expect(tooLong.body.error?.message).toContain("body.validDays");
  });

  it("refuses cameras that need no application or cannot be applied for, without disclosing classified ones", async () => {
    const notShared = await as("operator").post("/applications", form({ scope: { kind: "cameras", cameraIds: [CONDITIONAL, NOT_SHARED] } }));
    expect(notShared.status).toBe(400);
    expect(notShared.body.error?.message).toMatch(new RegExp(`special authorization: ${NOT_SHARED}`));
    const unconditional = await as("operator").post("/applications", form({ scope: { kind: "cameras", cameraIds: [UNCONDITIONAL] } }));
    expect(unconditional.status).toBe(400);
    expect(unconditional.body.error?.message).toContain(`need no application: ${UNCONDITIONAL}`);
    const classified = await as("operator").post("/applications", form({ scope: { kind: "cameras", cameraIds: [CLASSIFIED, "52030200011326999999"] } }));
    expect(classified.body.error?.message).toBe(`body.scope.cameraIds: cameras not found: ${CLASSIFIED}, 52030200011326999999`);
    const emptyRegion = await as("operator").post("/applications", form({ scope: { kind: "region", civilCode: "110101" } }));
    expect(emptyRegion.status).toBe(400);
    expect(emptyRegion.body.error?.message).toContain("no conditionally shared cameras");
  });

  it("sets the due date on the official calendar: submitted 30 Sep 2026, due after National Day with 调休", async () => {
    setClock(f, shanghaiMorning("2026-09-30"));
    const sub = await captureEvents(f, "city-emergency");
    const first = ok(ApplicationSchema, await as("operator").post("/applications", form()));
    sub.stop();
    const due = expectedDue("2026-09-30", 3);
    expect(due > "2026-10-07").toBe(true);
    expect(first).toMatchObject({ status: "submitted", departmentId: "520302-skynet", departmentName: "遵义市公安局红花岗区分局", due, dueProvisional: false, overdue: false, decision: null });
    expect(first.applicant).toEqual({ userId: "u-operator", displayName: "值班员 王静" });
    expect(first.submittedAt.startsWith("2026-09-30")).toBe(true);
    // Every console hears of it (ids and status only).
    expect(sub.events).toContainEqual({ type: "application", applicationId: first.id, status: "submitted", due });
  });

  it("turns overdue the day after the due date", async () => {
    const first = await submitFirst();
    setClock(f, shanghaiMorning(first.due));
    const onDue = ok(ApplicationListSchema, await as("operator").get("/applications")).items[0];
    expect(onDue).toMatchObject({ id: first.id, overdue: false });
    setClock(f, shanghaiMorning(nextDay(first.due)));
    const after = ok(ApplicationListSchema, await as("operator").get("/applications")).items[0];
    expect(after).toMatchObject({ id: first.id, overdue: true });
  });

  it("lists your department's applications; approvers and auditors see all; newest first", async () => {
    const first = await submitFirst();
    const mine = await submitDomain();
    expect(mine.scope).toEqual({ kind: "domain", domain: "water" });
    const ops = ok(ApplicationListSchema, await as("operator").get("/applications")).items.map((a) => a.id);
    expect(ops).toEqual([first.id]);
    expect(ok(ApplicationListSchema, await as("commander").get("/applications")).items.map((a) => a.id)).toEqual([mine.id]);
    for (const user of ["approver", "auditor"]) {
      expect(ok(ApplicationListSchema, await as(user).get("/applications")).items.map((a) => a.id)).toEqual([mine.id, first.id]);
    }
  });

  it("lets only the approver decide, within the request", async () => {
    const first = await submitFirst();
    const byOperator = await as("operator").post("/applications/decision", { applicationId: first.id, outcome: "approve", validDays: 3 });
    expect(byOperator.status).toBe(403);
    expect(byOperator.body.error?.code).toBe("FORBIDDEN");
    expect((await as("approver").post("/applications/decision", { applicationId: "app-x", outcome: "approve", validDays: 3 })).status).toBe(404);
    const tooLong = await as("approver").post("/applications/decision", { applicationId: first.id, outcome: "approve", validDays: 31 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error?.message).toContain("at most the 30 days");
    const foreign = await as("approver").post("/applications/decision", { applicationId: first.id, outcome: "approve", validDays: 3, cameraIds: [NOT_SHARED] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error?.message).toContain(`not part of this application: ${NOT_SHARED}`);
    const noReason = await as("approver").post("/applications/decision", { applicationId: first.id, outcome: "reject" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error?.message).toContain("body.reason");
  });

  it("approves part: the applicant's department gets an APPLICATION rule for those cameras, and tickets", async () => {
    const first = await submitFirst();
    expect((await ticket("operator", CONDITIONAL)).body.error).toMatchObject({ code: "FORBIDDEN", reason: "NEEDS_APPLICATION" });
    const before = await entitlements("operator");
    const commanderBefore = await entitlements("commander");
    const ops = await captureEvents(f, "520302-skynet");
    const others = await captureEvents(f, "city-emergency");
    const decided = await approvePart(first);
    ops.stop();
    others.stop();
    expect(decided.status).toBe("partially-approved");
    expect(decided.overdue).toBe(false);
    expect(decided.decision).toMatchObject({ by: "审批 陈涛", approvedScope: { kind: "cameras", cameraIds: [CONDITIONAL] }, reason: null });
    const at = Date.parse(decided.decision?.at ?? "");
    expect(Date.parse(decided.decision?.validUntil ?? "")).toBe(at + 3 * 86_400_000);

    const after = await entitlements("operator");
    expect(after.revision).toBeGreaterThan(before.revision);
    const rule = after.entitlements.find((e) => e.basis === "APPLICATION");
    expect(rule).toMatchObject({ refId: first.id, classes: ["CONDITIONAL"], scope: { kind: "cameras", cameraIds: [CONDITIONAL] }, validFrom: decided.decision?.at, validUntil: decided.decision?.validUntil, requiresMediaUse: false });
    // Only the applicant's department.
    const commanderAfter = await entitlements("commander");
    expect(commanderAfter.revision).toBe(commanderBefore.revision);
    expect(commanderAfter.entitlements.some((e) => e.basis === "APPLICATION")).toBe(false);
    expect(ops.events).toContainEqual({ type: "entitlement", departmentId: "520302-skynet", revision: after.revision });
    expect(ops.events).toContainEqual({ type: "application", applicationId: first.id, status: "partially-approved", due: first.due });
    expect(others.events.some((e) => e.type === "entitlement")).toBe(false);

    const t = ok(PlayTicketSchema, await ticket("operator", CONDITIONAL));
    expect(t).toMatchObject({ basis: "APPLICATION", validUntil: decided.decision?.validUntil });
    // The camera left out of the approval stays closed; so does the commander's access.
    expect((await ticket("operator", CONDITIONAL_2)).body.error?.reason).toBe("NEEDS_APPLICATION");
    expect((await ticket("commander", CONDITIONAL)).body.error?.reason).toBe("NEEDS_APPLICATION");
  });

  it("answers 409 to a second decision", async () => {
    const first = await submitFirst();
    await approvePart(first);
    const again = await as("approver").post("/applications/decision", { applicationId: first.id, outcome: "reject", reason: "重复审批" });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "CONFLICT" });
    expect(again.body.error?.message).toContain("already partially-approved");
  });

  it("rejects with a reason; a region or domain is approved as a whole only", async () => {
    await submitFirst();
    await submitDomain();
    const list = ok(ApplicationListSchema, await as("approver").get("/applications")).items;
    const domainApp = list.find((a) => a.scope.kind === "domain");
    if (!domainApp) throw new Error("the commander's domain application is missing");
    const partial = await as("approver").post("/applications/decision", { applicationId: domainApp.id, outcome: "approve", validDays: 5, cameraIds: [CONDITIONAL] });
    expect(partial.status).toBe(400);
    expect(partial.body.error?.message).toContain("approved or rejected as a whole");
    const before = await entitlements("commander");
    const rejected = ok(ApplicationSchema, await as("approver").post("/applications/decision", { applicationId: domainApp.id, outcome: "reject", reason: "用途与范围不匹配，请按点位申请" }));
    expect(rejected).toMatchObject({ status: "rejected", decision: { approvedScope: null, validUntil: null, reason: "用途与范围不匹配，请按点位申请" } });
    expect((await entitlements("commander")).revision).toBe(before.revision);
  });

  it("marks a due date beyond the calendar's data provisional; an approval ends on time", async () => {
    await approvePart(await submitFirst());
    const year = lastDataYear();
    setClock(f, shanghaiMorning(`${year}-12-30`));
    const late = ok(ApplicationSchema, await as("operator").post("/applications", form({ scope: { kind: "cameras", cameraIds: [CONDITIONAL_2] } })));
    expect(late.due.startsWith(String(year + 1))).toBe(true);
    expect(late.dueProvisional).toBe(true);
    // The approval (3 days from 30 September) has ended: its rule is gone and tickets are refused.
    const set = await entitlements("operator");
    expect(set.entitlements.some((e) => e.basis === "APPLICATION")).toBe(false);
    expect((await ticket("operator", CONDITIONAL)).body.error?.reason).toBe("NEEDS_APPLICATION");
    // The sweeper records the end and tells the department.
    const ops = await captureEvents(f, "520302-skynet");
    await f.platform.services.sweeper.sweep();
    ops.stop();
    const swept = await entitlements("operator");
    expect(swept.revision).toBeGreaterThan(set.revision);
    expect(ops.events).toContainEqual({ type: "entitlement", departmentId: "520302-skynet", revision: swept.revision });
  });
});
