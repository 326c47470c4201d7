// Runs in Vitest (Node). The display placement policy on plain data: first placements (console on the primary
// display, walls on free displays), a display remembered by id and by bounds, a gone display → the primary display,
// its return, re-homing by moving a window, metrics changes, a new primary display, full screen.
import { describe, expect, it } from "vitest";
import {
  afterModeChange,
  afterOperatorMove,
  displayContaining,
  homeDisplay,
  initialPlacement,
  onDisplay,
  planWindows,
  replan,
  targetFor,
  WallPlacementsSchema,
  type DisplayInfo,
  type ScreenLayout,
  type WallPlacement,
} from "./display-placement.js";

// Three displays side by side: A (primary, a taskbar at the bottom), B (a 1440p monitor), C (the big screen).
const A: DisplayInfo = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const B: DisplayInfo = { id: 2, bounds: { x: 1920, y: 0, width: 2560, height: 1440 }, workArea: { x: 1920, y: 0, width: 2560, height: 1440 } };
const C: DisplayInfo = { id: 3, bounds: { x: 4480, y: 0, width: 1920, height: 1080 }, workArea: { x: 4480, y: 0, width: 1920, height: 1080 } };
const screen = (displays: DisplayInfo[], primaryId = 1): ScreenLayout => ({ displays, primaryId });
const all = screen([A, B, C]);

function placed(wall: WallPlacement["wall"], display: DisplayInfo, fullscreen: boolean, window = { x: 100, y: 50, width: 1280, height: 720 }): WallPlacement {
  return { wall, displayId: display.id, displayBounds: display.bounds, window, fullscreen };
}

describe("first placements", () => {
  it("puts the console (wall 1) windowed and centred on the primary display, each other wall full screen on the next free display", () => {
    const { placements, targets } = planWindows(all, [1, 2, 3], []);
    expect(placements.map((p) => [p.wall, p.displayId, p.fullscreen])).toEqual([
      [1, 1, false],
      [2, 2, true],
      [3, 3, true],
    ]);
    expect(targets.get(1)).toEqual({ displayId: 1, bounds: { x: 160, y: 70, width: 1600, height: 900 }, fullscreen: false, displaced: false });
    // A full-screen wall's windowed bounds are its display's work area (where it lands when leaving full screen).
    expect(targets.get(2)).toEqual({ displayId: 2, bounds: B.workArea, fullscreen: true, displaced: false });
  });

  it("leaves remembered homes alone and gives a new wall what is left", () => {
    const { placements } = planWindows(all, [1, 2, 3], [placed(2, C, true)]);
    expect(placements.find((p) => p.wall === 2)?.displayId).toBe(3);
    expect(placements.find((p) => p.wall === 3)?.displayId).toBe(2);
  });

  it("stacks a wall windowed on the primary display, offset, when every display is taken", () => {
    const one = screen([A]);
    const wall2 = initialPlacement(one, 2, [initialPlacement(one, 1, [])]);
    const wall3 = initialPlacement(one, 3, [initialPlacement(one, 1, []), wall2]);
    expect(wall2).toMatchObject({ displayId: 1, fullscreen: false });
    expect(targetFor(one, wall2).bounds).toEqual({ x: 192, y: 102, width: 1600, height: 900 });
    expect(targetFor(one, wall3).bounds).toEqual({ x: 224, y: 134, width: 1600, height: 900 });
  });

  it("keeps the default size inside a small display's work area", () => {
    const small: DisplayInfo = { id: 9, bounds: { x: 0, y: 0, width: 1280, height: 800 }, workArea: { x: 0, y: 24, width: 1280, height: 776 } };
    expect(targetFor(screen([small], 9), initialPlacement(screen([small], 9), 1, [])).bounds).toEqual({ x: 0, y: 24, width: 1280, height: 776 });
  });
});

describe("a display remembered by id and bounds", () => {
  it("finds the home by id, else by the same bounds under a new id, else not at all", () => {
    const p = placed(2, B, true);
    expect(homeDisplay(all, p)?.id).toBe(2);
    const replugged = { ...B, id: 77 };
    expect(homeDisplay(screen([A, replugged]), p)?.id).toBe(77);
    expect(homeDisplay(screen([A, C]), p)).toBeNull();
  });

  it("a display id that is gone: the primary display, windowed, the window's bounds kept for the return", () => {
    const p = placed(2, B, true, { x: 300, y: 200, width: 1280, height: 720 });
    expect(targetFor(screen([A, C]), p)).toEqual({ displayId: 1, bounds: { x: 300, y: 200, width: 1280, height: 720 }, fullscreen: false, displaced: true });
    // Started without its display: on the primary display, and the placement still names its home.
    const { placements, targets } = planWindows(screen([A, C]), [1, 2], [p]);
    expect(placements.find((x) => x.wall === 2)).toEqual(p);
    expect(targets.get(2)?.displaced).toBe(true);
  });

  it("a display gone and a new one of the very same size and place: taken as home (no id match needed)", () => {
    const p = placed(3, C, true);
    expect(targetFor(screen([A, B, { ...C, id: 42 }]), p)).toMatchObject({ displayId: 42, fullscreen: true, displaced: false });
  });
});

describe("displays added, removed, changed", () => {
  const wall2 = placed(2, B, true);

  it("unplugging a display moves its wall window to the primary display; plugging it back returns it", () => {
    const onB = targetFor(all, wall2);
    const [gone] = replan(screen([A, C]), [{ placement: wall2, applied: onB }]);
    expect(gone).toMatchObject({ wall: 2, move: true, target: { displayId: 1, fullscreen: false, displaced: true } });
    const [back] = replan(all, [{ placement: gone!.placement, applied: gone!.target }]);
    expect(back).toMatchObject({ move: true, target: { displayId: 2, fullscreen: true, displaced: false } });
    expect(back!.target).toEqual(onB);
  });

  it("leaves windows whose display did not change where they are", () => {
    const wall3 = placed(3, C, true);
    const plans = replan(screen([A, C]), [
      { placement: wall2, applied: targetFor(all, wall2) },
      { placement: wall3, applied: targetFor(all, wall3) },
    ]);
    expect(plans.map((p) => [p.wall, p.move])).toEqual([
      [2, true],
      [3, false],
    ]);
  });

  it("a displaced window taken to another display is re-homed there and does not jump back when its display returns", () => {
    const [gone] = replan(screen([A, C]), [{ placement: wall2, applied: targetFor(all, wall2) }]);
    const dragged = afterOperatorMove(screen([A, C]), gone!.placement, gone!.target, { x: 4600, y: 100, width: 1280, height: 720 });
    expect(dragged.placement).toMatchObject({ displayId: 3, displayBounds: C.bounds, window: { x: 120, y: 100, width: 1280, height: 720 }, fullscreen: false });
    expect(dragged.target).toMatchObject({ displayId: 3, displaced: false });
    const [replugged] = replan(all, [{ placement: dragged.placement, applied: dragged.target }]);
    expect(replugged).toMatchObject({ move: false, target: { displayId: 3 } });
  });

  it("a displaced window nudged on the primary display keeps its home's bounds, and still returns", () => {
    const [gone] = replan(screen([A, C]), [{ placement: wall2, applied: targetFor(all, wall2) }]);
    const nudged = afterOperatorMove(screen([A, C]), gone!.placement, gone!.target, { x: 10, y: 10, width: 800, height: 600 });
    expect(nudged.placement).toBe(gone!.placement);
    expect(nudged.target).toBe(gone!.target);
    // Nothing else changed: it stays where the operator put it.
    expect(replan(screen([A, C]), [{ placement: nudged.placement, applied: nudged.target }])[0]?.move).toBe(false);
    expect(replan(all, [{ placement: nudged.placement, applied: nudged.target }])[0]).toMatchObject({ move: true, target: { displayId: 2, fullscreen: true } });
  });

  it("follows its display when the arrangement changes (bounds are relative to the display) and remembers the new bounds", () => {
    const windowed = placed(2, B, false, { x: 100, y: 50, width: 1280, height: 720 });
    const movedLeft: DisplayInfo = { ...B, bounds: { ...B.bounds, x: -2560 }, workArea: { ...B.workArea, x: -2560 } };
    const [plan] = replan(screen([A, movedLeft, C]), [{ placement: windowed, applied: targetFor(all, windowed) }]);
    expect(plan).toMatchObject({ move: true, target: { displayId: 2, bounds: { x: -2460, y: 50, width: 1280, height: 720 } } });
    expect(plan!.placement.displayBounds).toEqual(movedLeft.bounds);
  });

  it("keeps a window inside its display's work area when the display gets smaller", () => {
    const windowed = placed(2, B, false, { x: 1500, y: 900, width: 1280, height: 720 });
    const lowRes: DisplayInfo = { ...B, bounds: { ...B.bounds, width: 1920, height: 1080 }, workArea: { ...B.workArea, width: 1920, height: 1080 } };
    const [plan] = replan(screen([A, lowRes, C]), [{ placement: windowed, applied: targetFor(all, windowed) }]);
    expect(plan!.target.bounds).toEqual({ x: 1920 + 640, y: 360, width: 1280, height: 720 });
    expect(onDisplay({ x: 0, y: 0, width: 4000, height: 3000 }, lowRes)).toEqual({ x: 1920, y: 0, width: 1920, height: 1080 });
  });

  it("a new primary display takes the displaced windows", () => {
    const [gone] = replan(screen([A, C]), [{ placement: wall2, applied: targetFor(all, wall2) }]);
    const [moved] = replan(screen([A, C], 3), [{ placement: gone!.placement, applied: gone!.target }]);
    expect(moved).toMatchObject({ move: true, target: { displayId: 3, displaced: true } });
  });
});

describe("the operator", () => {
  it("tears a window off its display onto another: re-homed there", () => {
    const windowed = placed(2, B, false);
    const result = afterOperatorMove(all, windowed, targetFor(all, windowed), { x: 4500, y: 20, width: 1200, height: 700 });
    expect(result.placement).toEqual({ wall: 2, displayId: 3, displayBounds: C.bounds, window: { x: 20, y: 20, width: 1200, height: 700 }, fullscreen: false });
  });

  it("moves or resizes a window on its own display: its bounds are remembered", () => {
    const windowed = placed(2, B, false);
    const result = afterOperatorMove(all, windowed, targetFor(all, windowed), { x: 2000, y: 100, width: 1000, height: 600 });
    expect(result.placement).toMatchObject({ displayId: 2, window: { x: 80, y: 100, width: 1000, height: 600 } });
    expect(result.target.bounds).toEqual({ x: 2000, y: 100, width: 1000, height: 600 });
  });

  it("a window across two displays belongs to the one holding most of it; one off every display to the nearest", () => {
    expect(displayContaining(all, { x: 1500, y: 0, width: 1000, height: 500 }).id).toBe(2);
    expect(displayContaining(all, { x: 1000, y: 0, width: 1000, height: 500 }).id).toBe(1);
    expect(displayContaining(all, { x: 9000, y: 5000, width: 100, height: 100 }).id).toBe(3);
  });

  it("enters or leaves full screen: remembered, except while displaced", () => {
    const wall2 = placed(2, B, true);
    expect(afterModeChange(wall2, targetFor(all, wall2), false).placement.fullscreen).toBe(false);
    const displaced = targetFor(screen([A]), wall2);
    const onPrimary = afterModeChange(wall2, displaced, true);
    expect(onPrimary.placement).toBe(wall2);
    expect(onPrimary.target.fullscreen).toBe(true);
    // Full screen on the stand-in display stays so while it is displaced there.
    expect(replan(screen([A]), [{ placement: wall2, applied: onPrimary.target }])[0]?.move).toBe(false);
  });
});

describe("stored placements", () => {
  it("reject what is not a placement list", () => {
    expect(WallPlacementsSchema.safeParse([placed(2, B, true)]).success).toBe(true);
    expect(WallPlacementsSchema.safeParse([{ ...placed(2, B, true), wall: 9 }]).success).toBe(false);
    expect(WallPlacementsSchema.safeParse([{ ...placed(2, B, true), window: { x: 0, y: 0, width: 0, height: 10 } }]).success).toBe(false);
    expect(WallPlacementsSchema.safeParse({ wall: 2 }).success).toBe(false);
  });
});
