// Runs in main. Pure: how a browser gets into the web shell. A per-launch session secret lives only in this process
// and in the browser's cookie jar (HttpOnly, SameSite=Strict, host-only for 127.0.0.1, Path=/); it never appears in a
// URL or on a command line. A browser gets the cookie in exchange for a one-time launch code (`/?code=…`, dead after
// its first use or LAUNCH_CODE_TTL_MS), or — the browser the shell starts itself — over the DevTools pipe.
import { timingSafeEqual } from "node:crypto";

/** An unused launch code dies after this long: long enough to paste a link, short enough to be worth little in a log. */
export const LAUNCH_CODE_TTL_MS = 2 * 60_000;
/** Codes alive at once; minting one more drops the oldest. */
export const MAX_LIVE_CODES = 16;

export class LaunchCodes {
  /** code → expiry (ms), in minting order. */
  private readonly live = new Map<string, number>();

  constructor(
    private readonly newCode: () => string,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = LAUNCH_CODE_TTL_MS,
  ) {}

  mint(): string {
    this.prune();
    while (this.live.size >= MAX_LIVE_CODES) {
      const oldest = this.live.keys().next().value;
      if (oldest === undefined) break;
      this.live.delete(oldest);
    }
    const code = this.newCode();
    this.live.set(code, this.now() + this.ttlMs);
    return code;
  }

  /** True once per minted code, before it expires; the code is gone afterwards whatever the answer. */
  redeem(code: string | null): boolean {
    this.prune();
    if (!code) return false;
    const expiresAt = this.live.get(code);
    if (expiresAt === undefined) return false;
    this.live.delete(code);
    return this.now() < expiresAt;
  }

  private prune(): void {
    const now = this.now();
    for (const [code, expiresAt] of this.live) if (now >= expiresAt) this.live.delete(code);
  }
}

/**
 * The session cookie's name. Cookies are scoped by host, not port: two consoles on 127.0.0.1 (two data folders)
 * would overwrite each other's cookie under one name.
 */
export function sessionCookieName(port: number): string {
  return `vigil_${port}`;
}

/** The Set-Cookie value: no Max-Age (gone when the browser closes), no Domain (127.0.0.1 only), not readable by script. */
export function sessionSetCookie(name: string, value: string): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict`;
}

/** A cookie's value from a Cookie request header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** Constant-time comparison of a presented secret with the expected one. */
export function secretMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The same page without its launch code (where the exchange redirects to), as a path + query. */
export function withoutCode(url: URL): string {
  const clean = new URL(url);
  clean.searchParams.delete("code");
  return `${clean.pathname}${clean.search}`;
}
