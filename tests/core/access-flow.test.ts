// Access end to end in the console core, composed as the shells compose it (real SQLite, relay process, embedded
// reference platform): a commander's special authorization over a NOT_SHARED camera, approved by the city
// coordinator, plays until the test clock passes its end — then the session ends as "expired", the relay drops the
// viewer and refuses the old URL, and the audit chain records it all. Also: an application's due date and unlock.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CameraPage, CameraView } from "../../contract/catalog-view.js";
import type { AccessState, AuditPage, RelayStats, RpcEvent, StreamTicket } from "../../contract/console-api.js";
import { API_BASE_PATH, type Application, type Grant } from "../../contract/platform-api.js";
import type { ConsoleApp } from "../../main/app/compose.js";
import { buildPlatformBundles, buildRelayBundle, composeTestConsole } from "../support/bundles.js";
import { waitFor as until, within } from "../support/wait-for.js";

process.env.VIGIL_PLATFORM_STATUS_INTERVAL_MS = "0";

async function call<T>(app: ConsoleApp, method: string, params: unknown = {}): Promise<T> {
  const outcome = await app.core.call(method, params);
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result as T;
}
async function errorOf(app: ConsoleApp, method: string, params: unknown = {}): Promise<string> {
  const outcome = await app.core.call(method, params);
  return outcome.ok ? "ok" : `${outcome.error.code}: ${outcome.error.message}`;
}

/** The platform's own HTTP API, as another workstation (the coordinator's) uses it. */
async function asUser(app: ConsoleApp, username: string): Promise<(method: string, path: string, body?: unknown) => Promise<unknown>> {
  const base = `${app.embedded!.apiUrl}${API_BASE_PATH}`;
  const login = await fetch(`${base}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: `Vigil-${username}-2024`, terminalId: `test-${username}` }),
  });
  const token = ((await login.json()) as { data: { accessToken: string } }).data.accessToken;
  return async (method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as { ok: boolean; data?: unknown; error?: { message: string } };
    if (!json.ok) throw new Error(`${method} ${path}: ${res.status} ${json.error?.message}`);
    return json.data;
  };
}

async function firstCamera(app: ConsoleApp, sharingClass: "CONDITIONAL" | "NOT_SHARED", skip = 0): Promise<CameraView> {
  // Right after a login the rules are still on their way: wait until unconditional cameras open.
  await until("access rules", async () => {
    const open = await call<CameraPage>(app, "searchCameras", { query: "红花岗区", filters: { sharingClasses: ["UNCONDITIONAL"] }, limit: 5 });
    return open.items.some((c) => c.access.allowed);
  });
  // The demo keeps playable cameras of every class in 红花岗区; the search covers the region name.
  const page = await call<CameraPage>(app, "searchCameras", { query: "红花岗区", filters: { sharingClasses: [sharingClass], online: true }, limit: 500 });
  const own = page.items.filter((c) => !c.access.allowed)[skip];
  if (!own) throw new Error(`no locked online ${sharingClass} camera #${skip + 1} in the demo catalog`);
  return own;
}

/** HTTP-FLV through the relay (the path WS-FLV players use): status and whether FLV bytes came. */
async function relayAnswer(url: string): Promise<{ status: number; flv: boolean }> {
  const res = await fetch(url.replace(/^ws:/, "http:"));
  if (!res.ok || !res.body) return { status: res.status, flv: false };
  const reader = res.body.getReader();
  const chunk = await reader.read();
  await reader.cancel();
  return { status: res.status, flv: Buffer.from(chunk.value ?? []).subarray(0, 3).toString() === "FLV" };
}

describe("access end to end in the core", () => {
  let bundles: { relayEntry: string; platformBundleDir: string };
  // Each test gets a console of its own (its own platform data, relay, access clock, session): no test sees the
  // grants, the logged-in user or the moved clock another left behind.
  let dataDir: string;
  let app: ConsoleApp;
  let events: RpcEvent[];

  beforeAll(async () => {
    const [relayEntry, platformBundleDir] = await Promise.all([buildRelayBundle(), buildPlatformBundles()]);
    bundles = { relayEntry, platformBundleDir };
  }, 60_000);

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "vigil-access-"));
    app = await composeTestConsole(dataDir, bundles, { testClock: true });
    events = [];
    app.core.onEvent((e) => events.push(e));
  }, 60_000);

  afterEach(async () => {
    await app?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a commander's special authorization over a NOT_SHARED camera: approved, played, expired on the access clock", async () => {
    await call(app, "login", { username: "commander", password: "Vigil-commander-2024" });
    await until("catalog", async () => (await call<CameraPage>(app, "searchCameras", { query: "红花岗区" })).total > 0);
    const camera = await firstCamera(app, "NOT_SHARED");
    expect(camera.access).toEqual({ allowed: false, reason: "NOT_SHARED" });
    await call(app, "assignTile", { tile: 0, cameraId: camera.id });
    expect(await errorOf(app, "openStream", { tile: 0 })).toMatch(/^ACCESS_DENIED: \[NOT_SHARED\]/);

    const grant = await call<Grant>(app, "requestGrant", {
      incident: { title: "测试 红花岗区 内涝", type: "flood", level: "III", civilCode: "520302" },
      scope: { kind: "cameras", cameraIds: [camera.id] },
      minutes: 1,
      reason: "积水点实时研判",
    });
    expect(grant).toMatchObject({ kind: "special", status: "requested" });
    expect((await call<CameraView>(app, "getCamera", { cameraId: camera.id })).access.allowed).toBe(false);
    expect(await errorOf(app, "decideGrant", { grantId: grant.id, approve: true })).toMatch(/^FORBIDDEN/);

    const coordinator = await asUser(app, "approver");
    await coordinator("POST", "/emergency/grants/decision", { grantId: grant.id, approve: true });
    // The platform pushes the entitlement change; the camera unlocks without a restart.
    const view = await until("grant in force", async () => {
      const v = await call<CameraView>(app, "getCamera", { cameraId: camera.id });
      return v.access.allowed ? v : null;
    });
    expect(view.access).toMatchObject({ allowed: true, basis: "GRANT", refId: grant.id });
    const state = await call<AccessState>(app, "getAccessState");
    expect(state.testClock).toBe(true);
    expect(state.active).toEqual([expect.objectContaining({ refId: grant.id, basis: "GRANT", title: "测试 红花岗区 内涝" })]);

    const ticket = await call<StreamTicket>(app, "openStream", { tile: 0 });
    expect(ticket).toMatchObject({ basis: "GRANT", refId: grant.id });
    expect(ticket.expiresAt).toBeLessThanOrEqual(state.active[0]!.validUntil);
    const viewer = fetch(ticket.url.replace(/^ws:/, "http:"));
    const res = await viewer;
    const reader = res.body!.getReader();
    expect(Buffer.from((await reader.read()).value ?? []).subarray(0, 3).toString()).toBe("FLV");

    // Pass the end: the session ends "expired" within a second, the relay drops the viewer and refuses the URL.
    const before = events.length;
    const movedAt = Date.now();
    await call(app, "advanceTestClock", { ms: 61_000 });
    const ended = await until("streamEnded", async () => events.slice(before).find((e) => e.event === "streamEnded"));
    expect(Date.now() - movedAt).toBeLessThan(1000);
    expect(ended.payload).toMatchObject({ tile: 0, cameraId: camera.id, reason: "expired", refId: grant.id, sessionId: ticket.sessionId });
    await within(
      "the relay to drop the viewer",
      (async () => {
        while (!(await reader.read()).done);
      })(),
    );
    expect((await relayAnswer(ticket.url)).status).toBe(401);
    expect((await call<CameraView>(app, "getCamera", { cameraId: camera.id })).access).toEqual({ allowed: false, reason: "NOT_SHARED" });
    expect(await errorOf(app, "openStream", { tile: 0 })).toMatch(/^ACCESS_DENIED/);
    expect((await call<AccessState>(app, "getAccessState")).active).toEqual([]);

    await app.audit.flush();
    const audit = await call<AuditPage>(app, "queryAudit", { limit: 100 });
    const actions = audit.items.map((r) => r.action);
    for (const a of ["auth.login", "stream.refused", "grant.request", "stream.start", "grant.expire", "stream.stop"]) expect(actions).toContain(a);
    expect(audit.items.find((r) => r.action === "stream.start")).toMatchObject({ cameraId: camera.id, basis: "GRANT", username: "commander" });
    expect(audit.items.find((r) => r.action === "stream.stop")?.detail).toMatchObject({ reason: "expired", refId: grant.id });
    expect((await app.audit.verify()).ok).toBe(true);
  }, 60_000);

  it("an operator's application: due date from the working-day calendar, approval unlocks the camera", async () => {
    await call(app, "login", { username: "operator", password: "Vigil-operator-2024" });
    const camera = await firstCamera(app, "CONDITIONAL");
    expect(camera.access).toEqual({ allowed: false, reason: "NEEDS_APPLICATION" });
    const preview = await call<{ due: string; workingDays: number }>(app, "previewDueDate");
    expect(preview.workingDays).toBe(3);
    expect(await errorOf(app, "submitApplication", { applicantDepartment: "红花岗分局", contact: "x", reason: "", scope: { kind: "cameras", cameraIds: [camera.id] } })).toMatch(/^INVALID_REQUEST/);
    const application = await call<Application>(app, "submitApplication", {
      applicantDepartment: "遵义市公安局红花岗区分局 指挥室",
      contact: "王静 0851-12345678",
      reason: "辖区重点路段治安巡查需要",
      scope: { kind: "cameras", cameraIds: [camera.id] },
      purpose: "治安巡查",
      useScope: "分局指挥室内部使用",
      securityMeasures: "专人专岗，不外传，不录屏",
      validDays: 30,
    });
    expect(application).toMatchObject({ status: "submitted", due: preview.due });
    expect(await errorOf(app, "decideApplication", { applicationId: application.id, outcome: "approve", validDays: 30 })).toMatch(/^FORBIDDEN/);
    const coordinator = await asUser(app, "approver");
    await coordinator("POST", "/applications/decision", { applicationId: application.id, outcome: "approve", validDays: 7 });
    const view = await until("application in force", async () => {
      const v = await call<CameraView>(app, "getCamera", { cameraId: camera.id });
      return v.access.allowed ? v : null;
    });
    expect(view.access).toMatchObject({ allowed: true, basis: "APPLICATION", refId: application.id });
    expect(await errorOf(app, "queryAudit", {})).toMatch(/^FORBIDDEN/);
  }, 60_000);

  it("a break-glass grant ends on time with the platform API stopped", async () => {
    await call(app, "login", { username: "commander", password: "Vigil-commander-2024" });
    const camera = await firstCamera(app, "CONDITIONAL");
    const grant = await call<Grant>(app, "requestGrant", {
      incident: { title: "测试 交通事故", type: "traffic", level: "IV", civilCode: "520302" },
      scope: { kind: "cameras", cameraIds: [camera.id] },
      minutes: 3,
      reason: "事故现场研判",
    });
    expect(grant).toMatchObject({ kind: "break-glass", status: "active" });
    await until("grant in force", async () => (await call<CameraView>(app, "getCamera", { cameraId: camera.id })).access.allowed);
    await call(app, "assignTile", { tile: 1, cameraId: camera.id });
    const ticket = await call<StreamTicket>(app, "openStream", { tile: 1 });
    expect(ticket).toMatchObject({ basis: "GRANT", refId: grant.id });
    expect(await relayAnswer(ticket.url)).toEqual({ status: 200, flv: true });

    await app.embedded!.stopApi();
    // 59 s before the end: a 1-minute warning, still playing.
    const before = events.length;
    await call(app, "advanceTestClock", { ms: Date.parse(grant.validUntil!) - app.clock.now() - 59_000 });
    const warning = await until("1-minute warning", async () => events.slice(before).find((e) => e.event === "grantWarning"));
    expect(warning.payload).toMatchObject({ refId: grant.id, minutesLeft: 1 });
    expect(events.slice(before).some((e) => e.event === "streamEnded")).toBe(false);
    // The end passes with nobody to ask: the console's own clock ends it.
    await call(app, "advanceTestClock", { ms: 60_000 });
    const ended = await until("streamEnded", async () => events.slice(before).find((e) => e.event === "streamEnded"));
    expect(ended.payload).toMatchObject({ tile: 1, reason: "expired", refId: grant.id });
    expect((await call<CameraView>(app, "getCamera", { cameraId: camera.id })).access.allowed).toBe(false);
    expect((await relayAnswer(ticket.url)).status).toBe(401);
    await app.embedded!.startApi();
  }, 60_000);

  it("a revoked grant ends its stream as revoked; the program output takes only media-use cameras or a media grant", async () => {
    await call(app, "login", { username: "commander", password: "Vigil-commander-2024" });
    await until("the platform online", async () => app.platform.status.state === "online", { timeoutMs: 20_000 });
    const camera = await firstCamera(app, "CONDITIONAL");
    const grant = await call<Grant>(app, "requestGrant", {
      incident: { title: "测试 撤销", type: "other", level: "IV", civilCode: "520302" },
      scope: { kind: "cameras", cameraIds: [camera.id] },
      minutes: 30,
      reason: "撤销流程测试",
    });
    await until("grant in force", async () => (await call<CameraView>(app, "getCamera", { cameraId: camera.id })).access.allowed);
    await call(app, "assignTile", { tile: 2, cameraId: camera.id });
    const ticket = await call<StreamTicket>(app, "openStream", { tile: 2 });
    expect(await errorOf(app, "openStream", { tile: 2, output: "program" })).toMatch(/^ACCESS_DENIED: \[MEDIA_USE_REQUIRED\]/);
    expect(await errorOf(app, "openProgramOutput", { tile: 2 })).toMatch(/^ACCESS_DENIED/);
    const before = events.length;
    const revoked = await call<Grant>(app, "revokeGrant", { grantId: grant.id, reason: "事件处置完毕" });
    expect(revoked.status).toBe("revoked");
    const ended = await until("streamEnded", async () => events.slice(before).find((e) => e.event === "streamEnded"));
    expect(ended.payload).toMatchObject({ sessionId: ticket.sessionId, reason: "revoked", refId: grant.id });
    expect((await relayAnswer(ticket.url)).status).toBe(401);

    // Break-glass is reviewed afterwards, by the coordinator, not by the commander who used it.
    expect(await errorOf(app, "reviewGrant", { grantId: grant.id, note: "自己复核" })).toMatch(/^FORBIDDEN/);
    const coordinator = await asUser(app, "approver");
    await coordinator("POST", "/emergency/grants/review", { grantId: grant.id, note: "处置必要，范围适当" });
    const listed = (await call<{ items: Grant[] }>(app, "listGrants")).items.find((g) => g.id === grant.id);
    expect(listed?.review).toMatchObject({ note: "处置必要，范围适当" });

    // A media-use camera goes to the program output for anyone allowed to view it.
    const open = await call<CameraPage>(app, "searchCameras", { query: "红花岗区", filters: { online: true }, limit: 500 });
    const media = open.items.find((c) => c.access.allowed && c.mediaUse);
    expect(media).toBeTruthy();
    await call(app, "assignTile", { tile: 3, cameraId: media!.id });
    expect(await call(app, "openProgramOutput", { tile: 3 })).toEqual({ opened: false });
    const program = await call<StreamTicket>(app, "openStream", { tile: 3, output: "program" });
    expect(program.url).toContain("_main.flv");
    await call(app, "closeStream", { sessionId: program.sessionId });

    // A media grant: the commander opens a non-media camera for the media centre's live coverage.
    const mediaGrant = await call<Grant>(app, "requestGrant", {
      incident: { title: "测试 媒体直播", type: "flood", level: "II", civilCode: "520302" },
      scope: { kind: "cameras", cameraIds: [camera.id] },
      minutes: 20,
      reason: "防汛新闻直播",
      mediaDepartmentId: "city-media",
    });
    expect(mediaGrant).toMatchObject({ basis: "MEDIA_GRANT", status: "active", departmentId: "city-media" });
    await call(app, "logout");
    await call(app, "login", { username: "media", password: "Vigil-media-2024" });
    const view = await until("media grant in force", async () => {
      const v = await call<CameraView>(app, "getCamera", { cameraId: camera.id });
      return v.access.allowed ? v : null;
    });
    expect(view.access).toMatchObject({ basis: "MEDIA_GRANT", refId: mediaGrant.id });
    const coverage = await call<StreamTicket>(app, "openStream", { tile: 2, output: "program" });
    expect(coverage).toMatchObject({ basis: "MEDIA_GRANT", refId: mediaGrant.id });
    await call(app, "closeStream", { sessionId: coverage.sessionId });
  }, 60_000);

  it("an extended grant keeps its live viewer past the old end (same session, relay cut moved, fresh play ticket)", async () => {
    await call(app, "login", { username: "commander", password: "Vigil-commander-2024" });
    const camera = await firstCamera(app, "CONDITIONAL");
    const yardstickCamera = await firstCamera(app, "CONDITIONAL", 1);
    const grant = await call<Grant>(app, "requestGrant", {
      incident: { title: "测试 延期", type: "fire", level: "IV", civilCode: "520302" },
      scope: { kind: "cameras", cameraIds: [camera.id] },
      minutes: 10,
      reason: "延期流程测试",
    });
    await until("grant in force", async () => (await call<CameraView>(app, "getCamera", { cameraId: camera.id })).access.allowed);
    // A yardstick for "nothing ended" below: another camera under a 10-minute grant that is not extended, on tile 1.
    // Its session ends when the clock passes the old end; by then the extended one would have ended too.
    await call<Grant>(app, "requestGrant", {
      incident: { title: "测试 延期 对照", type: "fire", level: "IV", civilCode: "520302" },
      scope: { kind: "cameras", cameraIds: [yardstickCamera.id] },
      minutes: 10,
      reason: "延期流程测试（对照）",
    });
    await until("the yardstick's grant in force", async () => (await call<CameraView>(app, "getCamera", { cameraId: yardstickCamera.id })).access.allowed);
    await call(app, "assignTile", { tile: 1, cameraId: yardstickCamera.id });
    const yardstick = await call<StreamTicket>(app, "openStream", { tile: 1 });
    await call(app, "assignTile", { tile: 0, cameraId: camera.id });
    const first = await call<StreamTicket>(app, "openStream", { tile: 0 });
    expect(first.expiresAt).toBe(Date.parse(grant.validUntil!));
    // A viewer that stays connected (HTTP-FLV, the same relay path WS-FLV players take).
    const viewing = new AbortController();
    const res = await fetch(first.url.replace(/^ws:/, "http:"), { signal: viewing.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let bytes = 0;
    let ended = false;
    const draining = (async () => {
      try {
        for (;;) {
          const chunk = await reader.read();
          if (chunk.done) break;
          bytes += chunk.value.length;
        }
      } catch {
        /* aborted at the end of the test */
      }
      ended = true;
    })();
    const viewerDeadline = async () =>
      (await call<RelayStats>(app, "getRelayStats")).streams.flatMap((st) => st.viewers).find((v) => v.session === first.sessionId)?.deadline ?? null;
    const tokenDeadline = await until("the viewer in the relay's stats", viewerDeadline);

    const before = events.length;
    const extended = await call<Grant>(app, "extendGrant", { grantId: grant.id, minutes: 30, reason: "火情未控制" });
    expect(Date.parse(extended.validUntil!) - Date.parse(grant.validUntil!)).toBe(30 * 60_000);
    // The relay moves the viewer's cut 30 minutes later (its deadline is on the system clock).
    const movedTo = await until("the relay's cut moved", async () => {
      const d = await viewerDeadline();
      return d !== null && d > tokenDeadline + 29 * 60_000 ? d : null;
    });
    expect(movedTo - tokenDeadline).toBeLessThan(30 * 60_000 + 2_000);

    // Past the old end on the console's clock: the session is still the same, nothing ended, bytes keep coming.
    await call(app, "advanceTestClock", { ms: 10 * 60_000 + 5_000 });
    const endedSessions = () => events.slice(before).flatMap((e) => (e.event === "streamEnded" ? [(e.payload as { sessionId: string }).sessionId] : []));
    await until("the yardstick's session to end at the old end", async () => endedSessions().includes(yardstick.sessionId));
    expect(endedSessions()).toEqual([yardstick.sessionId]);
    expect(app.streams.list().map((x) => x.id)).toContain(first.sessionId);
    const flowing = bytes;
    await until("bytes still flowing", async () => bytes > flowing);
    expect(ended).toBe(false);

    // The relay pulls with the platform's play ticket, which ends (the media server cuts the pull) where the access it
    // was issued under ended. Close to that end a fresh ticket up to the new end is fetched — already done when the
    // clock skip above passed that end. (The platform's clock is not the test clock: a grant of an earlier test may
    // still run there and carry this ticket further.)
    const channel = app.streams.list().find((x) => x.id === first.sessionId)!.channel;
    const ticketEnd = Date.parse(app.streams.ticket(channel)!.validUntil!);
    const newEnd = Date.parse(extended.validUntil!);
    expect(ticketEnd).toBeLessThanOrEqual(newEnd);
    if (ticketEnd < newEnd && ticketEnd - app.clock.now() > 20_000) await call(app, "advanceTestClock", { ms: ticketEnd - app.clock.now() - 20_000 });
    await until("a renewed play ticket", async () => app.streams.ticket(channel)?.validUntil === extended.validUntil);
    expect(app.streams.list().map((x) => x.id)).toContain(first.sessionId);
    const audit = await call<AuditPage>(app, "queryAudit", { action: "stream.extend" });
    expect(audit.items[0]).toMatchObject({ action: "stream.extend", cameraId: camera.id, detail: { session: first.sessionId, refId: grant.id } });
    viewing.abort();
    await draining;
    await call(app, "closeStream", { sessionId: first.sessionId });
    await call(app, "revokeGrant", { grantId: grant.id, reason: "测试结束" });
  }, 60_000);
});
