// Runs in Vitest (Node). The wall windows against a fake Electron `screen` (displays added, removed, changed, a new
// primary) and fake windows (moves, full screen that settles a moment later, as in Electron), with a fake clock for
// the settle and grace timers and an in-memory placement store.
import { describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import type { WallId } from "../../../contract/wall.js";
import type { Logger } from "../../log/logger.js";
import type { DisplayInfo, Rect, WallPlacement, WindowTarget } from "./display-placement.js";
import {
  GRACE_MS,
  LEAVE_FULLSCREEN_TIMEOUT_MS,
  PLACEMENTS_KEY,
  SETTLE_MS,
  settingsPlacementStore,
  WallWindows,
  type PlacementStore,
  type ScreenLike,
  type WallWindowLike,
} from "./wall-windows.js";

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

const A: DisplayInfo = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const B: DisplayInfo = { id: 2, bounds: { x: 1920, y: 0, width: 2560, height: 1440 }, workArea: { x: 1920, y: 0, width: 2560, height: 1440 } };
const C: DisplayInfo = { id: 3, bounds: { x: 4480, y: 0, width: 1920, height: 1080 }, workArea: { x: 4480, y: 0, width: 1920, height: 1080 } };

type ScreenEvent = "display-added" | "display-removed" | "display-metrics-changed";

class FakeScreen implements ScreenLike {
  private readonly listeners = new Map<ScreenEvent, (() => void)[]>();
  constructor(
    public displays: DisplayInfo[],
    public primaryId = 1,
  ) {}
  getAllDisplays(): readonly DisplayInfo[] {
    return this.displays;
  }
  getPrimaryDisplay(): { id: number } {
    return { id: this.primaryId };
  }
  on(event: ScreenEvent, listener: () => void): unknown {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  unplug(id: number): void {
    this.displays = this.displays.filter((d) => d.id !== id);
    this.emit("display-removed");
  }
  plug(display: DisplayInfo): void {
    this.displays = [...this.displays, display];
    this.emit("display-added");
  }
  change(display: DisplayInfo): void {
    this.displays = this.displays.map((d) => (d.id === display.id ? display : d));
    this.emit("display-metrics-changed");
  }
  setPrimary(id: number): void {
    this.primaryId = id;
    this.emit("display-metrics-changed");
  }
  private emit(event: ScreenEvent): void {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
}

type WindowEvent = "move" | "resize" | "enter-full-screen" | "leave-full-screen" | "closed";

/** A window as Electron behaves: moves are reported at once, full screen changes a moment later. */
class FakeWindow implements WallWindowLike {
  bounds: Rect;
  fullscreen: boolean;
  destroyed = false;
  minimized = false;
  focused = 0;
  readonly setBoundsCalls: Rect[] = [];
  readonly setFullScreenCalls: boolean[] = [];
  private readonly listeners = new Map<WindowEvent, (() => void)[]>();
  constructor(
    readonly wall: WallId,
    at: WindowTarget,
  ) {
    this.bounds = at.bounds;
    this.fullscreen = at.fullscreen;
  }
  getBounds(): Rect {
    return this.fullscreen ? (displayAt(this.bounds)?.bounds ?? this.bounds) : this.bounds;
  }
  setBounds(bounds: Rect): void {
    this.setBoundsCalls.push(bounds);
    this.bounds = bounds;
    this.emit("move");
  }
  isFullScreen(): boolean {
    return this.fullscreen;
  }
  setFullScreen(flag: boolean): void {
    this.setFullScreenCalls.push(flag);
    queueMicrotask(() => {
      if (this.destroyed || this.fullscreen === flag) return;
      this.fullscreen = flag;
      this.emit(flag ? "enter-full-screen" : "leave-full-screen");
    });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focused += 1;
  }
  close(): void {
    this.destroyed = true;
    this.emit("closed");
  }
  on(event: WindowEvent, listener: () => void): unknown {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  /** The operator drags (or resizes) the window. */
  drag(bounds: Rect): void {
    this.bounds = bounds;
    this.emit("move");
  }
  /** The operator presses F11. */
  toggleFullScreen(): void {
    this.fullscreen = !this.fullscreen;
    this.emit(this.fullscreen ? "enter-full-screen" : "leave-full-screen");
  }
  emit(event: WindowEvent): void {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
}

let displayAt: (bounds: Rect) => DisplayInfo | undefined = () => undefined;

class MemoryStore implements PlacementStore {
  saved: WallPlacement[] = [];
  writes = 0;
  constructor(initial: WallPlacement[] = []) {
    this.saved = initial;
  }
  async load(): Promise<WallPlacement[]> {
    return this.saved;
  }
  async save(placements: WallPlacement[]): Promise<void> {
    this.writes += 1;
    this.saved = placements;
  }
}

/** A clock and timers the test moves by hand. */
class FakeTime {
  now = 10_000;
  private timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  schedule = (run: () => void, ms: number) => {
    const timer = { at: this.now + ms, run, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  advance(ms: number): void {
    this.now += ms;
    const due = this.timers.filter((t) => !t.cancelled && t.at <= this.now);
    this.timers = this.timers.filter((t) => !due.includes(t));
    for (const t of due) t.run();
  }
}

/** Full-screen changes arrive a moment later, as in Electron: let them. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

async function setup(displays: DisplayInfo[], walls: WallId[], remembered: WallPlacement[] = []) {
  const screen = new FakeScreen(displays);
  displayAt = (b) => screen.displays.find((d) => b.x >= d.bounds.x && b.x < d.bounds.x + d.bounds.width && b.y >= d.bounds.y && b.y < d.bounds.y + d.bounds.height);
  const time = new FakeTime();
  const store = new MemoryStore(remembered);
  const created: FakeWindow[] = [];
  const wallWindows = new WallWindows({
    screen,
    createWindow: (wall, target) => {
      const win = new FakeWindow(wall, target);
      created.push(win);
      return win;
    },
    store,
    schedule: time.schedule,
    now: () => time.now,
    log: quiet,
  });
  await wallWindows.start(walls);
  const win = (wall: WallId) => [...created].reverse().find((w) => w.wall === wall)!;
  /** The operator lets go after a move, well after any placement. */
  const operatorLetGo = () => time.advance(GRACE_MS + SETTLE_MS);
  return { screen, time, store, created, wallWindows, win, operatorLetGo };
}

describe("WallWindows", () => {
  it("opens the console on the primary display and each other wall full screen on its own display, and remembers them", async () => {
    const { created, store } = await setup([A, B, C], [1, 2, 3]);
    expect(created.map((w) => [w.wall, w.bounds, w.fullscreen])).toEqual([
      [1, { x: 160, y: 70, width: 1600, height: 900 }, false],
      [2, B.workArea, true],
      [3, C.workArea, true],
    ]);
    await vi.waitFor(() => expect(store.saved.map((p) => [p.wall, p.displayId])).toEqual([[1, 1], [2, 2], [3, 3]]));
  });

  it("reopens walls on their remembered displays; one whose display is gone on the primary display", async () => {
    const remembered: WallPlacement[] = [
      { wall: 2, displayId: 3, displayBounds: C.bounds, window: { x: 10, y: 10, width: 1000, height: 600 }, fullscreen: false },
      { wall: 3, displayId: 99, displayBounds: { x: 9000, y: 0, width: 1920, height: 1080 }, window: { x: 10, y: 10, width: 1000, height: 600 }, fullscreen: true },
    ];
    const { win } = await setup([A, B, C], [1, 2, 3], remembered);
    expect(win(2).bounds).toEqual({ x: 4490, y: 10, width: 1000, height: 600 });
    expect([win(3).bounds, win(3).fullscreen]).toEqual([{ x: 10, y: 10, width: 1000, height: 600 }, false]);
  });

  it("unplugging a display moves its wall window to the primary display (windowed); plugging it back returns it full screen", async () => {
    const { screen, win, store } = await setup([A, B, C], [1, 2, 3]);
    const wall2 = win(2);
    screen.unplug(2);
    // It leaves full screen first, then moves.
    expect(wall2.setFullScreenCalls).toEqual([false]);
    await settle();
    expect(wall2.fullscreen).toBe(false);
    expect(wall2.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
    // Its home is still display 2.
    expect(store.saved.find((p) => p.wall === 2)?.displayId).toBe(2);
    expect(win(3).setBoundsCalls).toEqual([]);

    screen.plug(B);
    expect(wall2.bounds).toEqual(B.workArea);
    await settle();
    expect(wall2.fullscreen).toBe(true);
    expect(wall2.setFullScreenCalls).toEqual([false, true]);
  });

  it("a window torn off to another display is re-homed there (and goes back there after its display comes and goes)", async () => {
    const { screen, win, store, operatorLetGo } = await setup([A, B, C], [1, 2]);
    const wall2 = win(2);
    operatorLetGo();
    wall2.toggleFullScreen(); // the operator leaves full screen: remembered
    await vi.waitFor(() => expect(store.saved.find((p) => p.wall === 2)?.fullscreen).toBe(false));
    wall2.drag({ x: 4600, y: 100, width: 1200, height: 700 });
    operatorLetGo();
    await vi.waitFor(() =>
      expect(store.saved.find((p) => p.wall === 2)).toMatchObject({ displayId: 3, window: { x: 120, y: 100, width: 1200, height: 700 }, fullscreen: false }),
    );

    screen.unplug(3);
    expect(wall2.bounds).toEqual({ x: 120, y: 100, width: 1200, height: 700 });
    screen.plug(C);
    expect(wall2.bounds).toEqual({ x: 4600, y: 100, width: 1200, height: 700 });
  });

  it("a displaced window the operator takes to another display stays there when its display returns", async () => {
    const { screen, win, store, operatorLetGo } = await setup([A, B, C], [1, 2]);
    const wall2 = win(2);
    screen.unplug(2);
    await settle();
    operatorLetGo();
    wall2.drag({ x: 4500, y: 0, width: 1920, height: 1040 });
    operatorLetGo();
    await vi.waitFor(() => expect(store.saved.find((p) => p.wall === 2)?.displayId).toBe(3));
    const calls = wall2.setBoundsCalls.length;
    screen.plug(B);
    expect(wall2.setBoundsCalls.length).toBe(calls);
    expect(wall2.bounds.x).toBe(4500);
  });

  it("a move the system makes around a display change re-homes nothing: the window goes back where it belongs", async () => {
    const { screen, time, win, store } = await setup([A, B, C], [1, 2]);
    const wall2 = win(2);
    screen.unplug(2);
    await settle();
    const writes = store.writes;
    // The OS shifts the window onto display C while the change settles.
    wall2.drag({ x: 4500, y: 0, width: 1920, height: 1040 });
    time.advance(SETTLE_MS);
    expect(wall2.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
    expect(store.saved.find((p) => p.wall === 2)?.displayId).toBe(2);
    expect(store.writes).toBe(writes);
  });

  it("a window nudged on its own display: new bounds remembered; a display's metrics change moves only its windows", async () => {
    const remembered: WallPlacement[] = [{ wall: 2, displayId: 2, displayBounds: B.bounds, window: { x: 100, y: 100, width: 1280, height: 720 }, fullscreen: false }];
    const { screen, win, store, operatorLetGo } = await setup([A, B, C], [1, 2], remembered);
    operatorLetGo();
    win(2).drag({ x: 2100, y: 300, width: 1000, height: 600 });
    operatorLetGo();
    await vi.waitFor(() => expect(store.saved.find((p) => p.wall === 2)?.window).toEqual({ x: 180, y: 300, width: 1000, height: 600 }));

    // Display B is placed left of A now: the window goes with it; the console stays.
    const left = { ...B, bounds: { ...B.bounds, x: -2560 }, workArea: { ...B.workArea, x: -2560 } };
    screen.change(left);
    expect(win(2).bounds).toEqual({ x: -2380, y: 300, width: 1000, height: 600 });
    expect(win(1).setBoundsCalls).toEqual([]);
    await vi.waitFor(() => expect(store.saved.find((p) => p.wall === 2)?.displayBounds).toEqual(left.bounds));
  });

  it("a new primary display takes the displaced windows", async () => {
    const { screen, win } = await setup([A, B, C], [1, 2]);
    screen.unplug(2);
    await settle();
    screen.setPrimary(3);
    expect(win(2).bounds).toEqual({ x: 4480, y: 0, width: 1920, height: 1080 });
  });

  it("moves a full-screen window even when it never says it left full screen", async () => {
    const { screen, time, win } = await setup([A, B, C], [1, 2]);
    const wall2 = win(2);
    wall2.setFullScreen = (flag) => wall2.setFullScreenCalls.push(flag); // a window manager that ignores the request
    screen.unplug(2);
    expect(wall2.setBoundsCalls).toEqual([]);
    time.advance(LEAVE_FULLSCREEN_TIMEOUT_MS);
    // Moved all the same, and asked again to leave full screen.
    expect(wall2.setBoundsCalls).toEqual([{ x: 0, y: 0, width: 1920, height: 1040 }]);
    expect(wall2.setFullScreenCalls).toEqual([false, false]);
  });

  it("remembers full screen entered by the operator", async () => {
    const remembered: WallPlacement[] = [{ wall: 2, displayId: 2, displayBounds: B.bounds, window: { x: 100, y: 100, width: 1280, height: 720 }, fullscreen: false }];
    const { win, store } = await setup([A, B, C], [1, 2], remembered);
    win(2).toggleFullScreen();
    await vi.waitFor(() => expect(store.saved.find((p) => p.wall === 2)?.fullscreen).toBe(true));
  });

  it("opens a new wall's window on a free display, brings an open one forward, reopens a closed one where it was", async () => {
    const { wallWindows, win, created } = await setup([A, B, C], [1, 2]);
    wallWindows.syncWalls([1, 2, 3]);
    expect([win(3).bounds, win(3).fullscreen]).toEqual([C.workArea, true]);
    win(2).minimized = true;
    wallWindows.open(2);
    expect([win(2).minimized, win(2).focused]).toEqual([false, 1]);
    expect(created.length).toBe(3);

    win(3).close(); // closing keeps the wall and its placement
    wallWindows.syncWalls([1, 2, 3]);
    expect(created.length).toBe(3);
    wallWindows.open(3);
    expect(created.length).toBe(4);
    expect(win(3).bounds).toEqual(C.workArea);
  });

  it("closes a removed wall's window and forgets its placement", async () => {
    const { wallWindows, win, store } = await setup([A, B, C], [1, 2, 3]);
    const wall3 = win(3);
    wallWindows.syncWalls([1, 2]);
    expect(wall3.destroyed).toBe(true);
    await vi.waitFor(() => expect(store.saved.map((p) => p.wall)).toEqual([1, 2]));
    // Its display is free again for the next wall.
    wallWindows.syncWalls([1, 2, 3]);
    expect(win(3).bounds).toEqual(C.workArea);
  });

  it("stops writing once stopped (the database closes after it)", async () => {
    const { wallWindows, win, store, operatorLetGo } = await setup([A, B, C], [1, 2]);
    await wallWindows.stop();
    const writes = store.writes;
    win(2).toggleFullScreen();
    win(1).drag({ x: 2000, y: 0, width: 800, height: 600 });
    operatorLetGo();
    await settle();
    expect(store.writes).toBe(writes);
  });
});

describe("settingsPlacementStore", () => {
  it("keeps placements under one settings key and reads a broken value as none", async () => {
    const values = new Map<string, unknown>();
    const settings = {
      get: async <S extends z.ZodType>(key: string, schema: S, fallback: z.infer<S>) => {
        const parsed = schema.safeParse(values.get(key));
        return parsed.success ? parsed.data : fallback;
      },
      set: async (key: string, value: unknown) => void values.set(key, value),
    };
    const store = settingsPlacementStore(settings);
    const p: WallPlacement = { wall: 2, displayId: 2, displayBounds: B.bounds, window: { x: 0, y: 0, width: 800, height: 600 }, fullscreen: true };
    await store.save([p]);
    expect(values.get(PLACEMENTS_KEY)).toEqual([p]);
    expect(await store.load()).toEqual([p]);
    values.set(PLACEMENTS_KEY, [{ wall: "two" }]);
    expect(await store.load()).toEqual([]);
  });
});
