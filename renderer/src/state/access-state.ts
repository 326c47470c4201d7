// Runs in the renderer. The time-limited access this user holds (emergency and media grants, approved applications)
// and the console's access clock, mirrored from main: fetched on (re)connect and login, then pushed by `accessState`.
// Countdowns, the watermark's time and ticket deadlines all read accessNow(), never the system clock.
import { useSyncExternalStore } from "react";
import { create } from "zustand";
import type { AccessState } from "../../../contract/console-api.js";
import { apiErrorCode } from "../../../contract/console-client.js";
import { consoleApi } from "./console-link.js";
import { accessClockNow } from "./access-clock.js";
import { useConsoleStore } from "./console-store.js";

type AccessStore = {
  /** Null until the first state arrived (and after logout). */
  state: AccessState | null;
  /** performance.now() when `state` arrived. */
  receivedAt: number;
};

export const useAccessState = create<AccessStore>()(() => ({ state: null, receivedAt: 0 }));

/** Bumped by every state main pushes, so a fetch answered after a push does not overwrite it. */
let pushes = 0;

export function applyAccessState(state: AccessState): void {
  pushes += 1;
  adopt(state);
}

function adopt(state: AccessState): void {
  useAccessState.setState({ state, receivedAt: performance.now() });
  // Grant warnings for access that ended (or was extended past its warning) go away with it.
  const active = new Map(state.active.map((a) => [a.refId, a.validUntil]));
  const notices = useConsoleStore.getState().notices;
  const kept = notices.filter((n) => n.kind !== "grantWarning" || active.get(n.refId) === n.validUntil);
  if (kept.length !== notices.length) useConsoleStore.setState({ notices: kept });
}

export function clearAccessState(): void {
  pushes += 1;
  useAccessState.setState({ state: null, receivedAt: 0 });
}

/** Fetches the state from main (bootstrap, reconnect, login). Failures keep what we had; no session clears it. */
export async function refreshAccessState(): Promise<void> {
  const before = pushes;
  try {
    const state = await consoleApi().getAccessState({});
    if (pushes === before) adopt(state);
  } catch (err) {
    if (apiErrorCode(err) === "NOT_LOGGED_IN") clearAccessState();
    else console.warn("vigil: access state not fetched", err);
  }
}

/** The console's access clock now (ms since the epoch). */
export function accessNow(): number {
  const { state, receivedAt } = useAccessState.getState();
  return accessClockNow(state ? { now: state.now, receivedAt } : null, performance.now(), Date.now());
}

// ---- one shared ticker per period, so a wall of watermarks re-renders on one timer ----

type Ticker = { count: number; timer: ReturnType<typeof setInterval> | null; listeners: Set<() => void> };
const tickers = new Map<number, Ticker>();

function ticker(periodMs: number): Ticker {
  let t = tickers.get(periodMs);
  if (!t) {
    t = { count: 0, timer: null, listeners: new Set() };
    tickers.set(periodMs, t);
  }
  return t;
}

function subscribeTicker(periodMs: number, listener: () => void): () => void {
  const t = ticker(periodMs);
  t.listeners.add(listener);
  if (t.timer === null) {
    t.timer = setInterval(() => {
      t.count += 1;
      for (const l of [...t.listeners]) l();
    }, periodMs);
  }
  return () => {
    t.listeners.delete(listener);
    if (t.listeners.size === 0 && t.timer !== null) {
      clearInterval(t.timer);
      t.timer = null;
    }
  };
}

/** Stable subscribe functions (a new one per render would resubscribe every render). */
const subscribers = new Map<number, (listener: () => void) => () => void>();

function subscriberFor(periodMs: number): (listener: () => void) => () => void {
  let f = subscribers.get(periodMs);
  if (!f) {
    f = (listener) => subscribeTicker(periodMs, listener);
    subscribers.set(periodMs, f);
  }
  return f;
}

/** The access clock, re-rendering the caller every `periodMs` (and when a new access state arrives). */
export function useAccessNow(periodMs: number): number {
  const tick = () => ticker(periodMs).count;
  useSyncExternalStore(subscriberFor(periodMs), tick, tick);
  useAccessState((s) => s.receivedAt);
  return accessNow();
}
