// Runs in the renderer. Layout shortcuts (see layout-presets-view.ts): Alt+1…8 the N×N grids, Alt+Shift+digit the
// wide and focus layouts, Alt+0 the custom layout editor. Plain digits, arrows, Enter, Esc and Delete stay the wall's.
import { useEffect } from "react";
import { presetLayout, sameLayout } from "../../../contract/wall-layout.js";
import { consoleActions } from "../state/console-actions.js";
import { useConsoleStore } from "../state/console-store.js";
import { opensEditor, presetForKey } from "./layout-presets-view.js";

export function useLayoutKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat) return;
      const s = useConsoleStore.getState();
      if (!s.wall || !s.session?.user) return;
      if (opensEditor(e)) {
        e.preventDefault();
        s.setLayoutEditorOpen(!s.layoutEditorOpen);
        return;
      }
      const preset = presetForKey(e);
      if (preset === null) return;
      e.preventDefault();
      if (s.wall.layoutRef !== `preset:${preset}` || !sameLayout(s.wall.layout, presetLayout(preset))) void consoleActions.applyPreset(preset);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
