// Runs in the renderer. The header's layout picker: a button with a drawing of the wall's layout that opens the
// presets (equal grids, wide grids, 1+N focus layouts) and the operator's saved layouts, each drawn small with its
// shortcut, the current one highlighted; and the entry to the custom layout editor. Acts on this window's wall.
import { useCallback, useRef, useState } from "react";
import { presetLayout, type PresetId } from "../../../contract/wall-layout.js";
import type { SavedLayout } from "../../../contract/wall.js";
import { consoleActions } from "../state/console-actions.js";
import { useConsoleStore } from "../state/console-store.js";
import { useSavedLayouts, useSavedLayoutsSync } from "../state/saved-layouts.js";
import { useT } from "../state/use-t.js";
import { currentLayout, PRESET_GROUPS, presetName, shortcutLabel, type CurrentLayout } from "./layout-presets-view.js";
import { LayoutIcon } from "./LayoutIcon.js";
import { useDismiss } from "./use-dismiss.js";
import { useLayoutKeys } from "./use-layout-keys.js";

export function LayoutPicker() {
  useSavedLayoutsSync();
  useLayoutKeys();
  const t = useT();
  const wall = useConsoleStore((s) => s.wall);
  const saved = useSavedLayouts((s) => s.layouts);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement | null>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(root, open, close);

  const current: CurrentLayout | null = wall ? currentLayout(wall.layout, wall.layoutRef, saved.map((s) => s.id)) : null;
  const label =
    current === null
      ? t("header.layout")
      : current.kind === "preset"
        ? t(presetName(current.id).key, presetName(current.id).params)
        : current.kind === "saved"
          ? (saved.find((s) => s.id === current.id)?.name ?? "")
          : t("layout.custom", { n: wall?.layout.cells.length ?? 0 });

  const pickPreset = (id: PresetId) => {
    close();
    if (current?.kind !== "preset" || current.id !== id) void consoleActions.applyPreset(id);
  };
  const pickSaved = (s: SavedLayout) => {
    close();
    void consoleActions.applySavedLayout(s);
  };

  return (
    <div className="picker" ref={root}>
      <button
        type="button"
        className={`btn picker__button${open ? " btn--active" : ""}`}
        data-testid="layout-picker"
        data-current={current?.kind === "preset" ? `preset:${current.id}` : current?.kind === "saved" ? `saved:${current.id}` : "custom"}
        aria-haspopup="true"
        aria-expanded={open}
        title={t("layout.pickerTitle")}
        disabled={!wall}
        onClick={() => setOpen(!open)}
      >
        {wall && <LayoutIcon layout={wall.layout} />}
        <span className="picker__label">{label}</span>
        <span className="picker__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && wall && (
        <div className="picker__menu" data-testid="layout-picker-menu" role="menu" aria-label={t("header.layout")}>
          {PRESET_GROUPS.map((g) => (
            <section key={g.title} className="picker__group">
              <h3 className="picker__group-title">{t(g.title)}</h3>
              <div className="picker__entries">
                {g.ids.map((id) => {
                  const name = t(presetName(id).key, presetName(id).params);
                  const layout = presetLayout(id);
                  const active = current?.kind === "preset" && current.id === id;
                  return (
                    <button
                      key={id}
                      type="button"
                      role="menuitemradio"
                      aria-checked={active}
                      className={`picker__entry${active ? " picker__entry--active" : ""}`}
                      data-testid={`layout-${id}`}
                      title={t("layout.entryTitle", { name, n: layout.cells.length, key: shortcutLabel(id) })}
                      onClick={() => pickPreset(id)}
                    >
                      <LayoutIcon layout={layout} width={40} height={26} />
                      <span className="picker__entry-name">{name}</span>
                      <kbd className="picker__key">{shortcutLabel(id)}</kbd>
                    </button>
                  );
                })}
              </div>
            </section>
          ))}
          <section className="picker__group">
            <h3 className="picker__group-title">{t("layout.group.saved")}</h3>
            {saved.length === 0 ? (
              <p className="picker__empty">{t("layout.savedEmpty")}</p>
            ) : (
              <div className="picker__entries">
                {saved.map((s) => {
                  const active = current?.kind === "saved" && current.id === s.id;
                  return (
                    <button
                      key={s.id}
                      type="button"
                      role="menuitemradio"
                      aria-checked={active}
                      className={`picker__entry${active ? " picker__entry--active" : ""}`}
                      data-testid={`layout-saved-${s.id}`}
                      data-name={s.name}
                      title={t("layout.savedTitle", { name: s.name, rows: s.layout.rows, cols: s.layout.cols, n: s.layout.cells.length })}
                      onClick={() => pickSaved(s)}
                    >
                      <LayoutIcon layout={s.layout} width={40} height={26} />
                      <span className="picker__entry-name">{s.name}</span>
                    </button>
                  );
                })}
              </div>
            )}
          </section>
          <button
            type="button"
            className="btn btn--small picker__edit"
            data-testid="layout-editor-open"
            title={t("layout.openEditorTitle")}
            onClick={() => {
              close();
              useConsoleStore.getState().setLayoutEditorOpen(true);
            }}
          >
            {t("layout.openEditor")}
            <kbd className="picker__key">Alt+0</kbd>
          </button>
        </div>
      )}
    </div>
  );
}
