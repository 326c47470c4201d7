// Emergency grants end to end on the real platform: policy and caps, break-glass at once, special authorization
// after the approver, extensions, revoke (forced stop), media grants, the approver's review of break-glass grants
// afterwards, expiry on a moved clock with its push, and grants stored before the review step.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  EntitlementSetSchema,
  GrantListSchema,
  GrantPolicySchema,
  GrantSchema,
  IncidentListSchema,
  PlayTicketSchema,
  type Grant,
  type GrantRequest,
} from "../../contract/platform-api.js";
import { SHOWCASE_CAMERAS } from "../../platform/demo/demo-catalog.js";
import { waitFor } from "../support/wait-for.js";
import { captureEvents, LONG_ACCESS_TTL_MS, ok, setClock } from "./access-test-kit.js";
import { startFixture, type Fixture } from "./platform-fixture.js";

const CONDITIONAL = SHOWCASE_CAMERAS.conditional;
const NOT_SHARED = SHOWCASE_CAMERAS.notShared;
/** An UNCONDITIONAL 雪亮 camera not cleared for media use. */
const NO_MEDIA_USE = "52030200011326000001";
const MIN = 60_000;

// A fresh platform per test: each test opens the grants it needs (helpers below), never relying on what an earlier
// test left.
let f: Fixture;
const tokens: Record<string, string> = {};
beforeEach(async () => {
  f = await startFixture({ config: { accessTtlMs: LONG_ACCESS_TTL_MS, accessSweepMs: 50 } });
  setClock(f, "2026-10-08T02:00:00Z");
  for (const u of ["operator", "commander", "media", "approver", "auditor"]) tokens[u] = (await f.login(u)).accessToken;
});
afterEach(() => f.close());

const as = (user: string) => ({
  get: (path: string) => f.call("GET", path, { token: tokens[user] }),
  post: (path: string, body: unknown) => f.call("POST", path, { token: tokens[user], body }),
});
const ticket = (user: string, cameraId: string) => as(user).post("/play-tickets", { cameraId, profile: "sub" });
const entitlements = async (user: string) => EntitlementSetSchema.parse((await as(user).get("/entitlements")).body.data);
const flood = { title: "湘江红花岗段洪水", type: "flood", level: "III", civilCode: "520300" } as const;
const request = (over: Partial<GrantRequest>): GrantRequest => ({ scope: { kind: "cameras", cameraIds: [CONDITIONAL] }, minutes: 30, reason: "防汛抢险，查看沿岸水位", ...over });
const span = (g: Grant): number => Date.parse(g.validUntil ?? "") - Date.parse(g.validFrom ?? "");

/** The commander's 30-minute break-glass grant over the conditional camera, declaring the flood incident. */
const openBreakGlass = async (): Promise<Grant> => ok(GrantSchema, await as("commander").post("/emergency/grants", request({ incident: flood })));
/** A 60-minute special authorization over the NOT_SHARED camera, still waiting for the approver. */
const requestSpecial = async (incidentId: string): Promise<Grant> =>
  ok(GrantSchema, await as("commander").post("/emergency/grants", request({ incidentId, scope: { kind: "cameras", cameraIds: [NOT_SHARED] }, minutes: 60 })));
/** The same, approved by the approver. */
const approvedSpecial = async (incidentId: string): Promise<Grant> =>
  ok(GrantSchema, await as("approver").post("/emergency/grants/decision", { grantId: (await requestSpecial(incidentId)).id, approve: true }));
/** A 20-minute media grant opening the camera without media use to the media centre. */
const openMediaGrant = async (incidentId: string): Promise<Grant> =>
  ok(GrantSchema, await as("commander").post("/emergency/grants", request({ incidentId, scope: { kind: "cameras", cameraIds: [NO_MEDIA_USE] }, minutes: 20, mediaDepartmentId: "city-media" })));

describe("emergency grants", () => {
  it("publishes its policy", async () => {
    const policy = ok(GrantPolicySchema, await as("operator").get("/emergency/policy"));
    expect(policy).toEqual({
      capMinutes: { I: 720, II: 480, III: 240, IV: 120 },
      maxTotalMinutes: 1440,
      answerDeadlineDays: 3,
      mediaDepartments: [{ id: "city-media", name: "遵义市融媒体中心" }],
    });
  });

  it("lets only commanders request, within the cap and the policy", async () => {
    const byOperator = await as("operator").post("/emergency/grants", request({ incident: flood }));
    expect(byOperator.status).toBe(403);
    const overCap = await as("commander").post("/emergency/grants", request({ incident: { ...flood, level: "IV" }, minutes: 121 }));
    expect(overCap.status).toBe(400);
    expect(overCap.body.error?.message).toBe("body.minutes: a level IV incident allows grants of at most 120 minutes");
    const both = await as("commander").post("/emergency/grants", request({}));
    expect(both.status).toBe(400);
    expect(both.body.error?.message).toContain("body.incidentId");
    expect((await as("commander").post("/emergency/grants", request({ incidentId: "inc-none" }))).status).toBe(404);
    const notMedia = await as("commander").post("/emergency/grants", request({ incident: flood, mediaDepartmentId: "520302-skynet" }));
    expect(notMedia.body.error?.message).toContain("body.mediaDepartmentId: 520302-skynet is not a media department");
    const unknown = await as("commander").post("/emergency/grants", request({ incident: flood, scope: { kind: "cameras", cameraIds: ["52030200011326999999"] } }));
    expect(unknown.body.error?.message).toBe("body.scope.cameraIds: cameras not found: 52030200011326999999");
    // Nothing was recorded by the refused requests.
    expect(ok(IncidentListSchema, await as("commander").get("/emergency/incidents")).items).toEqual([]);
  });

  it("opens a break-glass grant over conditional cameras at once", async () => {
    expect((await ticket("commander", CONDITIONAL)).body.error?.reason).toBe("NEEDS_APPLICATION");
    const before = await entitlements("commander");
    const all = await captureEvents(f, "city-emergency");
    const ops = await captureEvents(f, "520302-skynet");
    const breakGlass = await openBreakGlass();
    all.stop();
    ops.stop();
    expect(breakGlass).toMatchObject({ kind: "break-glass", basis: "GRANT", status: "active", departmentId: "city-emergency", requestedBy: "指挥长 李强", minutes: 30, extensions: 0, extension: null });
    expect(span(breakGlass)).toBe(30 * MIN);
    const incidents = ok(IncidentListSchema, await as("operator").get("/emergency/incidents")).items;
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ id: breakGlass.incidentId, civilCode: "5203", regionName: "遵义市", level: "III", declaredBy: "指挥长 李强" });

    const after = await entitlements("commander");
    expect(after.revision).toBeGreaterThan(before.revision);
    expect(after.entitlements.find((e) => e.refId === breakGlass.id)).toMatchObject({ basis: "GRANT", classes: ["UNCONDITIONAL", "CONDITIONAL"], validUntil: breakGlass.validUntil, requiresMediaUse: false });
    expect(all.events).toContainEqual({ type: "grant", grantId: breakGlass.id, status: "active", validUntil: breakGlass.validUntil });
    expect(all.events).toContainEqual({ type: "entitlement", departmentId: "city-emergency", revision: after.revision });
    expect(ops.events.some((e) => e.type === "entitlement")).toBe(false);
    expect(ops.events.some((e) => e.type === "grant")).toBe(true);

    const t = ok(PlayTicketSchema, await ticket("commander", CONDITIONAL));
    expect(t).toMatchObject({ basis: "GRANT", validUntil: breakGlass.validUntil });
    // Break-glass never opens NOT_SHARED cameras.
    expect((await ticket("commander", NOT_SHARED)).body.error?.reason).toBe("NOT_SHARED");
  });

  it("extends a break-glass grant at once, up to the total ceiling", async () => {
    const breakGlass = await openBreakGlass();
    const byOperator = await as("operator").post("/emergency/grants/extend", { grantId: breakGlass.id, minutes: 30, reason: "水位仍在上涨" });
    expect(byOperator.status).toBe(403);
    const all = await captureEvents(f, "city-emergency");
    const extended = ok(GrantSchema, await as("commander").post("/emergency/grants/extend", { grantId: breakGlass.id, minutes: 30, reason: "水位仍在上涨" }));
    all.stop();
    expect(extended).toMatchObject({ status: "active", extensions: 1, extension: null, validFrom: breakGlass.validFrom });
    expect(span(extended)).toBe(60 * MIN);
    expect(all.events).toContainEqual({ type: "grant", grantId: breakGlass.id, status: "extended", validUntil: extended.validUntil });
    expect(all.events.some((e) => e.type === "entitlement")).toBe(true);
    expect(ok(PlayTicketSchema, await ticket("commander", CONDITIONAL)).validUntil).toBe(extended.validUntil);
    const tooMuch = await as("commander").post("/emergency/grants/extend", { grantId: breakGlass.id, minutes: 1381, reason: "持续值守" });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error?.message).toContain("at most 1380 more");
  });

  it("keeps a special authorization over a NOT_SHARED camera requested until the approver approves", async () => {
    const { incidentId } = await openBreakGlass();
    const special = await requestSpecial(incidentId);
    expect(special).toMatchObject({ kind: "special", status: "requested", validFrom: null, validUntil: null, incidentId });
    expect((await ticket("commander", NOT_SHARED)).body.error?.reason).toBe("NOT_SHARED");
    expect((await entitlements("commander")).entitlements.some((e) => e.refId === special.id)).toBe(false);
    expect((await as("commander").post("/emergency/grants/decision", { grantId: special.id, approve: true })).status).toBe(403);
    expect((await as("commander").post("/emergency/grants/extend", { grantId: special.id, minutes: 10, reason: "延长" })).status).toBe(409);

    f.clock.offsetMs += 5 * MIN; // the approver answers five minutes later: validity counts from the approval
    const all = await captureEvents(f, "city-emergency");
    const approved = ok(GrantSchema, await as("approver").post("/emergency/grants/decision", { grantId: special.id, approve: true }));
    all.stop();
    expect(approved).toMatchObject({ status: "active", decidedBy: "审批 陈涛" });
    expect(Date.parse(approved.validFrom ?? "")).toBeGreaterThan(Date.parse(special.requestedAt) + 4 * MIN);
    expect(span(approved)).toBe(60 * MIN);
    expect(all.events).toContainEqual({ type: "grant", grantId: special.id, status: "active", validUntil: approved.validUntil });
    const rule = (await entitlements("commander")).entitlements.find((e) => e.refId === special.id);
    expect(rule).toMatchObject({ basis: "GRANT", classes: null, validUntil: approved.validUntil });
    const t = ok(PlayTicketSchema, await ticket("commander", NOT_SHARED));
    expect(t).toMatchObject({ basis: "GRANT", validUntil: approved.validUntil });
    const twice = await as("approver").post("/emergency/grants/decision", { grantId: special.id, approve: true });
    expect(twice.status).toBe(409);
    expect(twice.body.error?.code).toBe("CONFLICT");
  });

  it("holds a special grant's extension for the approver", async () => {
    const special = await approvedSpecial((await openBreakGlass()).incidentId);
    const pending = ok(GrantSchema, await as("commander").post("/emergency/grants/extend", { grantId: special.id, minutes: 30, reason: "救援尚未结束" }));
    expect(pending).toMatchObject({ status: "active", validUntil: special.validUntil, extensions: 0, extension: { minutes: 30, reason: "救援尚未结束" } });
    expect((await as("commander").post("/emergency/grants/extend", { grantId: special.id, minutes: 10, reason: "再延长" })).status).toBe(409);
    expect(ok(PlayTicketSchema, await ticket("commander", NOT_SHARED)).validUntil).toBe(special.validUntil);
    const all = await captureEvents(f, "city-emergency");
    const extended = ok(GrantSchema, await as("approver").post("/emergency/grants/decision", { grantId: special.id, approve: true }));
    all.stop();
    expect(extended).toMatchObject({ extensions: 1, extension: null });
    expect(span(extended)).toBe(90 * MIN);
    expect(all.events).toContainEqual({ type: "grant", grantId: special.id, status: "extended", validUntil: extended.validUntil });
    expect(ok(PlayTicketSchema, await ticket("commander", NOT_SHARED)).validUntil).toBe(extended.validUntil);
    expect((await as("approver").post("/emergency/grants/decision", { grantId: special.id, approve: false, reason: "无待审批事项" })).status).toBe(409);
  });

  it("refuses a special authorization only with a reason", async () => {
    const { incidentId } = await openBreakGlass();
    const g = ok(GrantSchema, await as("commander").post("/emergency/grants", request({ incidentId, scope: { kind: "region", civilCode: "520302" }, minutes: 20 })));
    expect(g).toMatchObject({ kind: "special", status: "requested", scope: { kind: "region", civilCode: "520302" } });
    const noReason = await as("approver").post("/emergency/grants/decision", { grantId: g.id, approve: false });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error?.message).toContain("body.reason");
    const refused = ok(GrantSchema, await as("approver").post("/emergency/grants/decision", { grantId: g.id, approve: false, reason: "范围过大，请按点位申请" }));
    expect(refused).toMatchObject({ status: "rejected", endReason: "范围过大，请按点位申请", endedBy: "审批 陈涛", validUntil: null });
  });

  it("lets the media department open a camera without media use under a media grant", async () => {
    const breakGlass = await openBreakGlass();
    expect((await ticket("media", NO_MEDIA_USE)).body.error?.reason).toBe("MEDIA_USE_REQUIRED");
    const m = await openMediaGrant(breakGlass.incidentId);
    expect(m).toMatchObject({ kind: "break-glass", basis: "MEDIA_GRANT", status: "active", departmentId: "city-media", departmentName: "遵义市融媒体中心" });
    const rule = (await entitlements("media")).entitlements.find((e) => e.refId === m.id);
    expect(rule).toMatchObject({ basis: "MEDIA_GRANT", requiresMediaUse: false });
    expect(ok(PlayTicketSchema, await ticket("media", NO_MEDIA_USE))).toMatchObject({ basis: "MEDIA_GRANT", validUntil: m.validUntil });
    // Listed for the grantee and the requester; not for other departments; approvers and auditors see everything.
    const ids = async (user: string) => ok(GrantListSchema, await as(user).get("/emergency/grants")).items.map((g) => g.id);
    expect(await ids("media")).toEqual([m.id]);
    expect(await ids("commander")).toContain(m.id);
    expect(await ids("operator")).toEqual([]);
    expect((await ids("auditor")).sort()).toEqual([breakGlass.id, m.id].sort());
    expect(await ids("approver")).toEqual(await ids("commander"));
  });

  it("revokes: the rule drops out at once and tickets are refused", async () => {
    const breakGlass = await openBreakGlass();
    expect((await as("operator").post("/emergency/grants/revoke", { grantId: breakGlass.id, reason: "误操作" })).status).toBe(403);
    const all = await captureEvents(f, "city-emergency");
    const revoked = ok(GrantSchema, await as("commander").post("/emergency/grants/revoke", { grantId: breakGlass.id, reason: "险情解除" }));
    all.stop();
    expect(revoked).toMatchObject({ status: "revoked", endReason: "险情解除", endedBy: "指挥长 李强" });
    expect(Date.parse(revoked.validUntil ?? "")).toBeLessThanOrEqual(Date.now() + f.clock.offsetMs);
    expect(all.events).toContainEqual({ type: "grant", grantId: breakGlass.id, status: "revoked", validUntil: revoked.validUntil });
    expect((await entitlements("commander")).entitlements.some((e) => e.refId === breakGlass.id)).toBe(false);
    expect((await ticket("commander", CONDITIONAL)).body.error?.reason).toBe("NEEDS_APPLICATION");
    expect((await as("commander").post("/emergency/grants/revoke", { grantId: breakGlass.id, reason: "再次撤销" })).status).toBe(409);
    expect((await as("commander").post("/emergency/grants/extend", { grantId: breakGlass.id, minutes: 10, reason: "延长" })).status).toBe(409);
  });

  it("lets the approver review a break-glass grant afterwards, once, in any status, without changing access", async () => {
    const breakGlass = await openBreakGlass();
    const special = await approvedSpecial(breakGlass.incidentId);
    ok(GrantSchema, await as("commander").post("/emergency/grants/revoke", { grantId: breakGlass.id, reason: "险情解除" }));
    const body = { grantId: breakGlass.id, note: "险情紧急，事后复核：范围与时长适当" };
    const byCommander = await as("commander").post("/emergency/grants/review", body);
    expect(byCommander.status).toBe(403);
    expect(byCommander.body.error?.code).toBe("FORBIDDEN");
    const noNote = await as("approver").post("/emergency/grants/review", { grantId: breakGlass.id });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error?.message).toContain("body.note");
    expect((await as("approver").post("/emergency/grants/review", { grantId: "grant-none", note: "复核" })).status).toBe(404);
    const ofSpecial = await as("approver").post("/emergency/grants/review", { grantId: special.id, note: "复核" });
    expect(ofSpecial.status).toBe(409);
    expect(ofSpecial.body.error?.code).toBe("CONFLICT");
    expect(ofSpecial.body.error?.message).toContain("special authorization, approved by the approver beforehand");

    const before = await entitlements("commander");
    const all = await captureEvents(f, "city-emergency");
    const reviewed = ok(GrantSchema, await as("approver").post("/emergency/grants/review", body));
    all.stop();
    // Revoked above: a review comes after the fact, whatever the status.
    expect(reviewed).toMatchObject({ id: breakGlass.id, status: "revoked", endReason: "险情解除", review: { by: "审批 陈涛", note: body.note } });
    expect(Math.abs(Date.parse(reviewed.review?.at ?? "") - (Date.now() + f.clock.offsetMs))).toBeLessThan(5000);
    expect(all.events).toContainEqual({ type: "grant", grantId: breakGlass.id, status: "revoked", validUntil: reviewed.validUntil });
    expect(all.events.some((e) => e.type === "entitlement")).toBe(false);
    expect((await entitlements("commander")).revision).toBe(before.revision);

    for (const user of ["commander", "approver", "auditor"]) {
      const listed = ok(GrantListSchema, await as(user).get("/emergency/grants")).items.find((g) => g.id === breakGlass.id);
      expect(listed?.review).toEqual(reviewed.review);
    }
    expect(ok(GrantListSchema, await as("approver").get("/emergency/grants")).items.find((g) => g.id === special.id)?.review).toBeNull();
    const logged = await f.platform.store.reader.all<{ user_id: string; detail: string }>("SELECT user_id, detail FROM access_action WHERE ref_id = ? AND action = 'grant.review'", [breakGlass.id]);
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]?.detail ?? "{}")).toEqual({ note: body.note, status: "revoked" });

    const twice = await as("approver").post("/emergency/grants/review", { ...body, note: "再次复核" });
    expect(twice.status).toBe(409);
    expect(twice.body.error?.message).toContain("already reviewed by 审批 陈涛");
    expect(ok(GrantListSchema, await as("approver").get("/emergency/grants")).items.find((g) => g.id === breakGlass.id)?.review?.note).toBe(body.note);
  });

  it("expires on time: status, rule, tickets, and a pushed grant event from the sweeper", async () => {
    const breakGlass = await openBreakGlass();
    const special = await approvedSpecial(breakGlass.incidentId);
    await openMediaGrant(breakGlass.incidentId);
    const all = await captureEvents(f, "city-emergency");
    f.clock.offsetMs += 65 * MIN; // past the special grant's 60 minutes (and the others' 30 and 20)
    const expired = await waitFor("the sweeper's grant-expired event", () => all.events.find((e) => e.type === "grant" && e.grantId === special.id && e.status === "expired"));
    all.stop();
    expect(expired).toEqual({ type: "grant", grantId: special.id, status: "expired", validUntil: special.validUntil });
    expect(all.events.some((e) => e.type === "entitlement" && e.departmentId === "city-emergency")).toBe(true);
    const listed = ok(GrantListSchema, await as("commander").get("/emergency/grants")).items.find((g) => g.id === special.id);
    expect(listed?.status).toBe("expired");
    expect((await entitlements("commander")).entitlements.filter((e) => e.basis !== "OWN_DEPARTMENT" && e.basis !== "UNCONDITIONAL")).toEqual([]);
    expect((await ticket("commander", NOT_SHARED)).body.error?.reason).toBe("NOT_SHARED");
    expect((await ticket("media", NO_MEDIA_USE)).body.error?.reason).toBe("MEDIA_USE_REQUIRED");
    expect((await as("commander").post("/emergency/grants/extend", { grantId: special.id, minutes: 10, reason: "延长" })).status).toBe(409);
  });

  it("reads a grant past its end as expired before the sweeper records it", async () => {
    const g = ok(GrantSchema, await as("commander").post("/emergency/grants", request({ incident: flood, minutes: 1 })));
    await f.platform.services.sweeper.stop();
    f.clock.offsetMs += 2 * MIN;
    const listed = ok(GrantListSchema, await as("commander").get("/emergency/grants")).items.find((x) => x.id === g.id);
    expect(listed?.status).toBe("expired");
    const row = await f.platform.store.reader.get<{ status: string }>("SELECT status FROM emergency_grant WHERE id = ?", [g.id]);
    expect(row?.status).toBe("active");
    // A review reads the same way, and leaves recording the expiry (and its pushes) to the sweeper.
    const reviewed = ok(GrantSchema, await as("approver").post("/emergency/grants/review", { grantId: g.id, note: "到期前已处置完毕" }));
    expect(reviewed).toMatchObject({ status: "expired", review: { by: "审批 陈涛", note: "到期前已处置完毕" } });
    const after = await f.platform.store.reader.get<{ status: string }>("SELECT status FROM emergency_grant WHERE id = ?", [g.id]);
    expect(after?.status).toBe("active");
  });

  it("reads a grant stored before the review step (no review in its record) as not reviewed", async () => {
    const media = await openMediaGrant((await openBreakGlass()).incidentId);
    f.clock.offsetMs += 25 * MIN; // past its 20 minutes
    await f.platform.store.write((db) => db.run("UPDATE emergency_grant SET record = json_remove(record, '$.review') WHERE id = ?", [media.id]));
    const raw = await f.platform.store.reader.get<{ present: number }>("SELECT json_type(record, '$.review') IS NOT NULL AS present FROM emergency_grant WHERE id = ?", [media.id]);
    expect(raw?.present).toBe(0);
    const listed = ok(GrantListSchema, await as("media").get("/emergency/grants")).items.find((g) => g.id === media.id);
    expect(listed).toMatchObject({ id: media.id, kind: "break-glass", status: "expired", review: null });
    const reviewed = ok(GrantSchema, await as("approver").post("/emergency/grants/review", { grantId: media.id, note: "媒体直播授权，复核无异议" }));
    expect(reviewed.review).toMatchObject({ by: "审批 陈涛", note: "媒体直播授权，复核无异议" });
  });
});
