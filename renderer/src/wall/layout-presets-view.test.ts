import { describe, expect, it } from "vitest";
import { equalGrid, mergeCells, PRESET_IDS, presetLayout } from "../../../contract/wall-layout.js";
import { currentLayout, opensEditor, PRESET_GROUPS, presetForKey, presetName, shortcutLabel } from "./layout-presets-view.js";

const key = (code: string, over: Partial<KeyboardEvent> = {}) => ({ code, altKey: true, shiftKey: false, ctrlKey: false, metaKey: false, ...over });

describe("layout picker", () => {
  it("shows every preset once", () => {
    expect(PRESET_GROUPS.flatMap((g) => g.ids).sort()).toEqual([...PRESET_IDS].sort());
  });
  it("gives every preset its own shortcut, and none on plain digits (the tile keys)", () => {
    const labels = PRESET_IDS.map(shortcutLabel);
    expect(new Set(labels).size).toBe(PRESET_IDS.length);
    for (const id of PRESET_IDS) {
      const [, ...parts] = shortcutLabel(id).split("+");
      const digit = parts.at(-1)!;
      expect(presetForKey(key(`Digit${digit}`, { shiftKey: parts.length === 2 }))).toBe(id);
    }
    expect(presetForKey(key("Digit3", { altKey: false }))).toBeNull();
    expect(presetForKey(key("Digit3", { ctrlKey: true }))).toBeNull();
    expect(presetForKey(key("KeyA"))).toBeNull();
    expect(presetForKey(key("Digit3"))).toBe("9");
    expect(presetForKey(key("Numpad8"))).toBe("64");
    expect(presetForKey(key("Digit5", { shiftKey: true }))).toBe("1+5");
    expect(opensEditor(key("Digit0"))).toBe(true);
    expect(opensEditor(key("Digit0", { shiftKey: true }))).toBe(false);
  });
  it("names presets", () => {
    expect(presetName("16")).toEqual({ key: "header.layoutButton", params: { n: "16" } });
    expect(presetName("3x4")).toEqual({ key: "layout.preset.wide", params: { rows: "3", cols: "4" } });
    expect(presetName("1+12")).toEqual({ key: "layout.preset.focus", params: { id: "1+12" } });
  });
  it("highlights what main recorded, else the preset the cells equal, else a custom layout", () => {
    expect(currentLayout(presetLayout("1+5"), "preset:1+5", [])).toEqual({ kind: "preset", id: "1+5" });
    expect(currentLayout(presetLayout("9"), null, [])).toEqual({ kind: "preset", id: "9" });
    expect(currentLayout(presetLayout("9"), "saved:abc", ["abc"])).toEqual({ kind: "saved", id: "abc" });
    // A deleted saved layout no longer highlights.
    expect(currentLayout(presetLayout("9"), "saved:gone", ["abc"])).toEqual({ kind: "preset", id: "9" });
    const custom = mergeCells(equalGrid(3), { row: 0, col: 0, rowSpan: 2, colSpan: 1 })!;
    expect(currentLayout(custom, null, [])).toEqual({ kind: "custom" });
    expect(currentLayout(custom, "preset:9", [])).toEqual({ kind: "custom" });
  });
});
