// Entitlements, play tickets and the demo media server: a ticket plays real FLV over HTTP and WS; bad ones are refused.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EntitlementSetSchema, PlayTicketSchema, type PlatformCamera } from "../../contract/platform-api.js";
import { captureHttp, captureWs, hasFrames } from "../../relay/testing/flv-clients.js";
import { findDemoClips } from "../../platform/media/demo-clips.js";
import { createMediaServer, type MediaServer } from "../../platform/media/media-server.js";
import { startFixture, type Fixture } from "./platform-fixture.js";

const mediaRoot = join(import.meta.dirname, "..", "..", "resources", "demo");
const key = randomBytes(32);
let media: MediaServer;
let f: Fixture;
let cameras: PlatformCamera[] = [];

beforeAll(async () => {
  media = createMediaServer({ mediaRoot, clips: findDemoClips(mediaRoot), key, log: () => {} });
  const port = await media.listen(0);
  f = await startFixture({ mediaBaseUrl: `http://127.0.0.1:${port}`, mediaKey: key });
  const op = await f.login("operator");
  cameras = ((await f.call("GET", "/catalog/snapshot?pageSize=5000", { token: op.accessToken })).body.data as { items: PlatformCamera[] }).items;
});
afterAll(async () => {
  await media.close();
  await f.close();
});

const pick = (pred: (c: PlatformCamera) => boolean): PlatformCamera => {
  const cam = cameras.find((c) => pred(c) && c.status === "ONLINE");
  if (!cam) throw new Error("no such demo camera");
  return cam;
};

describe("entitlements and play tickets", () => {
  it("gives the standing rules: own department and unconditional", async () => {
    const op = await f.login("operator");
    const set = EntitlementSetSchema.parse((await f.call("GET", "/entitlements", { token: op.accessToken })).body.data);
    expect(set.entitlements.map((e) => e.basis)).toEqual(["OWN_DEPARTMENT", "UNCONDITIONAL"]);
    expect(set.entitlements.every((e) => e.validUntil === null && !e.requiresMediaUse)).toBe(true);
    const mediaUser = await f.login("media");
    const mset = EntitlementSetSchema.parse((await f.call("GET", "/entitlements", { token: mediaUser.accessToken })).body.data);
    expect(mset.entitlements.every((e) => e.requiresMediaUse)).toBe(true);
  });

  it("refuses with 403 and a reason when the user may not view", async () => {
    const cmd = await f.login("commander");
    const ticket = (cameraId: string, token: string) => f.call("POST", "/play-tickets", { token, body: { cameraId, profile: "sub" } });
    const notShared = await ticket(pick((c) => c.sharingClass === "NOT_SHARED" && c.ownerDepartment.id !== "city-emergency").id, cmd.accessToken);
    expect(notShared.status).toBe(403);
    expect(notShared.body.error).toMatchObject({ code: "FORBIDDEN", reason: "NOT_SHARED" });
    const conditional = await ticket(pick((c) => c.sharingClass === "CONDITIONAL").id, cmd.accessToken);
    expect(conditional.body.error?.reason).toBe("NEEDS_APPLICATION");
    // The operator's own department owns conditional skynet cameras: allowed on that basis.
    const op = await f.login("operator");
    const own = await ticket(pick((c) => c.ownerDepartment.id === "520302-skynet" && c.sharingClass !== "UNCONDITIONAL").id, op.accessToken);
    expect(own.status).toBe(200);
    expect(PlayTicketSchema.parse(own.body.data).basis).toBe("OWN_DEPARTMENT");
    const m = await f.login("media");
    const noMediaUse = await ticket(pick((c) => c.sharingClass === "UNCONDITIONAL" && !c.mediaUse).id, m.accessToken);
    expect(noMediaUse.body.error?.reason).toBe("MEDIA_USE_REQUIRED");
    expect((await ticket(pick((c) => c.mediaUse).id, m.accessToken)).status).toBe(200);
    const bad = await f.call("POST", "/play-tickets", { token: op.accessToken, body: { cameraId: "123", profile: "hd" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/body\.cameraId.*body\.profile/);
  });

  it("decides the program output as its own purpose: media use or a media grant, for any role", async () => {
    const op = await f.login("operator");
    const ticket = (cameraId: string, purpose?: "live" | "program") => f.call("POST", "/play-tickets", { token: op.accessToken, body: { cameraId, profile: "main", ...(purpose ? { purpose } : {}) } });
    const plain = pick((c) => c.sharingClass === "UNCONDITIONAL" && !c.mediaUse).id;
    expect((await ticket(plain)).status).toBe(200);
    const refused = await ticket(plain, "program");
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "FORBIDDEN", reason: "MEDIA_USE_REQUIRED" });
    expect((await ticket(pick((c) => c.sharingClass === "UNCONDITIONAL" && c.mediaUse).id, "program")).status).toBe(200);
    const bad = await f.call("POST", "/play-tickets", { token: op.accessToken, body: { cameraId: plain, profile: "main", purpose: "broadcast" } });
    expect(bad.status).toBe(400);
  });

  it("streams real FLV over HTTP and WS with a ticket, and refuses a bad ticket", async () => {
    const op = await f.login("operator");
    const cam = pick((c) => c.sharingClass === "UNCONDITIONAL");
    const res = await f.call("POST", "/play-tickets", { token: op.accessToken, body: { cameraId: cam.id, profile: "main" } });
    const t = PlayTicketSchema.parse(res.body.data);
    const httpFlv = t.urls.httpFlv!;
    const wsFlv = t.urls.wsFlv!;
    expect(httpFlv).toMatch(new RegExp(`/live/${cam.id}_main\\.live\\.flv\\?token=`));
    expect(t.validUntil).toBeNull();
    const http = await captureHttp(httpFlv, 15_000, { keepRaw: true, until: hasFrames() });
    expect(http.status).toBe(200);
    expect(Buffer.concat(http.raw).subarray(0, 3).toString("latin1")).toBe("FLV");
    expect(http.tags.some((tag) => tag.video?.isKeyframe && !tag.video.isSequenceHeader)).toBe(true);
    const ws = await captureWs(wsFlv, 15_000, { until: hasFrames() });
    expect(ws.headerFirst).toBe(true);
    expect(ws.tags.some((tag) => tag.video?.isKeyframe)).toBe(true);
    // Tampered, missing, or for another camera.
    const tampered = httpFlv.replace(/token=[^.]+\./, "token=eyJ0IjoieCJ9.");
    expect((await fetch(tampered)).status).toBe(401);
    expect((await fetch(httpFlv.split("?")[0] ?? "")).status).toBe(401);
    const other = httpFlv.replace(cam.id, pick((c) => c.id !== cam.id).id);
    expect((await fetch(other)).status).toBe(401);
    await expect(captureWs(tampered.replace(/^http/, "ws"), 10_000)).rejects.toMatchObject({ statusCode: 401 });
  });
});
