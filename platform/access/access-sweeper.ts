// Runs in the platform API. Every interval, records grants and approvals that have passed their end and pushes it
// (grant expired, entitlement revision): consoles cut their streams on their own clocks, this tells everyone else.
// The timer never keeps the process alive; stop() waits for a sweep in progress.
export interface AccessSweeper {
  /** One sweep now (tests call it after moving the clock). */
  sweep(): Promise<void>;
  stop(): Promise<void>;
}

export function startAccessSweeper(deps: { steps: ReadonlyArray<() => Promise<unknown>>; intervalMs: number; onError: (err: unknown) => void }): AccessSweeper {
  let running: Promise<void> | null = null;
  let stopped = false;
  const sweep = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    // One sweep at a time: a slow one is joined, not overlapped.
    if (running) return running;
    const run: Promise<void> = (async () => {
      for (const step of deps.steps) await step();
    })()
      .catch(deps.onError)
      .finally(() => {
        if (running === run) running = null;
      });
    running = run;
    return run;
  };
  const timer = deps.intervalMs > 0 ? setInterval(() => void sweep(), deps.intervalMs) : null;
  timer?.unref();
  return {
    sweep,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
