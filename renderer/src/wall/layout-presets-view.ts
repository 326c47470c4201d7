// Runs in the renderer (pure). How the layout picker shows the presets (contract/wall-layout.ts): their groups,
// names and keyboard shortcuts, and which entry is the wall's current layout.
import { presetOf, type Layout, type PresetId } from "../../../contract/wall-layout.js";
import type { MessageKey, MessageParams } from "../i18n/i18n.js";

export type PresetGroup = { title: MessageKey; ids: readonly PresetId[] };

export const PRESET_GROUPS: readonly PresetGroup[] = [
  { title: "layout.group.grid", ids: ["1", "4", "9", "16", "25", "36", "49", "64"] },
  { title: "layout.group.wide", ids: ["2x3", "3x4"] },
  { title: "layout.group.focus", ids: ["1+5", "1+7", "1+9", "1+12", "2+8"] },
];

/**
 * Shortcuts, by physical key (KeyboardEvent.code) so Shift does not change the digit: Alt+N is the N×N grid; Alt+Shift
 * with the number of small pictures picks a focus layout (1+5 → 5, 1+7 → 7, 1+9 → 9, 2+8 → 8, 1+12 → 2), and the wide
 * grids sit on Alt+Shift+3 (2×3) and Alt+Shift+4 (3×4). Plain digits stay the wall's tile keys.
 */
export const PRESET_SHORTCUTS: Readonly<Record<PresetId, { digit: number; shift: boolean }>> = {
  "1": { digit: 1, shift: false },
  "4": { digit: 2, shift: false },
  "9": { digit: 3, shift: false },
  "16": { digit: 4, shift: false },
  "25": { digit: 5, shift: false },
  "36": { digit: 6, shift: false },
  "49": { digit: 7, shift: false },
  "64": { digit: 8, shift: false },
  "2x3": { digit: 3, shift: true },
  "3x4": { digit: 4, shift: true },
  "1+5": { digit: 5, shift: true },
  "1+7": { digit: 7, shift: true },
  "1+9": { digit: 9, shift: true },
  "1+12": { digit: 2, shift: true },
  "2+8": { digit: 8, shift: true },
};

/** Alt+0 opens the custom layout editor. */
export const EDITOR_SHORTCUT_DIGIT = 0;

type KeyLike = Pick<KeyboardEvent, "code" | "altKey" | "shiftKey" | "ctrlKey" | "metaKey">;

function altDigit(e: KeyLike): number | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  const m = /^(?:Digit|Numpad)(\d)$/.exec(e.code);
  return m ? Number(m[1]) : null;
}

/** The preset a key press picks, or null. */
export function presetForKey(e: KeyLike): PresetId | null {
  const digit = altDigit(e);
  if (digit === null) return null;
  const hit = (Object.entries(PRESET_SHORTCUTS) as [PresetId, { digit: number; shift: boolean }][]).find(([, k]) => k.digit === digit && k.shift === e.shiftKey);
  return hit ? hit[0] : null;
}

export function opensEditor(e: KeyLike): boolean {
  return altDigit(e) === EDITOR_SHORTCUT_DIGIT && !e.shiftKey;
}

export function shortcutLabel(id: PresetId): string {
  const k = PRESET_SHORTCUTS[id];
  return `Alt+${k.shift ? "Shift+" : ""}${k.digit}`;
}

/** The preset's name: "9 画面" for equal grids, "2×3" for wide ones, "1+5" for focus layouts. */
export function presetName(id: PresetId): { key: MessageKey; params: MessageParams } {
  if (/^\d+$/.test(id)) return { key: "header.layoutButton", params: { n: id } };
  if (id.includes("x")) {
    const [rows, cols] = id.split("x");
    return { key: "layout.preset.wide", params: { rows: rows!, cols: cols! } };
  }
  return { key: "layout.preset.focus", params: { id } };
}

export type CurrentLayout = { kind: "preset"; id: PresetId } | { kind: "saved"; id: string } | { kind: "custom" };

/**
 * Which picker entry is the wall's layout: what main recorded (layoutRef), else the preset the cells match (a layout
 * drawn to equal a preset is that preset), else a custom layout.
 */
export function currentLayout(layout: Layout, layoutRef: string | null, savedIds: readonly string[]): CurrentLayout {
  if (layoutRef?.startsWith("saved:")) {
    const id = layoutRef.slice("saved:".length);
    if (savedIds.includes(id)) return { kind: "saved", id };
  }
  if (layoutRef?.startsWith("preset:")) {
    const id = layoutRef.slice("preset:".length);
    const matched = presetOf(layout);
    if (matched === id) return { kind: "preset", id: matched };
  }
  const preset = presetOf(layout);
  return preset ? { kind: "preset", id: preset } : { kind: "custom" };
}
