// Runs in Electron main. Pure: where each wall window goes on the workstation's displays. A wall remembers its home
// display (by id, and by bounds for a display that comes back under a new id) and its window there (position
// relative to that display, windowed or full screen). A window whose home is gone shows on the primary display
// ("displaced") and goes back when the home returns — unless the operator re-homed it meanwhile by moving it onto
// another display. wall-windows.ts applies the answers to real windows; tests drive this with plain data.
import { z } from "zod";
import { WallIdSchema, type WallId } from "../../../contract/wall.js";

export const RectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type Rect = z.infer<typeof RectSchema>;

/** What the policy needs of an Electron Display. */
export type DisplayInfo = { id: number; bounds: Rect; workArea: Rect };
/** The displays connected now and which one is primary. */
export type ScreenLayout = { displays: readonly DisplayInfo[]; primaryId: number };

/** What a wall remembers across displays and restarts (persisted). */
export const WallPlacementSchema = z.object({
  wall: WallIdSchema,
  /** Electron's display id (a plain number: on some systems larger than a safe integer). */
  displayId: z.number(),
  /** The home display's bounds when last seen: recognizes it when it comes back under another id. */
  displayBounds: RectSchema,
  /** The window's windowed bounds, relative to the home display's top-left corner. */
  window: RectSchema,
  fullscreen: z.boolean(),
});
export type WallPlacement = z.infer<typeof WallPlacementSchema>;
export const WallPlacementsSchema = z.array(WallPlacementSchema).max(8);

/** Where a window is to be now: a display, windowed bounds on it (also where it returns when leaving full screen). */
export type WindowTarget = {
  displayId: number;
  bounds: Rect;
  fullscreen: boolean;
  /** Its home display is gone: shown on the primary display until the home comes back. */
  displaced: boolean;
};

/** The console's default windowed size (window-options.ts). */
export const DEFAULT_WINDOW = { width: 1600, height: 900 } as const;
/** Windows stacked on one display (no free display left) are offset so each stays reachable. */
const CASCADE = 32;

export function primaryDisplay(screen: ScreenLayout): DisplayInfo {
  const primary = screen.displays.find((d) => d.id === screen.primaryId) ?? screen.displays[0];
  if (!primary) throw new Error("no display connected");
  return primary;
}

/** The placement's home display if it is connected: by id, else a display with the very same bounds. */
export function homeDisplay(screen: ScreenLayout, placement: WallPlacement): DisplayInfo | null {
  return (
    screen.displays.find((d) => d.id === placement.displayId) ??
    screen.displays.find((d) => sameRect(d.bounds, placement.displayBounds)) ??
    null
  );
}

/**
 * Where the wall's window goes now: on its home display as remembered, or — while the home is gone — windowed on
 * the primary display, so a full-screen wall never covers the console there.
 */
export function targetFor(screen: ScreenLayout, placement: WallPlacement): WindowTarget {
  const home = homeDisplay(screen, placement);
  const display = home ?? primaryDisplay(screen);
  return { displayId: display.id, bounds: onDisplay(placement.window, display), fullscreen: home !== null && placement.fullscreen, displaced: home === null };
}

/**
 * A first placement for a wall that has none. Wall 1 (the console, with its catalog) goes on the primary display,
 * windowed. Another wall goes full screen on the next display no other wall calls home (left to right); when every
 * display is taken, windowed on the primary display, offset from the windows already there.
 */
export function initialPlacement(screen: ScreenLayout, wall: WallId, others: readonly WallPlacement[]): WallPlacement {
  const primary = primaryDisplay(screen);
  const homes = others.filter((p) => p.wall !== wall).map((p) => homeDisplay(screen, p)?.id ?? primary.id);
  const free = wall === 1 ? undefined : orderedDisplays(screen).find((d) => !homes.includes(d.id));
  if (free) return placementOn(wall, free, relative(free.workArea, free), true);
  const stacked = homes.filter((id) => id === primary.id).length;
  return placementOn(wall, primary, defaultWindow(primary, stacked), false);
}

/** Start: a placement (remembered, else a first one) and a target for each wall, in wall order. */
export function planWindows(
  screen: ScreenLayout,
  walls: readonly WallId[],
  remembered: readonly WallPlacement[],
): { placements: WallPlacement[]; targets: Map<WallId, WindowTarget> } {
  // Remembered walls keep their homes; the others take what is left, in wall order.
  const byWall = new Map<WallId, WallPlacement>();
  for (const p of remembered) if (walls.includes(p.wall)) byWall.set(p.wall, refreshHome(screen, p));
  for (const wall of [...walls].sort((a, b) => a - b)) {
    if (!byWall.has(wall)) byWall.set(wall, initialPlacement(screen, wall, [...byWall.values()]));
  }
  const placements = [...byWall.values()].sort((a, b) => a.wall - b.wall);
  return { placements, targets: new Map(placements.map((p) => [p.wall, targetFor(screen, p)])) };
}

export type Replanned = { wall: WallId; placement: WallPlacement; target: WindowTarget; move: boolean };

/**
 * A display was added, removed or changed, or the primary display changed: each open window's target again. `move`
 * says its target differs from where it was put last (a window the operator nudged on the same display stays put
 * until something really changes for it).
 */
export function replan(screen: ScreenLayout, windows: readonly { placement: WallPlacement; applied: WindowTarget }[]): Replanned[] {
  return windows.map(({ placement, applied }) => {
    const next = refreshHome(screen, placement);
    const planned = targetFor(screen, next);
    // Still displaced on the same display: full screen or not, as the operator left it there.
    const target = planned.displaced && applied.displaced && planned.displayId === applied.displayId ? { ...planned, fullscreen: applied.fullscreen } : planned;
    return { wall: placement.wall, placement: next, target, move: !sameTarget(target, applied) };
  });
}

/**
 * The operator moved or resized a window and let go. The display holding most of it is where it is now: another
 * display than where it was put re-homes the wall there (a torn-off window, or a displaced one taken elsewhere:
 * it will not jump back when its old home returns); on the same display its bounds are remembered — except while
 * displaced, where the primary display is only a stand-in and the home's bounds are kept for its return.
 */
export function afterOperatorMove(screen: ScreenLayout, placement: WallPlacement, applied: WindowTarget, bounds: Rect): { placement: WallPlacement; target: WindowTarget } {
  const display = displayContaining(screen, bounds);
  if (display.id === applied.displayId && applied.displaced) return { placement, target: applied };
  // It is moved as it is now (windowed: a full-screen window cannot be dragged), and stays so on its new home.
  const next = placementOn(placement.wall, display, relative(bounds, display), applied.fullscreen);
  return { placement: next, target: targetFor(screen, next) };
}

/** The operator entered or left full screen: remembered for the wall — not while displaced (that is for the stand-in display only). */
export function afterModeChange(placement: WallPlacement, applied: WindowTarget, fullscreen: boolean): { placement: WallPlacement; target: WindowTarget } {
  return { placement: applied.displaced ? placement : { ...placement, fullscreen }, target: { ...applied, fullscreen } };
}

/** The display holding most of `rect`; one it does not touch at all: the nearest; none at all: the primary. */
export function displayContaining(screen: ScreenLayout, rect: Rect): DisplayInfo {
  let best: DisplayInfo | null = null;
  let bestArea = 0;
  for (const d of screen.displays) {
    const area = overlap(d.bounds, rect);
    if (area > bestArea) [best, bestArea] = [d, area];
  }
  if (best) return best;
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  const distance = (d: DisplayInfo) => Math.hypot(d.bounds.x + d.bounds.width / 2 - cx, d.bounds.y + d.bounds.height / 2 - cy);
  return [...screen.displays].sort((a, b) => distance(a) - distance(b))[0] ?? primaryDisplay(screen);
}

/** Relative window bounds made absolute on `display`, kept inside its work area (never larger than it). */
export function onDisplay(window: Rect, display: DisplayInfo): Rect {
  const area = display.workArea;
  const width = Math.min(window.width, area.width);
  const height = Math.min(window.height, area.height);
  return {
    x: clamp(display.bounds.x + window.x, area.x, area.x + area.width - width),
    y: clamp(display.bounds.y + window.y, area.y, area.y + area.height - height),
    width,
    height,
  };
}

export function sameTarget(a: WindowTarget, b: WindowTarget): boolean {
  return a.displayId === b.displayId && a.fullscreen === b.fullscreen && a.displaced === b.displaced && sameRect(a.bounds, b.bounds);
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** Seen by its id, the home display's current bounds are remembered (so it is recognized by them next time). */
function refreshHome(screen: ScreenLayout, placement: WallPlacement): WallPlacement {
  const byId = screen.displays.find((d) => d.id === placement.displayId);
  return byId && !sameRect(byId.bounds, placement.displayBounds) ? { ...placement, displayBounds: byId.bounds } : placement;
}

function placementOn(wall: WallId, display: DisplayInfo, window: Rect, fullscreen: boolean): WallPlacement {
  return { wall, displayId: display.id, displayBounds: display.bounds, window, fullscreen };
}

/** The console's default size, centred in the work area, offset for each window already stacked there. */
function defaultWindow(display: DisplayInfo, stacked: number): Rect {
  const area = display.workArea;
  const width = Math.min(DEFAULT_WINDOW.width, area.width);
  const height = Math.min(DEFAULT_WINDOW.height, area.height);
  const offset = stacked * CASCADE;
  return relative({ x: area.x + Math.round((area.width - width) / 2) + offset, y: area.y + Math.round((area.height - height) / 2) + offset, width, height }, display);
}

function relative(rect: Rect, display: DisplayInfo): Rect {
  return { x: rect.x - display.bounds.x, y: rect.y - display.bounds.y, width: rect.width, height: rect.height };
}

function orderedDisplays(screen: ScreenLayout): DisplayInfo[] {
  return [...screen.displays].sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y);
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}
