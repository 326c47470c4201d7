// Runs in the renderer (pure). Reading the details of a failed login.

/** The wait a RATE_LIMITED answer names ("[RATE_LIMITED] … try again in 42 s"), in seconds; null when it names none. */
export function rateLimitWaitS(detail: string): number | null {
  const m = /(\d+)\s*(?:s\b|秒|sec)/.exec(detail);
  return m ? Number(m[1]) : null;
}
