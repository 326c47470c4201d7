// Runs in the platform API. Slows password guessing: after too many failures for one username (from anywhere)
// or one client address, logins are refused with 429 until the window passes.
export interface LoginLimiterOptions {
  /** Per username. */
  maxFailures: number;
  /** Per client address (many users behind one NAT share it). */
  maxFailuresPerAddress: number;
  windowMs: number;
  now: () => number;
}

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly options: LoginLimiterOptions) {}

  /** Seconds to wait, or 0 when a try is allowed. */
  retryAfterS(username: string, address: string): number {
    const now = this.options.now();
    let wait = 0;
    for (const key of this.keys(username, address)) {
      const recent = this.recent(key, now);
      const max = key.startsWith("u:") ? this.options.maxFailures : this.options.maxFailuresPerAddress;
      if (recent.length >= max) {
        const oldest = recent[recent.length - max] ?? now;
        wait = Math.max(wait, Math.ceil((oldest + this.options.windowMs - now) / 1000));
      }
    }
    return wait;
  }

  fail(username: string, address: string): void {
    const now = this.options.now();
    for (const key of this.keys(username, address)) this.failures.set(key, [...this.recent(key, now), now]);
  }

  succeed(username: string): void {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }

  private keys(username: string, address: string): string[] {
    return [`u:${username.toLowerCase()}`, `a:${address}`];
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.options.windowMs);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }
}
