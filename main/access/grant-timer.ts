// Runs in main. Watches time-limited access (applications, grants) on the access clock: warns 10, 5 and 1 minutes
// before an end and reports the end itself, once each, whether or not the platform is reachable. Policy is pure
// (warningsDue); the class only keeps what was already said and ticks.
import type { AccessClock } from "./access-clock.js";
import type { AccessRule } from "../../contract/access-evaluator.js";

export const WARNING_MINUTES = [10, 5, 1] as const;
export type WarningMinutes = (typeof WARNING_MINUTES)[number];
export const TICK_MS = 250;

export type TimedRule = { refId: string; basis: AccessRule["basis"]; validUntil: number };

/** Rules with an end and an application/grant behind them: what the grant bar counts down. */
export function timedRules(rules: readonly AccessRule[], now: number): TimedRule[] {
  const byRef = new Map<string, TimedRule>();
  for (const r of rules) {
    if (r.refId === null || r.validUntil === null || r.validUntil <= now) continue;
    if (r.validFrom !== null && r.validFrom > now) continue;
    const known = byRef.get(r.refId);
    if (!known || r.validUntil > known.validUntil) byRef.set(r.refId, { refId: r.refId, basis: r.basis, validUntil: r.validUntil });
  }
  return [...byRef.values()].sort((a, b) => a.validUntil - b.validUntil);
}

/**
 * Which warnings are due now for one rule. `said` holds the thresholds already handled for this end time. A rule first
 * seen with less time left than a threshold skips that warning (a 1-minute grant does not warn "10 minutes left"),
 * except the tightest threshold it is already under, which is said at once only when crossed later.
 */
export function warningsDue(remainingMs: number, said: ReadonlySet<WarningMinutes>, firstSight: boolean): { say: WarningMinutes[]; skip: WarningMinutes[] } {
  const say: WarningMinutes[] = [];
  const skip: WarningMinutes[] = [];
  if (remainingMs <= 0) return { say, skip };
  for (const m of WARNING_MINUTES) {
    if (said.has(m) || remainingMs > m * 60_000) continue;
    if (firstSight) skip.push(m);
    else say.push(m);
  }
  // Crossing several thresholds at once (a clock jump) says only the tightest.
  return { say: say.length > 1 ? [say[say.length - 1]!] : say, skip: say.length > 1 ? [...skip, ...say.slice(0, -1)] : skip };
}

export type GrantTimerEvents = {
  warn(rule: TimedRule, minutesLeft: WarningMinutes): void;
  /** A time-limited rule reached its end on the access clock. */
  expired(rule: TimedRule): void;
  /** Every tick: let the stream sessions cut what passed its deadline. */
  tick(now: number): void;
};

export class GrantTimer {
  /** refId@validUntil → thresholds said. */
  private readonly said = new Map<string, Set<WarningMinutes>>();
  private tracked = new Map<string, TimedRule>();
  private timer: NodeJS.Timeout | null = null;
  private offJump: (() => void) | null = null;

  constructor(
    private readonly deps: { clock: AccessClock; rules: () => readonly AccessRule[]; events: GrantTimerEvents; tickMs?: number },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.check(), this.deps.tickMs ?? TICK_MS);
    this.timer.unref();
    this.offJump = this.deps.clock.onJump(() => this.check());
    this.check();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.offJump?.();
    this.offJump = null;
  }

  /** Runs one round: expiries, warnings, then the deadline sweep. */
  check(): void {
    const now = this.deps.clock.now();
    const current = new Map(timedRules(this.deps.rules(), now).map((r) => [r.refId, r]));
    // Ends: a rule tracked before that now reached its end (not one the platform withdrew: that is a revoke).
    for (const [refId, rule] of this.tracked) {
      if (rule.validUntil <= now && !current.has(refId)) {
        this.tracked.delete(refId);
        this.said.delete(`${refId}@${rule.validUntil}`);
        this.deps.events.expired(rule);
      }
    }
    for (const [refId, rule] of current) {
      const key = `${refId}@${rule.validUntil}`;
      const firstSight = !this.said.has(key);
      const said = this.said.get(key) ?? new Set<WarningMinutes>();
      this.said.set(key, said);
      const { say, skip } = warningsDue(rule.validUntil - now, said, firstSight);
      for (const m of skip) said.add(m);
      for (const m of say) {
        said.add(m);
        this.deps.events.warn(rule, m);
      }
      this.tracked.set(refId, rule);
    }
    // Forget rules that left without reaching their end (withdrawn or replaced).
    for (const refId of [...this.tracked.keys()]) if (!current.has(refId)) this.tracked.delete(refId);
    this.deps.events.tick(now);
  }
}
