// Runs in the platform API. Tells the media server at once which access ended early (a grant revoked, a session
// logged out or revoked, ...) and which live sessions a renewed ticket carries on (leases). Every message holds all
// revocations still worth remembering, so a media server that restarted learns them again with the next push, at the
// latest REPEAT_MS later; a failed push is retried with backoff. Nothing here holds up an API answer.
import type { PlatformStore } from "../store/platform-store.js";
import { MEDIA_CONTROL_PATH, MediaControlAnswerSchema, signMediaControl, type MediaLease } from "./media-control.js";
import type { Revocation, RevocationKind } from "./revocation-list.js";

/** What the access services call when access ends early. */
export interface MediaCuts {
  revoke(kind: RevocationKind, id: string, at?: number): void;
}

export interface MediaPushOptions {
  /** The media server's base URL (its control endpoint lives there); null: there is none to tell. */
  baseUrl: string | null;
  key: Buffer;
  /** How long a revocation is worth remembering: by then every ticket issued before it has expired. */
  memoryMs: number;
  now: () => number;
  onError: (message: string) => void;
  /** How often the revocations are sent again while there are any (default REPEAT_MS). */
  repeatMs?: number;
}

export const REPEAT_MS = 10_000;
const PUSH_TIMEOUT_MS = 2_000;
const RETRY_BASE_MS = 250;
const RETRY_MAX_MS = 10_000;

export class MediaPush implements MediaCuts {
  private readonly revocations = new Map<string, Revocation>();
  private leases: MediaLease[] = [];
  private sending: Promise<void> | null = null;
  private dirty = false;
  private failures = 0;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly repeatTimer: NodeJS.Timeout;
  private readonly url: string | null;

  constructor(private readonly options: MediaPushOptions) {
    this.url = options.baseUrl === null ? null : new URL(MEDIA_CONTROL_PATH, options.baseUrl).toString();
    this.repeatTimer = setInterval(() => {
      if (this.revocations.size > 0) this.kick();
    }, options.repeatMs ?? REPEAT_MS);
    this.repeatTimer.unref();
  }

  revoke(kind: RevocationKind, id: string, at = this.options.now()): void {
    const key = `${kind}:${id}`;
    const known = this.revocations.get(key);
    if (known && known.at >= at) return;
    this.revocations.set(key, { kind, id, at, until: at + this.options.memoryMs });
    this.kick();
  }

  /** A ticket was issued: the live sessions of its console session and stream play on to its end. */
  lease(lease: MediaLease): void {
    this.leases.push(lease);
    this.kick();
  }

  /**
   * The revocations an earlier API process recorded that may still matter (it may have stopped before its push
   * went out): sessions revoked and active grants revoked within the memory window.
   */
  async recall(store: Pick<PlatformStore, "reader">): Promise<number> {
    const db = store.reader;
    const since = this.options.now() - this.options.memoryMs;
    const sessions = await db.all<{ id: string; at: number }>("SELECT id, revoked_at AS at FROM session WHERE revoked_at IS NOT NULL AND revoked_at > ?", [since]);
    // A revoked grant that was active has its end set to the moment of the revocation.
    const grants = await db.all<{ id: string; at: number }>("SELECT id, valid_until AS at FROM emergency_grant WHERE status = 'revoked' AND valid_until IS NOT NULL AND valid_until > ?", [since]);
    for (const s of sessions) this.revoke("session", s.id, s.at);
    for (const g of grants) this.revoke("ref", g.id, g.at);
    return sessions.length + grants.length;
  }

  /** Resolves when what was recorded so far is delivered, or the attempt failed (tests). */
  async settled(): Promise<void> {
    while (this.sending) await this.sending;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.repeatTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  /** Sends now (a new revocation does not wait out the backoff of an earlier failure), or after the push under way. */
  private kick(): void {
    if (this.url === null || this.closed) return;
    this.dirty = true;
    if (this.sending) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.sending = this.drain().finally(() => {
      this.sending = null;
    });
  }

  private async drain(): Promise<void> {
    while (this.dirty && !this.closed) {
      this.dirty = false;
      if (!(await this.pushOnce())) {
        this.failures++;
        const wait = Math.min(RETRY_BASE_MS * 2 ** (this.failures - 1), RETRY_MAX_MS);
        this.dirty = true;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.kick();
        }, wait);
        this.retryTimer.unref();
        return;
      }
      this.failures = 0;
    }
  }

  private async pushOnce(): Promise<boolean> {
    const now = this.options.now();
    for (const [key, rev] of this.revocations) if (rev.until <= now) this.revocations.delete(key);
    this.leases = this.leases.filter((l) => l.d > now);
    const leases = this.leases;
    if (this.revocations.size === 0 && leases.length === 0) return true;
    const body = signMediaControl(this.options.key, { revocations: [...this.revocations.values()], leases });
    try {
      const res = await fetch(this.url ?? "", { method: "POST", headers: { "content-type": "text/plain" }, body, signal: AbortSignal.timeout(PUSH_TIMEOUT_MS) });
      const text = await res.text();
      if (!res.ok) throw new Error(`${res.status} ${text.slice(0, 200)}`);
      MediaControlAnswerSchema.parse(JSON.parse(text));
      // Leases recorded while this push was on its way go with the next one.
      this.leases = this.leases.filter((l) => !leases.includes(l));
      return true;
    } catch (err) {
      // Said once per outage, not on every retry.
      if (this.failures === 0) this.options.onError(`could not tell the media server (${this.url}) about ended access; retrying: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  }
}
