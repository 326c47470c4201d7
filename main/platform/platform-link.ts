// Runs in main. The console's link to the central platform: the session (login, resume, logout), the synced
// catalog with favorites, the access rules from the entitlement feed, and play tickets. One instance per console.
import type { CameraAccess, CameraPage, CameraView, CatalogFilters, CatalogTree } from "../../contract/catalog-view.js";
import type { PlatformStatus, SessionState } from "../../contract/console-api.js";
import {
  PlatformInfoSchema,
  type Application,
  type ApplicationDecision,
  type ApplicationRequest,
  type AuditBatchResult,
  type AuditEvent,
  type DueDate,
  type EntitlementSet,
  type Grant,
  type GrantDecision,
  type GrantExtend,
  type GrantPolicy,
  type GrantRequest,
  type GrantReview,
  type GrantRevoke,
  type Incident,
  type Me,
  type PlatformEvent,
  type PlayTicket,
  type StreamProfile,
} from "../../contract/platform-api.js";
import type { SourceDomain } from "../../contract/camera.js";
import { accessRulesOf, type AccessPurpose, type AccessRule, type AccessSubject } from "../../contract/access-evaluator.js";
import { cameraAccess } from "../access/camera-access.js";
import type { CatalogIndex } from "../catalog/catalog-index.js";
import type { CatalogStore } from "../catalog/catalog-store.js";
import { CoreError } from "../core/core-error.js";
import type { Logger } from "../log/logger.js";
import type { SettingsRepo } from "../store/settings-repo.js";
import { toConsoleCamera } from "./camera-mapping.js";
import { CatalogSync } from "./catalog-sync.js";
import { PlatformClient, PlatformError } from "./platform-client.js";
import type { SessionVault } from "./session-vault.js";
import type { TerminalKey } from "./terminal-key.js";

export type PlatformLinkEvents = {
  session(state: SessionState): void;
  status(status: PlatformStatus): void;
  catalogChanged(revision: number): void;
  /** Access rules changed: open streams must be checked again. `revoked`: applications/grants withdrawn before their end. */
  accessChanged(revoked: ReadonlySet<string>): void;
  platformEvent(event: PlatformEvent): void;
};

/** How far the platform's clock may run ahead of the console's before an expiry reads as a revoke. */
const EXPIRY_SKEW_MS = 5_000;

export class PlatformLink {
  private me: Me | null = null;
  private rules: AccessRule[] = [];
  private favorites = new Set<string>();
  /** Titles of applications and grants (incident title / reason), for the grant bar; filled from the lists. */
  private readonly titles = new Map<string, string>();
  private demoAccounts: SessionState["demoAccounts"] = [];
  private storedRefresh: string | null = null;
  private readonly client: PlatformClient;
  private readonly sync: CatalogSync;
  private changeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: {
      platformUrl: string;
      embedded: boolean;
      terminalId: string;
      /** Registered at login; proves this terminal at every refresh. */
      terminalKey: TerminalKey;
      settings: SettingsRepo;
      store: CatalogStore;
      index: CatalogIndex;
      vault: SessionVault;
      log: Logger;
      events: PlatformLinkEvents;
      now?: () => number;
      retryBaseMs?: number;
    },
  ) {
    this.client = new PlatformClient({
      baseUrl: deps.platformUrl,
      terminalId: deps.terminalId,
      terminalKey: deps.terminalKey,
      onTokens: (tokens, pair) => {
        if (tokens && pair) {
          this.storedRefresh = tokens.refreshToken;
          // A failed save (disk full, database busy) costs only the resume after a restart: log in again then.
          deps.vault
            .save({ platformUrl: this.platformKey, refreshToken: tokens.refreshToken, me: pair.me })
            .catch((err: unknown) => deps.log.error(`could not store the session (the next start will ask to log in): ${err instanceof Error ? err.message : String(err)}`));
        }
      },
    });
    this.sync = new CatalogSync({
      client: this.client,
      store: deps.store,
      index: deps.index,
      log: deps.log.child("sync"),
      retryBaseMs: deps.retryBaseMs,
      ensureSession: () => this.ensureSession(),
      listener: {
        status: (s) => deps.events.status(s),
        catalogChanged: () => this.catalogChanged(),
        entitlements: (set) => this.adoptEntitlements(set),
        platformEvent: (e) => deps.events.platformEvent(e),
        sessionLost: (reason) => void this.endSession(`the platform ended this session: ${reason}`),
      },
    });
  }

  /** Which platform a stored session belongs to; the embedded one gets a new port each launch but is the same platform. */
  private get platformKey(): string {
    return this.deps.embedded ? "embedded" : this.deps.platformUrl;
  }

  private get now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** Loads the local copy (catalog, favorites, access rules, session) and starts syncing if a session exists. */
  async init(): Promise<void> {
    const { store, index, vault, log } = this.deps;
    const cached = await store.loadAll();
    index.replaceAll(cached.map(({ record, search }) => ({ camera: toConsoleCamera(record), search })));
    this.favorites = await store.favorites();
    const platformState = await store.getState<{ entitlements: EntitlementSet }>("platform");
    if (platformState) this.rules = toRules(platformState.entitlements);
    this.demoAccounts = await this.deps.settings.get("demoAccounts", PlatformInfoSchema.shape.demoAccounts, []);
    void this.loadInfo();
    const session = await vault.load();
    if (session && session.platformUrl === this.platformKey) {
      this.me = session.me;
      this.storedRefresh = session.refreshToken;
      log.info(`resuming the session of ${session.me.user.username}; ${index.size} cameras in the local catalog`);
      this.sync.start();
    } else if (session) {
      log.warn("stored session belongs to another platform; log in again");
      await vault.clear();
    } else if (vault.lastMiss === "plaintext") {
      log.warn("the stored session was kept in plain text by an older Vigil and is dropped; log in again");
    } else if (vault.lastMiss === "unreadable") {
      log.warn(`the stored session cannot be unsealed with ${vault.protection}; log in again`);
    }
  }

  async stop(): Promise<void> {
    await this.sync.stop();
    if (this.changeTimer) clearTimeout(this.changeTimer);
  }

  get status(): PlatformStatus {
    return this.sync.currentStatus;
  }

  get subject(): AccessSubject | null {
    return this.me ? { departmentId: this.me.department.id, roles: this.me.roles } : null;
  }

  get user(): Me | null {
    return this.me;
  }

  session(): SessionState {
    const me = this.me;
    return {
      platformUrl: this.deps.platformUrl,
      embedded: this.deps.embedded,
      user: me
        ? { username: me.user.username, displayName: me.user.displayName, departmentId: me.department.id, department: me.department.name, roles: me.roles }
        : null,
      demoAccounts: this.demoAccounts,
    };
  }

  async login(username: string, password: string): Promise<SessionState> {
    let pair;
    try {
      pair = await this.client.login(username, password);
    } catch (err) {
      throw toCoreError(err);
    }
    await this.sync.stop();
    this.me = pair.me;
    this.deps.log.info(`logged in as ${pair.me.user.username} (${pair.me.roles.join(",")}); tokens kept in ${this.deps.vault.protection}`);
    // The rules first: otherwise every camera reads as locked until the sync loop fetches them.
    try {
      await this.sync.refreshEntitlements();
    } catch (err) {
      this.deps.log.warn(`entitlements not fetched at login: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.deps.events.session(this.session());
    this.sync.start();
    this.catalogChanged();
    return this.session();
  }

  async logout(): Promise<SessionState> {
    await this.endSession("logged out");
    return this.session();
  }

  private async endSession(why: string): Promise<void> {
    await this.sync.stop();
    try {
      if (this.client.hasSession) await this.client.logout();
    } catch (err) {
      this.deps.log.warn(`logout could not reach the platform: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.client.drop();
    await this.deps.vault.clear();
    this.me = null;
    this.rules = [];
    this.titles.clear();
    this.storedRefresh = null;
    this.deps.log.info(`session ended: ${why}`);
    this.deps.events.session(this.session());
    this.deps.events.accessChanged(new Set());
    this.catalogChanged();
  }

  /** Before each sync round: a session with a valid access token (resumed from the stored refresh token). */
  private async ensureSession(): Promise<void> {
    if (this.client.hasSession) return;
    if (!this.storedRefresh) throw new PlatformError(401, "UNAUTHENTICATED", "no stored session");
    const pair = await this.client.resume(this.storedRefresh);
    this.me = pair.me;
    this.deps.events.session(this.session());
  }

  private async loadInfo(): Promise<void> {
    try {
      const info = await this.client.call("info");
      this.demoAccounts = info.demo ? info.demoAccounts : [];
      await this.deps.settings.set("demoAccounts", this.demoAccounts);
      this.deps.events.session(this.session());
    } catch (err) {
      this.deps.log.warn(`platform info unavailable: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private adoptEntitlements(set: EntitlementSet): void {
    const now = this.now;
    // A rule the platform drops within a few seconds of its end expired there (clocks differ a little); one dropped
    // earlier was revoked.
    const before = new Map(this.rules.filter((r) => r.refId !== null && r.validUntil !== null && r.validUntil > now + EXPIRY_SKEW_MS).map((r) => [r.refId!, r]));
    this.rules = toRules(set);
    const after = new Set(this.rules.map((r) => r.refId));
    // A grant or application that left before its end was withdrawn (revoked): its streams stop at once.
    const revoked = new Set([...before.keys()].filter((refId) => !after.has(refId)));
    this.deps.index.bump();
    this.deps.events.accessChanged(revoked);
    this.catalogChanged();
    if ([...after].some((refId) => refId !== null && !this.titles.has(refId))) void this.refreshTitles();
  }

  /** The rules in force (the grant timer counts them down). */
  get accessRules(): readonly AccessRule[] {
    return this.rules;
  }

  titleOf(refId: string): string | null {
    return this.titles.get(refId) ?? null;
  }

  /** Fetches grant and application lists so the grant bar can name what it counts down; best effort. */
  private async refreshTitles(): Promise<void> {
    try {
      await Promise.all([this.listGrants(), this.listApplications()]);
    } catch (err) {
      this.deps.log.warn(`could not fetch grant/application titles: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Coalesces bursts of changes into one event per 100 ms. */
  private catalogChanged(): void {
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = null;
      this.deps.events.catalogChanged(this.deps.index.revision);
    }, 100);
  }

  // ---- catalog queries ----

  /** Whether the local catalog holds this camera. */
  has(id: string): boolean {
    return this.deps.index.get(id) !== undefined;
  }

  view(id: string): CameraView {
    const camera = this.deps.index.get(id);
    if (!camera) throw new CoreError("UNKNOWN_CAMERA", `camera ${id} is not in the catalog`);
    const subject = this.subject;
    const now = this.now;
    const access = cameraAccess(camera, subject, this.rules, now);
    const programOutput = access.allowed && cameraAccess(camera, subject, this.rules, now, "program").allowed;
    return { ...camera, favorite: this.favorites.has(id), access, programOutput };
  }

  /** The decision for one purpose (the program output asks for `program`). */
  accessFor(id: string, purpose: AccessPurpose): CameraAccess {
    const camera = this.deps.index.get(id);
    if (!camera) throw new CoreError("UNKNOWN_CAMERA", `camera ${id} is not in the catalog`);
    return cameraAccess(camera, this.subject, this.rules, this.now, purpose);
  }

  tree(filters?: CatalogFilters): CatalogTree {
    return this.deps.index.tree(filters, { favorites: this.favorites });
  }

  list(civilCode: string, domain: SourceDomain, filters?: CatalogFilters, offset?: number, limit?: number): CameraPage {
    const page = this.deps.index.leaf(civilCode, domain, filters, { favorites: this.favorites }, offset, limit);
    return { items: page.items.map((c) => this.view(c.id)), total: page.total, revision: this.deps.index.revision };
  }

  search(query: string, filters?: CatalogFilters, limit = 200): CameraPage {
    const page = this.deps.index.search(query, filters, { favorites: this.favorites }, limit);
    return { items: page.items.map((c) => this.view(c.id)), total: page.total, revision: this.deps.index.revision };
  }

  async setFavorite(cameraId: string, favorite: boolean): Promise<CameraView> {
    this.view(cameraId); // unknown camera → error
    await this.deps.store.setFavorite(cameraId, favorite);
    if (favorite) this.favorites.add(cameraId);
    else this.favorites.delete(cameraId);
    this.deps.index.bump();
    this.catalogChanged();
    return this.view(cameraId);
  }

  async playTicket(cameraId: string, profile: StreamProfile, purpose: AccessPurpose = "live"): Promise<PlayTicket> {
    return this.platformCall(() => this.client.call("playTicket", { body: { cameraId, profile, ...(purpose === "live" ? {} : { purpose }) } }));
  }

  // ---- applications and emergency grants: the platform decides, the console asks ----

  async listApplications(): Promise<{ items: Application[] }> {
    const list = await this.platformCall(() => this.client.call("applications"));
    for (const a of list.items) this.titles.set(a.id, a.reason);
    return list;
  }

  previewDueDate(): Promise<DueDate> {
    // Submission date in China Standard Time (the calendar's day), on the access clock.
    const today = new Date(this.now + 8 * 3_600_000).toISOString().slice(0, 10);
    return this.platformCall(() => this.client.call("dueDate", { query: { from: today } }));
  }

  submitApplication(request: ApplicationRequest): Promise<Application> {
    return this.afterAccessAction(() => this.client.call("submitApplication", { body: request }));
  }

  decideApplication(decision: ApplicationDecision): Promise<Application> {
    return this.afterAccessAction(() => this.client.call("decideApplication", { body: decision }));
  }

  listIncidents(): Promise<{ items: Incident[] }> {
    return this.platformCall(() => this.client.call("incidents"));
  }

  async listGrants(): Promise<{ items: Grant[] }> {
    const list = await this.platformCall(() => this.client.call("grants"));
    for (const g of list.items) this.titles.set(g.id, g.incidentTitle);
    return list;
  }

  grantPolicy(): Promise<GrantPolicy> {
    return this.platformCall(() => this.client.call("grantPolicy"));
  }

  requestGrant(request: GrantRequest): Promise<Grant> {
    return this.afterAccessAction(() => this.client.call("requestGrant", { body: request }));
  }

  decideGrant(decision: GrantDecision): Promise<Grant> {
    return this.afterAccessAction(() => this.client.call("decideGrant", { body: decision }));
  }

  extendGrant(extend: GrantExtend): Promise<Grant> {
    return this.afterAccessAction(() => this.client.call("extendGrant", { body: extend }));
  }

  reviewGrant(review: GrantReview): Promise<Grant> {
    return this.afterAccessAction(() => this.client.call("reviewGrant", { body: review }));
  }

  revokeGrant(revoke: GrantRevoke): Promise<Grant> {
    return this.afterAccessAction(() => this.client.call("revokeGrant", { body: revoke }));
  }

  /** Audit upload (the outbox calls it); throws the platform's error so the outbox retries. */
  async uploadAudit(events: AuditEvent[]): Promise<AuditBatchResult> {
    if (!this.client.hasSession) await this.ensureSession();
    return this.client.call("audit", { body: { events } });
  }

  /** An action that may change this department's rules: take the new rules at once rather than wait for the push. */
  private async afterAccessAction<T extends Application | Grant>(action: () => Promise<T>): Promise<T> {
    const record = await this.platformCall(action);
    this.titles.set(record.id, "incidentTitle" in record ? record.incidentTitle : record.reason);
    try {
      await this.sync.refreshEntitlements();
    } catch (err) {
      this.deps.log.warn(`entitlements not refreshed after an access action: ${err instanceof Error ? err.message : String(err)}`);
    }
    return record;
  }

  private async platformCall<T>(call: () => Promise<T>): Promise<T> {
    if (!this.me) throw new CoreError("NOT_LOGGED_IN", "log in first");
    try {
      if (!this.client.hasSession) await this.ensureSession();
      return await call();
    } catch (err) {
      throw toCoreError(err);
    }
  }
}

function toRules(set: EntitlementSet): AccessRule[] {
  return accessRulesOf(set.entitlements);
}

/** Maps a platform failure to what the console tells the user. */
export function toCoreError(err: unknown): CoreError {
  if (err instanceof CoreError) return err;
  if (err instanceof PlatformError) {
    if (err.unreachable) return new CoreError("PLATFORM_UNREACHABLE", err.message);
    switch (err.code) {
      case "BAD_CREDENTIALS":
        return new CoreError("BAD_CREDENTIALS", err.message);
      case "RATE_LIMITED":
        return new CoreError("RATE_LIMITED", err.message);
      case "FORBIDDEN":
        // A refused play ticket names its reason; a refused action (wrong role) does not.
        if (!err.reason) return new CoreError("FORBIDDEN", err.message);
        return new CoreError("ACCESS_DENIED", `[${err.reason}] ${err.message}`);
      case "SELF_APPROVAL":
        return new CoreError("SELF_APPROVAL", err.message);
      case "CONFLICT":
        return new CoreError("CONFLICT", err.message);
      case "BAD_REQUEST":
        return new CoreError("INVALID_REQUEST", err.message);
      case "NOT_FOUND":
        return new CoreError("UNKNOWN_CAMERA", err.message);
      case "CAMERA_OFFLINE":
        return new CoreError("CAMERA_OFFLINE", err.message);
      case "UNAUTHENTICATED":
      case "TOKEN_EXPIRED":
      case "TOKEN_INVALID":
      case "TOKEN_REVOKED":
        return new CoreError("NOT_LOGGED_IN", err.message);
    }
  }
  return new CoreError("INTERNAL", err instanceof Error ? err.message : String(err));
}
