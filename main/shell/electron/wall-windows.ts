// Runs in Electron main. The wall windows on the workstation's displays: opens one window per wall where
// display-placement.ts says, follows displays being added, removed and changed, and learns from the operator (a
// window moved onto another display is re-homed there; entering or leaving full screen is remembered). Placements
// are kept in the settings store. Written against the few Electron members it uses (screen, BrowserWindow), so
// Vitest drives it with a fake screen and fake windows; electron-main passes the real ones and makes each window
// through its one createWindow (same options, guard, CSP, preload and IPC capability as the console window).
import type { WallId } from "../../../contract/wall.js";
import type { Logger } from "../../log/logger.js";
import type { SettingsRepo } from "../../store/settings-repo.js";
import {
  afterModeChange,
  afterOperatorMove,
  displayContaining,
  initialPlacement,
  planWindows,
  replan,
  targetFor,
  WallPlacementsSchema,
  type DisplayInfo,
  type Rect,
  type ScreenLayout,
  type WallPlacement,
  type WindowTarget,
} from "./display-placement.js";

/** A window's move or resize has ended when no other came for this long (Linux has no 'moved' event). */
export const SETTLE_MS = 400;
/**
 * Moves that end this soon after a display change or after this module placed the window are the system's or
 * ours (the OS shifts windows off a display being unplugged), never the operator's: they re-home nothing.
 */
export const GRACE_MS = 1500;
/** A window asked to leave full screen that never says it did is moved anyway (and asked again) after this long. */
export const LEAVE_FULLSCREEN_TIMEOUT_MS = 2000;

/** The members of Electron's `screen` used here. */
export interface ScreenLike {
  getAllDisplays(): readonly DisplayInfo[];
  getPrimaryDisplay(): { id: number };
  on(event: "display-added", listener: () => void): unknown;
  on(event: "display-removed", listener: () => void): unknown;
  on(event: "display-metrics-changed", listener: () => void): unknown;
}

/** The members of Electron's BrowserWindow used here. */
export interface WallWindowLike {
  getBounds(): Rect;
  setBounds(bounds: Rect): void;
  isFullScreen(): boolean;
  setFullScreen(flag: boolean): void;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
  close(): void;
  on(event: "move", listener: () => void): unknown;
  on(event: "resize", listener: () => void): unknown;
  on(event: "enter-full-screen", listener: () => void): unknown;
  on(event: "leave-full-screen", listener: () => void): unknown;
  on(event: "closed", listener: () => void): unknown;
}

/** Where the placements are kept between runs. */
export interface PlacementStore {
  load(): Promise<WallPlacement[]>;
  save(placements: WallPlacement[]): Promise<void>;
}

export const PLACEMENTS_KEY = "wallWindows.placements";

/** Placements in the console's settings table (one JSON value; an unreadable one is as if none were kept). */
export function settingsPlacementStore(settings: Pick<SettingsRepo, "get" | "set">): PlacementStore {
  return {
    load: () => settings.get(PLACEMENTS_KEY, WallPlacementsSchema, []),
    save: (placements) => settings.set(PLACEMENTS_KEY, placements),
  };
}

export type WallWindowsDeps = {
  screen: ScreenLike;
  /** Makes wall N's window at `target` (hidden until ready; full screen when the target says so). */
  createWindow(wall: WallId, target: WindowTarget): WallWindowLike;
  store: PlacementStore;
  /** setTimeout; returns its cancel. */
  schedule(run: () => void, ms: number): () => void;
  /** A monotonic clock in ms. */
  now(): number;
  log: Logger;
};

type OpenWindow = {
  wall: WallId;
  win: WallWindowLike;
  /** Where this module last put it (or learnt the operator put it). */
  applied: WindowTarget;
  /** The full-screen state this module asked for or saw: an event that differs from it is the operator's. */
  expectFullscreen: boolean;
  /** A move waiting for the window to leave full screen first. */
  pending: WindowTarget | null;
  placedAt: number;
  cancelSettle: (() => void) | null;
  cancelLeaveTimeout: (() => void) | null;
};

export class WallWindows {
  private placements = new Map<WallId, WallPlacement>();
  private readonly windows = new Map<WallId, OpenWindow>();
  /** The walls that exist (wallsChanged adds and removes). */
  private walls = new Set<WallId>();
  private screenChangedAt = Number.NEGATIVE_INFINITY;
  private saving: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: WallWindowsDeps) {}

  /** Opens every wall's window: its remembered display, else the next free one (wall 1, the console: the primary). */
  async start(walls: readonly WallId[]): Promise<void> {
    const remembered = await this.deps.store.load();
    const screen = this.layout();
    const { placements, targets } = planWindows(screen, walls, remembered);
    this.placements = new Map(placements.map((p) => [p.wall, p]));
    this.walls = new Set(walls);
    for (const p of placements) this.create(p.wall, targets.get(p.wall) ?? targetFor(screen, p));
    this.persist();
    this.deps.screen.on("display-added", () => this.screenChanged("display-added"));
    this.deps.screen.on("display-removed", () => this.screenChanged("display-removed"));
    this.deps.screen.on("display-metrics-changed", () => this.screenChanged("display-metrics-changed"));
  }

  /** Opens wall N's window where it belongs, or brings the open one forward. */
  open(wall: WallId): void {
    if (this.stopped) return;
    const known = this.windows.get(wall);
    if (known && !known.win.isDestroyed()) {
      if (known.win.isMinimized()) known.win.restore();
      known.win.focus();
      return;
    }
    const screen = this.layout();
    const placement = this.placements.get(wall) ?? initialPlacement(screen, wall, [...this.placements.values()]);
    this.placements.set(wall, placement);
    this.walls.add(wall);
    this.create(wall, targetFor(screen, placement));
    this.persist();
  }

  /** The walls that exist now (wallsChanged): a new one gets its window, a removed one loses it and its placement. */
  syncWalls(ids: readonly WallId[]): void {
    if (this.stopped) return;
    for (const wall of ids) if (!this.walls.has(wall)) this.open(wall);
    let forgot = false;
    for (const wall of [...this.walls]) {
      if (ids.includes(wall)) continue;
      this.walls.delete(wall);
      forgot = this.placements.delete(wall) || forgot;
      const open = this.windows.get(wall);
      this.windows.delete(wall);
      if (open) this.forget(open);
      if (open && !open.win.isDestroyed()) open.win.close();
    }
    if (forgot) this.persist();
  }

  /** Stops learning and writing (app quitting); resolves when the last write is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const open of this.windows.values()) this.forget(open);
    await this.saving;
  }

  private create(wall: WallId, target: WindowTarget): void {
    const win = this.deps.createWindow(wall, target);
    const open: OpenWindow = {
      wall,
      win,
      applied: target,
      expectFullscreen: target.fullscreen,
      pending: null,
      placedAt: this.deps.now(),
      cancelSettle: null,
      cancelLeaveTimeout: null,
    };
    this.windows.set(wall, open);
    if (target.displaced) this.deps.log.info("wall window on the primary display: its display is not connected", { wall });
    const moved = () => {
      open.cancelSettle?.();
      open.cancelSettle = this.deps.schedule(() => this.settled(open), SETTLE_MS);
    };
    win.on("move", moved);
    win.on("resize", moved);
    win.on("enter-full-screen", () => this.fullscreenChanged(open, true));
    win.on("leave-full-screen", () => this.fullscreenChanged(open, false));
    win.on("closed", () => {
      // Closing a window keeps its wall and its placement for next time.
      this.forget(open);
      if (this.windows.get(wall) === open) this.windows.delete(wall);
    });
  }

  private screenChanged(why: string): void {
    if (this.stopped) return;
    this.screenChangedAt = this.deps.now();
    const screen = this.layout();
    const open = [...this.windows.values()].filter((o) => !o.win.isDestroyed());
    const plans = replan(
      screen,
      open.flatMap((o) => {
        const placement = this.placements.get(o.wall);
        return placement ? [{ placement, applied: o.applied }] : [];
      }),
    );
    let changed = false;
    for (const plan of plans) {
      if (plan.placement !== this.placements.get(plan.wall)) {
        this.placements.set(plan.wall, plan.placement);
        changed = true;
      }
      const o = this.windows.get(plan.wall);
      if (!o || !plan.move) continue;
      this.deps.log.info(plan.target.displaced ? "display gone: wall window to the primary display" : "wall window to its display", {
        why,
        wall: plan.wall,
        display: plan.target.displayId,
      });
      this.apply(o, plan.target);
    }
    if (changed) this.persist();
  }

  /** The operator (or the system) stopped moving or resizing a window. */
  private settled(open: OpenWindow): void {
    open.cancelSettle = null;
    const { win } = open;
    if (this.stopped || win.isDestroyed() || win.isFullScreen() || open.pending) return;
    const screen = this.layout();
    const bounds = toRect(win.getBounds());
    if (this.deps.now() - Math.max(open.placedAt, this.screenChangedAt) < GRACE_MS) {
      // Not the operator: a window the system put on another display goes back where the policy wants it.
      if (displayContaining(screen, bounds).id !== open.applied.displayId) this.apply(open, open.applied);
      return;
    }
    const placement = this.placements.get(open.wall);
    if (!placement) return;
    const next = afterOperatorMove(screen, placement, open.applied, bounds);
    open.applied = next.target;
    if (next.placement === placement) return;
    if (next.placement.displayId !== placement.displayId) this.deps.log.info("wall window re-homed", { wall: open.wall, display: next.placement.displayId });
    this.placements.set(open.wall, next.placement);
    this.persist();
  }

  private fullscreenChanged(open: OpenWindow, fullscreen: boolean): void {
    if (this.stopped) return;
    if (open.pending) {
      if (!fullscreen) this.finishPending(open);
      return;
    }
    if (fullscreen === open.expectFullscreen) return; // the state this module asked for
    open.expectFullscreen = fullscreen;
    const placement = this.placements.get(open.wall);
    if (!placement) return;
    const next = afterModeChange(placement, open.applied, fullscreen);
    open.applied = next.target;
    this.placements.set(open.wall, next.placement);
    this.persist();
  }

  /** Puts a window at its target; a full-screen window leaves full screen first (it cannot be moved as it is). */
  private apply(open: OpenWindow, target: WindowTarget): void {
    open.applied = target;
    open.placedAt = this.deps.now();
    const { win } = open;
    if (win.isFullScreen() && (!target.fullscreen || displayContaining(this.layout(), toRect(win.getBounds())).id !== target.displayId)) {
      open.pending = target;
      open.expectFullscreen = false;
      open.cancelLeaveTimeout?.();
      open.cancelLeaveTimeout = this.deps.schedule(() => this.finishPending(open, true), LEAVE_FULLSCREEN_TIMEOUT_MS);
      win.setFullScreen(false);
      return;
    }
    this.place(open, target);
  }

  private finishPending(open: OpenWindow, timedOut = false): void {
    const target = open.pending;
    open.pending = null;
    open.cancelLeaveTimeout?.();
    open.cancelLeaveTimeout = null;
    if (target && !open.win.isDestroyed()) this.place(open, target, timedOut);
  }

  /** `force`: set the bounds even on a full-screen window (one that would not leave full screen when asked). */
  private place(open: OpenWindow, target: WindowTarget, force = false): void {
    const { win } = open;
    open.placedAt = this.deps.now();
    if (force || !win.isFullScreen()) win.setBounds(target.bounds);
    if (win.isFullScreen() !== target.fullscreen) {
      open.expectFullscreen = target.fullscreen;
      win.setFullScreen(target.fullscreen);
    }
  }

  private forget(open: OpenWindow): void {
    open.cancelSettle?.();
    open.cancelSettle = null;
    open.cancelLeaveTimeout?.();
    open.cancelLeaveTimeout = null;
  }

  private layout(): ScreenLayout {
    const displays = this.deps.screen.getAllDisplays().map((d) => ({ id: d.id, bounds: toRect(d.bounds), workArea: toRect(d.workArea) }));
    return { displays, primaryId: this.deps.screen.getPrimaryDisplay().id };
  }

  /** Writes in order; a failed write is logged and the next change writes everything again. */
  private persist(): void {
    if (this.stopped) return;
    const snapshot = [...this.placements.values()].sort((a, b) => a.wall - b.wall);
    this.saving = this.saving
      .then(() => this.deps.store.save(snapshot))
      .catch((err: unknown) => this.deps.log.warn("could not save the wall windows' placements", { error: String(err) }));
  }
}

/** Electron's rectangles in DIPs, whole pixels (a fractional one would not pass the stored schema). */
function toRect(r: Rect): Rect {
  return { x: Math.round(r.x), y: Math.round(r.y), width: Math.max(1, Math.round(r.width)), height: Math.max(1, Math.round(r.height)) };
}
