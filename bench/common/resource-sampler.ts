// Runs in bench orchestrators. CPU % and RSS of one process, sampled with pidusage once a second.
import pidusage from "pidusage";

export interface ResourceSample {
  tMs: number;
  cpuPct: number;
  rssMb: number;
}

export class ResourceSampler {
  readonly samples: ResourceSample[] = [];
  private timer: NodeJS.Timeout | null = null;
  private started = 0;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 1000,
  ) {}

  /** The first pidusage call only primes its CPU counters, so it is taken at start and not kept. */
  async start(): Promise<void> {
    this.started = Date.now();
    await pidusage(this.pid);
    this.timer = setInterval(() => {
      pidusage(this.pid)
        .then((s) => this.samples.push({ tMs: Date.now() - this.started, cpuPct: s.cpu, rssMb: s.memory / 2 ** 20 }))
        .catch(() => { /* process gone: the caller sees missing samples */ });
    }, this.intervalMs);
  }

  stop(): ResourceSample[] {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    pidusage.clear();
    return this.samples;
  }
}

export async function rssMb(pid: number): Promise<number> {
  return (await pidusage(pid)).memory / 2 ** 20;
}
