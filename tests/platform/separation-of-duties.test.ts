// Approvals take a second person, enforced on the platform: an application's applicant never decides it, and whoever
// requested a grant (or an extension of it) never approves, refuses or reviews it — 403 SELF_APPROVAL, the record left
// as it was, and the camera still closed. Another approver decides as usual.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApplicationSchema, GrantSchema, type ApplicationRequest, type GrantRequest } from "../../contract/platform-api.js";
import { SHOWCASE_CAMERAS } from "../../platform/demo/demo-catalog.js";
import { LONG_ACCESS_TTL_MS, ok } from "./access-test-kit.js";
import { startFixture, type Fixture } from "./platform-fixture.js";

let f: Fixture;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  f = await startFixture({ config: { accessTtlMs: LONG_ACCESS_TTL_MS, accessSweepMs: 0 } });
  // The approver who applied and approved himself also held the commander role; the auditor is a second approver.
  await f.platform.store.write(async (db) => {
    await db.run("UPDATE user SET roles = ? WHERE username = 'approver'", [JSON.stringify(["approver", "commander"])]);
    await db.run("UPDATE user SET roles = ? WHERE username = 'auditor'", [JSON.stringify(["approver", "auditor"])]);
  });
  for (const u of ["approver", "auditor"]) tokens[u] = (await f.login(u)).accessToken;
});
afterAll(() => f.close());

const post = (user: string, path: string, body: unknown) => f.call("POST", path, { token: tokens[user], body });
const ticket = (user: string, cameraId: string) => post(user, "/play-tickets", { cameraId, profile: "sub" });
const incident = { title: "职责分离测试", type: "other", level: "IV", civilCode: "520302" } as const;
const grantRequest = (cameraId: string): GrantRequest => ({ incident, scope: { kind: "cameras", cameraIds: [cameraId] }, minutes: 30, reason: "职责分离测试" });

describe("separation of duties on approvals", () => {
  it("refuses an applicant deciding their own application; another approver may", async () => {
    const form: ApplicationRequest = {
      applicantDepartment: "大数据局",
      contact: "陈涛 0851-28220000",
      reason: "查看湘江水位",
      scope: { kind: "cameras", cameraIds: [SHOWCASE_CAMERAS.conditional] },
      purpose: "防汛值守",
      useScope: "局内",
      securityMeasures: "专人值守",
      validDays: 7,
    };
    const app = ok(ApplicationSchema, await post("approver", "/applications", form));
    for (const decision of [{ outcome: "approve", validDays: 7 }, { outcome: "reject", reason: "自己的申请" }]) {
      const self = await post("approver", "/applications/decision", { applicationId: app.id, ...decision });
      expect(self.status).toBe(403);
      expect(self.body.error?.code).toBe("SELF_APPROVAL");
    }
    expect((await ticket("approver", SHOWCASE_CAMERAS.conditional)).status).toBe(403);
    const other = ok(ApplicationSchema, await post("auditor", "/applications/decision", { applicationId: app.id, outcome: "approve", validDays: 7 }));
    expect(other.status).toBe("approved");
    expect((await ticket("approver", SHOWCASE_CAMERAS.conditional)).status).toBe(200);
  });

  it("refuses the requester of a special authorization approving it; another approver may", async () => {
    const special = ok(GrantSchema, await post("approver", "/emergency/grants", grantRequest(SHOWCASE_CAMERAS.notShared)));
    expect(special).toMatchObject({ kind: "special", status: "requested" });
    const self = await post("approver", "/emergency/grants/decision", { grantId: special.id, approve: true });
    expect(self.status).toBe(403);
    expect(self.body.error?.code).toBe("SELF_APPROVAL");
    expect((await ticket("approver", SHOWCASE_CAMERAS.notShared)).status).toBe(403);
    const approved = ok(GrantSchema, await post("auditor", "/emergency/grants/decision", { grantId: special.id, approve: true }));
    expect(approved.status).toBe("active");

    // An extension asked by one approver is decided by the other.
    const asked = ok(GrantSchema, await post("auditor", "/emergency/grants/extend", { grantId: special.id, minutes: 15, reason: "延长处置" }));
    expect(asked.extension).not.toBeNull();
    const selfExtension = await post("auditor", "/emergency/grants/decision", { grantId: special.id, approve: true });
    expect(selfExtension.status).toBe(403);
    expect(selfExtension.body.error?.code).toBe("SELF_APPROVAL");
    // Nor does the grant's requester decide an extension of it.
    expect((await post("approver", "/emergency/grants/decision", { grantId: special.id, approve: true })).body.error?.code).toBe("SELF_APPROVAL");
  });

  it("refuses the requester of a break-glass grant reviewing it; another approver may", async () => {
    const breakGlass = ok(GrantSchema, await post("approver", "/emergency/grants", grantRequest(SHOWCASE_CAMERAS.conditional)));
    expect(breakGlass).toMatchObject({ kind: "break-glass", status: "active" });
    const self = await post("approver", "/emergency/grants/review", { grantId: breakGlass.id, note: "自己复核" });
    expect(self.status).toBe(403);
    expect(self.body.error?.code).toBe("SELF_APPROVAL");
    const reviewed = ok(GrantSchema, await post("auditor", "/emergency/grants/review", { grantId: breakGlass.id, note: "已复核" }));
    expect(reviewed.review).toMatchObject({ note: "已复核" });
  });
});
