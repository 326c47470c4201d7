// Runs in the demo media server (pure). The access the platform ended early, remembered until no ticket issued
// before it could still open or hold a session: a console session (logout, revoked session), a grant or application
// (revoked), a user. A revocation at `at` refuses every ticket of its target issued at or before `at`.

export type RevocationKind = "session" | "ref" | "user";

export type Revocation = {
  kind: RevocationKind;
  id: string;
  /** When the access ended (platform clock, ms since epoch). */
  at: number;
  /** Forget it after this (ms since epoch): tickets issued before `at` have expired by then. */
  until: number;
};

/** Who a ticket (or a live session opened with one) belongs to: the claims a revocation targets. */
export type TicketHolder = {
  /** console session */
  s: string;
  /** user */
  u: string;
  /** grant or application; null for standing rules */
  r: string | null;
  /** issued at */
  i: number;
};

const keyOf = (kind: RevocationKind, id: string): string => `${kind}:${id}`;

export class RevocationList {
  private readonly entries = new Map<string, Revocation>();

  /** Merges revocations (the later moment wins for a target seen twice); returns how many are new or moved later. */
  add(revocations: readonly Revocation[], now: number): number {
    this.prune(now);
    let changed = 0;
    for (const rev of revocations) {
      if (rev.until <= now) continue;
      const key = keyOf(rev.kind, rev.id);
      const known = this.entries.get(key);
      if (known && known.at >= rev.at && known.until >= rev.until) continue;
      this.entries.set(key, known ? { ...rev, at: Math.max(rev.at, known.at), until: Math.max(rev.until, known.until) } : rev);
      changed++;
    }
    return changed;
  }

  /** The revocation that ends this holder's access, or null. */
  match(holder: TicketHolder, now: number): Revocation | null {
    const candidates = [keyOf("session", holder.s), keyOf("user", holder.u), ...(holder.r === null ? [] : [keyOf("ref", holder.r)])];
    for (const key of candidates) {
      const rev = this.entries.get(key);
      if (rev && rev.until > now && holder.i <= rev.at) return rev;
    }
    return null;
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(now: number): void {
    for (const [key, rev] of this.entries) if (rev.until <= now) this.entries.delete(key);
  }
}

export function describeRevocation(rev: Revocation): string {
  switch (rev.kind) {
    case "session":
      return "the console session was ended";
    case "ref":
      return `access ${rev.id} was revoked`;
    case "user":
      return "the user's access was withdrawn";
  }
}
