// Runs in main. Keeps the local catalog in step with the platform: snapshot (resumable page by page), then the
// change feed, then live pushes over SSE; on any failure it works from the local copy ("degraded"), retries with
// backoff, and catches up through the change feed when the platform answers again (410 → a fresh snapshot).
import { z } from "zod";
import {
  CatalogChangeSchema,
  ChangesPageSchema,
  PAGE_SIZE_MAX,
  PlatformCameraSchema,
  PlatformEventSchema,
  SnapshotPageSchema,
  type EntitlementSet,
  type PlatformCamera,
  type PlatformEvent,
} from "../../contract/platform-api.js";
import type { PlatformStatus } from "../../contract/console-api.js";
import type { CatalogIndex } from "../catalog/catalog-index.js";
import type { CatalogStore, SnapshotProgress } from "../catalog/catalog-store.js";
import { searchKeyFor } from "../catalog/search-keys.js";
import type { Logger } from "../log/logger.js";
import { backoffDelayMs } from "../retry/backoff.js";
import { toConsoleCamera } from "./camera-mapping.js";
import { PlatformError, type PlatformClient } from "./platform-client.js";
import { SseReader } from "./sse-reader.js";

const LenientSnapshotSchema = SnapshotPageSchema.extend({ items: z.array(z.unknown()) });
const LenientChangesSchema = ChangesPageSchema.extend({ changes: z.array(z.unknown()) });
/** No byte from the event stream for this long (the platform sends keep-alives) → the connection is dead. */
const EVENTS_IDLE_TIMEOUT_MS = 45_000;

export type SyncListener = {
  status(status: PlatformStatus): void;
  catalogChanged(): void;
  entitlements(set: EntitlementSet): void;
  /** Grant and application events, for the access work. */
  platformEvent(event: PlatformEvent): void;
  /** The platform no longer accepts this session (revoked, expired refresh token). */
  sessionLost(reason: string): void;
};

export class CatalogSync {
  private running = false;
  private abort: AbortController | null = null;
  private wake: (() => void) | null = null;
  private lastEventId: string | null = null;
  private failures = 0;
  private status: PlatformStatus = { state: "logged-out", lastContactAt: null, retryAt: null, cameras: 0, lastError: null };

  constructor(
    private readonly deps: {
      client: PlatformClient;
      store: CatalogStore;
      index: CatalogIndex;
      log: Logger;
      listener: SyncListener;
      /** Makes sure the client holds a session (resumes a stored one); throws PlatformError otherwise. */
      ensureSession: () => Promise<void>;
      /** Test hook: shortens the retry backoff. */
      retryBaseMs?: number;
    },
  ) {}

  get currentStatus(): PlatformStatus {
    return { ...this.status, cameras: this.deps.index.size };
  }

  /** Runs until stop(): sync, follow pushes, and on failure work degraded and retry. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort?.abort();
    this.wake?.();
    this.setStatus({ state: "logged-out", retryAt: null });
  }

  /** Retry now (e.g. the user pressed "reconnect"). */
  retryNow(): void {
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        await this.deps.ensureSession();
        await this.catchUp();
        await this.refreshEntitlements();
        this.failures = 0;
        this.setStatus({ state: "online", lastContactAt: Date.now(), retryAt: null, lastError: null });
        await this.followEvents(); // returns only when the stream ends
        throw new PlatformError(0, "UNREACHABLE", "the platform closed the event stream");
      } catch (err) {
        if (!this.running) return;
        if (err instanceof PlatformError && err.status === 401) {
          this.running = false;
          this.deps.listener.sessionLost(err.message);
          return;
        }
        const message = err instanceof Error ? err.message : String(err);
        const delay = backoffDelayMs(this.failures++, { baseMs: this.deps.retryBaseMs ?? 1000, capMs: 30_000, jitter: 0.2 });
        this.deps.log.warn(`platform sync: ${message}; working from the local catalog, retrying in ${delay} ms`);
        this.setStatus({ state: "degraded", retryAt: Date.now() + delay, lastError: message });
        await this.sleep(delay);
      }
    }
  }

  /** Brings the local catalog up to the platform's present: snapshot when needed, then every change. */
  async catchUp(): Promise<void> {
    const progress = await this.deps.store.getState<SnapshotProgress>("snapshot");
    const cursor = await this.deps.store.getState<string>("cursor");
    if (progress || !cursor) await this.snapshot(progress);
    await this.pullChanges();
  }

  private async snapshot(resume: SnapshotProgress | null): Promise<void> {
    const { client, store, index, log } = this.deps;
    this.setStatus({ state: "syncing" });
    let progress = resume;
    if (!progress) await store.clearSeen();
    const started = Date.now();
    type Fetched = { ok: true; page: z.infer<typeof LenientSnapshotSchema> } | { ok: false; error: unknown };
    const fetchPage = (pageToken: string | undefined): Promise<Fetched> =>
      client
        .callWith("snapshot", LenientSnapshotSchema, { query: { pageSize: PAGE_SIZE_MAX, pageToken } })
        .then((page): Fetched => ({ ok: true, page }), (error: unknown): Fetched => ({ ok: false, error }));
    let next = fetchPage(progress?.pageToken ?? undefined);
    for (;;) {
      const fetched = await next;
      if (!fetched.ok) {
        const err = fetched.error;
        if (err instanceof PlatformError && (err.status === 410 || err.status === 400) && progress?.pageToken) {
          log.warn(`snapshot page token refused (${err.message}); starting the snapshot again`);
          progress = null;
          await store.clearSeen();
          next = fetchPage(undefined);
          continue;
        }
        throw err;
      }
      const page = fetched.page;
      // The platform prepares the next page while this one is validated, indexed and written.
      if (page.nextPageToken) next = fetchPage(page.nextPageToken);
      const records = this.validRecords(page.items, "snapshot");
      const cursor = progress?.cursor ?? page.cursor;
      await store.transaction(async () => {
        await this.applyRecords(records, false);
        await store.markSeen(records.map((r) => r.id));
        progress = { cursor, pageToken: page.nextPageToken, startedAt: progress?.startedAt ?? started };
        await store.setState("snapshot", page.nextPageToken ? progress : null);
        if (!page.nextPageToken) {
          const dropped = await store.dropUnseen();
          if (dropped.length) index.remove(dropped);
          await store.setState("cursor", cursor);
        }
      });
      this.deps.listener.catalogChanged();
      if (!page.nextPageToken) break;
    }
    log.info("catalog snapshot complete", { cameras: index.size, seconds: (Date.now() - started) / 1000 });
  }

  private async pullChanges(): Promise<void> {
    const { client, store } = this.deps;
    for (;;) {
      const cursor = await store.getState<string>("cursor");
      if (!cursor) return this.snapshot(null);
      let page: z.infer<typeof LenientChangesSchema>;
      try {
        page = await client.callWith("changes", LenientChangesSchema, { query: { cursor, limit: PAGE_SIZE_MAX } });
      } catch (err) {
        if (err instanceof PlatformError && err.status === 410) {
          this.deps.log.warn("change cursor too old for the platform (410); taking a fresh snapshot");
          await store.setState("cursor", null);
          return this.snapshot(null);
        }
        throw err;
      }
      await this.applyChanges(page.changes, page.nextCursor);
      if (!page.hasMore) return;
    }
  }

  /** Applies a batch of changes (feed or push) and moves the cursor, in one transaction. */
  private async applyChanges(raw: unknown[], nextCursor: string): Promise<void> {
    const upserts: PlatformCamera[] = [];
    const deletes: Array<{ id: string; version: number }> = [];
    for (const item of raw) {
      const parsed = CatalogChangeSchema.safeParse(item);
      if (!parsed.success) {
        this.reportRejected("change", item, parsed.error);
        continue;
      }
      if (parsed.data.kind === "upsert") upserts.push(parsed.data.camera);
      else deletes.push({ id: parsed.data.id, version: parsed.data.version });
    }
    await this.deps.store.transaction(async () => {
      await this.applyRecords(upserts, true);
      if (deletes.length) {
        const known = await this.deps.store.versions(deletes.map((d) => d.id));
        // A tombstone older than what we hold (an out-of-order delivery) changes nothing.
        const gone = deletes.filter((d) => (known.get(d.id) ?? 0) <= d.version).map((d) => d.id);
        await this.deps.store.remove(gone);
        this.deps.index.remove(gone);
      }
      await this.deps.store.setState("cursor", nextCursor);
    });
    if (upserts.length || deletes.length) this.deps.listener.catalogChanged();
  }

  /** Version-guarded write of full records to SQLite and the in-memory index. Classified cameras are dropped. */
  private async applyRecords(records: PlatformCamera[], guard: boolean): Promise<void> {
    const { store, index } = this.deps;
    const classified = records.filter((r) => r.secrecy === 1).map((r) => r.id);
    let fresh = records.filter((r) => r.secrecy !== 1);
    if (fresh.length) {
      const known = await store.versions(fresh.map((r) => r.id));
      // Never go back to an older version (out-of-order or duplicate delivery); a snapshot rewrites equal ones.
      fresh = fresh.filter((r) => (guard ? (known.get(r.id) ?? 0) < r.version : (known.get(r.id) ?? 0) <= r.version));
      // Duplicates within one batch: keep the newest.
      const newest = new Map<string, PlatformCamera>();
      for (const r of fresh) if ((newest.get(r.id)?.version ?? 0) < r.version) newest.set(r.id, r);
      fresh = [...newest.values()];
    }
    const items = fresh.map((record) => {
      const camera = toConsoleCamera(record);
      return { record, camera, search: searchKeyFor(camera) };
    });
    await store.upsert(items);
    if (classified.length) {
      await store.remove(classified);
      index.remove(classified);
    }
    if (items.length) index.upsert(items);
  }

  private validRecords(raw: unknown[], origin: string): PlatformCamera[] {
    const out: PlatformCamera[] = [];
    for (const item of raw) {
      const parsed = PlatformCameraSchema.safeParse(item);
      if (parsed.success) out.push(parsed.data);
      else this.reportRejected(origin, item, parsed.error);
    }
    return out;
  }

  private reportRejected(origin: string, item: unknown, error: z.ZodError): void {
    const id = typeof item === "object" && item && "id" in item ? String((item as { id: unknown }).id) : "?";
    const issue = error.issues[0];
    this.deps.log.warn(`rejected a malformed ${origin} record from the platform`, {
      id,
      at: issue?.path.join("."),
      issue: issue?.message,
    });
  }

  async refreshEntitlements(): Promise<void> {
    const set = await this.deps.client.call("entitlements");
    await this.deps.store.setState("platform", { entitlements: set });
    this.deps.listener.entitlements(set);
  }

  /** Follows the push channel until it ends or fails. */
  private async followEvents(): Promise<void> {
    const { client } = this.deps;
    const { url, headers } = await client.streamRequest("events");
    const controller = new AbortController();
    this.abort = controller;
    const res = await fetch(url, {
      headers: { ...headers, Accept: "text/event-stream", ...(this.lastEventId ? { "Last-Event-ID": this.lastEventId } : {}) },
      signal: controller.signal,
    }).catch((err: unknown) => {
      throw new PlatformError(0, "UNREACHABLE", `event stream: ${err instanceof Error ? err.message : String(err)}`);
    });
    if (!res.ok || !res.body) {
      throw new PlatformError(res.status, res.status === 401 ? "TOKEN_EXPIRED" : "INTERNAL", `event stream answered ${res.status}`);
    }
    const reader = new SseReader();
    const decoder = new TextDecoder();
    let idle: NodeJS.Timeout | null = null;
    const armIdle = () => {
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => controller.abort(), EVENTS_IDLE_TIMEOUT_MS);
    };
    armIdle();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        armIdle();
        this.setStatus({ lastContactAt: Date.now() });
        for (const message of reader.push(decoder.decode(chunk, { stream: true }))) {
          if (message.id) this.lastEventId = message.id;
          let parsed;
          try {
            parsed = PlatformEventSchema.safeParse(JSON.parse(message.data));
          } catch {
            this.deps.log.warn("dropped a non-JSON platform event");
            continue;
          }
          if (!parsed.success) {
            this.deps.log.warn("dropped a malformed platform event", { issue: parsed.error.issues[0]?.message });
            continue;
          }
          await this.onEvent(parsed.data);
        }
      }
    } catch (err) {
      if (!this.running) return;
      throw new PlatformError(0, "UNREACHABLE", `event stream lost: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      if (idle) clearTimeout(idle);
      this.abort = null;
    }
  }

  private async onEvent(event: PlatformEvent): Promise<void> {
    switch (event.type) {
      case "catalog":
        await this.applyChanges(event.changes, event.cursor);
        return;
      case "camera-status": {
        const { store, index } = this.deps;
        const known = (await store.versions([event.cameraId])).get(event.cameraId);
        if (known === undefined || known >= event.version) return;
        // The full record follows in the change feed; apply the status at once so tiles and counts are current.
        if (index.setOnline(event.cameraId, event.status === "ONLINE")) this.deps.listener.catalogChanged();
        return;
      }
      case "entitlement":
        await this.refreshEntitlements();
        return;
      case "resync":
        this.deps.log.warn(`platform asked for a resync: ${event.reason}`);
        await this.deps.store.setState("cursor", null);
        await this.catchUp();
        await this.refreshEntitlements();
        return;
      default:
        this.deps.listener.platformEvent(event);
    }
  }

  private setStatus(patch: Partial<PlatformStatus>): void {
    this.status = { ...this.status, ...patch, cameras: this.deps.index.size };
    this.deps.listener.status(this.currentStatus);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
