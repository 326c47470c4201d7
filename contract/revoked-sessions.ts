// Runs in main and the relay (pure). The console sessions main revoked, remembered longer than any relay token lives
// (main mints tokens of at most 12 h), so a revoked session's URL never plays again before its deadline. The relay
// refuses their tokens; main replays the list to a restarted relay.

export const REVOCATION_MEMORY_MS = 13 * 3_600_000;

export class RevokedSessions {
  /** session → when revoked; insertion order is revocation order. */
  private readonly at = new Map<string, number>();

  add(session: string, now = Date.now()): void {
    this.at.delete(session);
    this.at.set(session, now);
    this.prune(now);
  }

  has(session: string): boolean {
    return this.at.has(session);
  }

  /** The sessions still worth refusing. */
  list(now = Date.now()): string[] {
    this.prune(now);
    return [...this.at.keys()];
  }

  private prune(now: number): void {
    for (const [session, at] of this.at) {
      if (now - at < REVOCATION_MEMORY_MS) break; // the rest are newer
      this.at.delete(session);
    }
  }
}
