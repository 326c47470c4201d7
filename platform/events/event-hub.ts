// Runs in the platform API. Push events: stored with a sequence number (the SSE event id) so a console that
// reconnects with Last-Event-ID gets what it missed, then fanned out live. Each event has an audience: everyone
// ("*") or one department.
import type { PlatformEvent } from "../../contract/platform-api.js";
import type { PlatformStore } from "../store/platform-store.js";

export type StoredEvent = { seq: number; event: PlatformEvent };
export type Audience = "*" | `dept:${string}`;
type Listener = { departmentId: string; send: (e: StoredEvent) => void };

export class EventHub {
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly store: PlatformStore,
    private readonly options: { retainEvents: number; now: () => number },
  ) {}

  async publish(items: ReadonlyArray<{ audience: Audience; event: PlatformEvent }>): Promise<void> {
    if (items.length === 0) return;
    const now = this.options.now();
    const stored = await this.store.write(async (db) => {
      const out: Array<StoredEvent & { audience: Audience }> = [];
      for (const item of items) {
        const res = await db.run("INSERT INTO event (type, audience, payload, at) VALUES (?, ?, ?, ?)", [item.event.type, item.audience, JSON.stringify(item.event), now]);
        out.push({ seq: res.lastID, event: item.event, audience: item.audience });
      }
      const last = out[out.length - 1]?.seq ?? 0;
      await db.run("DELETE FROM event WHERE seq <= ?", [last - this.options.retainEvents]);
      return out;
    });
    for (const e of stored) {
      for (const l of this.listeners) if (e.audience === "*" || e.audience === `dept:${l.departmentId}`) l.send({ seq: e.seq, event: e.event });
    }
  }

  /**
   * Subscribes, replaying everything after `lastEventId` first. When that history is gone, a `resync` event comes
   * first (numbered like the event it replaces, so a client never skips one). Returns the unsubscribe function.
   */
  async subscribe(departmentId: string, lastEventId: number | null, send: (e: StoredEvent) => void): Promise<() => void> {
    const buffered: StoredEvent[] = [];
    let replaying = true;
    const listener: Listener = { departmentId, send: (e) => (replaying ? buffered.push(e) : send(e)) };
    this.listeners.add(listener);
    let last = lastEventId ?? 0;
    if (lastEventId !== null) {
      const oldest = await this.store.reader.get<{ seq: number | null }>("SELECT MIN(seq) AS seq FROM event");
      const top = await this.store.reader.get<{ seq: number | null }>("SELECT MAX(seq) AS seq FROM event");
      const gone = (oldest?.seq ?? (top?.seq ?? 0) + 1) > lastEventId + 1 || lastEventId > (top?.seq ?? 0);
      if (gone) send({ seq: lastEventId, event: { type: "resync", reason: "events since your Last-Event-ID are no longer retained" } });
      const rows = await this.store.reader.all<{ seq: number; payload: string }>(
        "SELECT seq, payload FROM event WHERE seq > ? AND audience IN ('*', ?) ORDER BY seq",
        [lastEventId, `dept:${departmentId}`],
      );
      for (const row of rows) {
        send({ seq: row.seq, event: JSON.parse(row.payload) as PlatformEvent });
        last = row.seq;
      }
    }
    for (const e of buffered) if (e.seq > last) send(e);
    replaying = false;
    return () => this.listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }
}
