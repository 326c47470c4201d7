// Runs in the platform API (pure: the clock is given). Slows password guessing without letting anyone lock a user
// out. Failures count per (username, client address) only: guesses from one address never block that user at
// another terminal, nor the other users behind the same address (a NAT, or every console login to an embedded
// platform, which all come from 127.0.0.1). After `freeFailures` failures, each further one makes that pair wait
// before its next try — `baseDelayMs`, doubled per failure, at most `maxDelayMs`. A success, or `forgetMs` without
// a failure, clears the pair.
export interface LoginLimiterOptions {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetMs: number;
  /** Pairs remembered at most (the longest quiet go first): made-up usernames cannot grow memory without bound. */
  maxTracked: number;
  now: () => number;
}

export const DEFAULT_LOGIN_LIMITS: Omit<LoginLimiterOptions, "now"> = {
  freeFailures: 5,
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  forgetMs: 30 * 60_000,
  maxTracked: 100_000,
};

type Pair = { failures: number; lastFailureAt: number; blockedUntil: number };

export class LoginLimiter {
  /** Insertion order is the order of the latest failure: the first entry is the longest quiet. */
  private readonly pairs = new Map<string, Pair>();

  constructor(private readonly options: LoginLimiterOptions) {}

  /** Seconds this pair must still wait, or 0 when a try is allowed. */
  retryAfterS(username: string, address: string): number {
    const now = this.options.now();
    const pair = this.current(keyOf(username, address), now);
    return pair && pair.blockedUntil > now ? Math.ceil((pair.blockedUntil - now) / 1000) : 0;
  }

  fail(username: string, address: string): void {
    const now = this.options.now();
    const key = keyOf(username, address);
    const failures = (this.current(key, now)?.failures ?? 0) + 1;
    const over = failures - this.options.freeFailures;
    const delay = over < 0 ? 0 : Math.min(this.options.baseDelayMs * 2 ** Math.min(over, 30), this.options.maxDelayMs);
    this.pairs.delete(key);
    this.pairs.set(key, { failures, lastFailureAt: now, blockedUntil: now + delay });
    for (const oldest of this.pairs.keys()) {
      if (this.pairs.size <= this.options.maxTracked) break;
      this.pairs.delete(oldest);
    }
  }

  succeed(username: string, address: string): void {
    this.pairs.delete(keyOf(username, address));
  }

  /** Pairs remembered now (tests). */
  get tracked(): number {
    return this.pairs.size;
  }

  private current(key: string, now: number): Pair | null {
    const pair = this.pairs.get(key);
    if (!pair) return null;
    if (now - pair.lastFailureAt < this.options.forgetMs) return pair;
    this.pairs.delete(key);
    return null;
  }
}

const keyOf = (username: string, address: string): string => JSON.stringify([username.toLowerCase(), address]);
