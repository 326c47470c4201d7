// Test helper (runs in the Vitest workers): wait for the condition a test needs, never for a fixed time. The
// timeouts are generous on purpose (a loaded 2-core CI machine is slow, not wrong); when one passes, the error says
// what was awaited, so a failure reads as "no streamEnded event" rather than "expected false to be true".

export interface WaitOptions {
  /** Overall limit; default 10 s. */
  timeoutMs?: number;
  /** Poll interval; default 20 ms. */
  intervalMs?: number;
  /** Extra context for the timeout message (the last state seen, a log tail). */
  detail?: () => string;
}

type Truthy<T> = Exclude<T, false | null | undefined | 0 | "">;

/** Polls `probe` until it returns a truthy value, and returns that value. */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, opts: WaitOptions = {}): Promise<Truthy<T>> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const end = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as Truthy<T>;
    if (performance.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${opts.detail ? `: ${opts.detail()}` : ""}`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 20));
  }
}

/** Settles as `promise` does, or rejects naming `what` when it has not settled within `timeoutMs`. */
export function within<T>(what: string, promise: Promise<T>, timeoutMs = 10_000, detail?: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail ? `: ${detail()}` : ""}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
