// Runs in the renderer. The custom layout editor, docked beside the wall (the wall shrinks and keeps playing): start
// from the wall's layout, a preset or an equal grid up to 8×8; drag across cells to select a rectangle and merge it,
// select a merged cell to split it; name and save it (per user, in main's SQLite), apply it to the wall, export it as
// JSON and import one a department shared (a bad file is refused naming the problem; nothing changes).
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { layoutIssueText } from "./layout-issue-text.js";
import { MAX_GRID, parseLayoutJson, PRESET_IDS, presetLayout, type Layout, type PresetId } from "../../../contract/wall-layout.js";
import type { SavedLayout } from "../../../contract/wall.js";
import type { Translate } from "../i18n/i18n.js";
import { consoleActions } from "../state/console-actions.js";
import { useConsoleStore } from "../state/console-store.js";
import { deleteLayout, importLayout, saveLayout, useSavedLayouts, type LayoutOutcome } from "../state/saved-layouts.js";
import { useT } from "../state/use-t.js";
import { cellPlacement } from "./wall-grid.js";
import { blankLayout, cellsIn, layoutExport, layoutRefFor, resizeLayout, selectionActions, selectionRect, type GridPos, type Rect } from "./layout-editor-model.js";
import { presetName } from "./layout-presets-view.js";
import { LayoutIcon } from "./LayoutIcon.js";

type Message = { kind: "ok" | "error"; text: string } | null;

const SIZES = Array.from({ length: MAX_GRID }, (_, i) => i + 1);

export function LayoutEditor() {
  const t = useT();
  const saved = useSavedLayouts((s) => s.layouts);
  const [draft, setDraft] = useState<Layout>(() => useConsoleStore.getState().wall?.layout ?? blankLayout(2, 2));
  // The saved layout being edited (loaded, saved or imported), so applying it unchanged records "saved:<id>".
  const [origin, setOrigin] = useState<SavedLayout | null>(() => {
    const ref = useConsoleStore.getState().wall?.layoutRef ?? null;
    return ref?.startsWith("saved:") ? (useSavedLayouts.getState().layouts.find((l) => `saved:${l.id}` === ref) ?? null) : null;
  });
  const [name, setName] = useState(origin?.name ?? "");
  const [selection, setSelection] = useState<Rect | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [pasted, setPasted] = useState("");
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const dragFrom = useRef<GridPos | null>(null);
  const panel = useRef<HTMLElement | null>(null);

  useEffect(() => {
    panel.current?.focus();
    const end = () => (dragFrom.current = null);
    window.addEventListener("pointerup", end);
    window.addEventListener("pointercancel", end);
    return () => {
      window.removeEventListener("pointerup", end);
      window.removeEventListener("pointercancel", end);
    };
  }, []);

  const close = () => useConsoleStore.getState().setLayoutEditorOpen(false);
  const change = (next: Layout, from: SavedLayout | null = origin) => {
    setDraft(next);
    setSelection(null);
    setOrigin(from);
  };
  const { merge, split } = selectionActions(draft, selection);
  const selected = selection ? cellsIn(draft, selection).length : 0;

  const load = (s: SavedLayout) => {
    change(s.layout, s);
    setName(s.name);
    setMessage(null);
  };
  const settle = (outcome: LayoutOutcome, okKey: "editor.saved" | "editor.imported", failKey: "editor.saveFailed" | "editor.importBad") => {
    if (outcome.ok) {
      load(outcome.saved);
      setMessage({ kind: "ok", text: t(okKey, { name: outcome.saved.name }) });
    } else {
      const reason = outcome.code === "INVALID_LAYOUT" ? outcome.detail : t(`error.${outcome.code}`);
      setMessage({ kind: "error", text: failKey === "editor.importBad" ? t(failKey, { problem: reason }) : t(failKey, { reason }) });
    }
  };
  const doImport = async (text: string) => {
    // Checked here first with the same parser main uses, so the problem shows at once; main decides again.
    const local = parseLayoutJson(text);
    if (!local.ok) {
      setMessage({ kind: "error", text: t("editor.importBad", { problem: layoutIssueText(local.issue, t) }) });
      return;
    }
    settle(await importLayout(text), "editor.imported", "editor.importBad");
  };

  const onKeyDown = (e: ReactKeyboardEvent) => {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
    if (e.key === "Escape") {
      // The editor takes Esc first (the wall's own keys never see it).
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (!typing && !e.altKey && !e.ctrlKey && !e.metaKey && (e.key === "m" || e.key === "M") && merge) {
      e.preventDefault();
      change(merge);
    } else if (!typing && !e.altKey && !e.ctrlKey && !e.metaKey && (e.key === "s" || e.key === "S") && split) {
      e.preventDefault();
      change(split);
    }
    // Digits and Delete are the wall's keys only when focus is not in the editor.
    if (/^[0-9]$/.test(e.key) || e.key === "Delete") e.stopPropagation();
  };

  return (
    <aside className="layout-editor" data-testid="layout-editor" aria-label={t("editor.title")} tabIndex={-1} ref={panel} onKeyDown={onKeyDown}>
      <header className="layout-editor__head">
        <h2>{t("editor.title")}</h2>
        <span className="layout-editor__keys">{t("editor.keys")}</span>
        <button type="button" className="notice__close" data-testid="editor-close" aria-label={t("editor.close")} title={t("editor.close")} onClick={close}>
          ×
        </button>
      </header>

      <div className="layout-editor__row">
        <label>
          {t("editor.rows")}
          <select data-testid="editor-rows" value={draft.rows} onChange={(e) => change(resizeLayout(draft, Number(e.target.value), draft.cols))}>
            {SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("editor.cols")}
          <select data-testid="editor-cols" value={draft.cols} onChange={(e) => change(resizeLayout(draft, draft.rows, Number(e.target.value)))}>
            {SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <select
          data-testid="editor-preset"
          value=""
          aria-label={t("editor.fromPreset")}
          onChange={(e) => e.target.value && change(presetLayout(e.target.value as PresetId), null)}
        >
          <option value="">{t("editor.fromPreset")}</option>
          {PRESET_IDS.map((id) => {
            const n = presetName(id);
            return (
              <option key={id} value={id}>
                {t(n.key, n.params)}
              </option>
            );
          })}
        </select>
        <button
          type="button"
          className="btn btn--small"
          data-testid="editor-from-wall"
          onClick={() => {
            const wall = useConsoleStore.getState().wall;
            if (wall) change(wall.layout, null);
          }}
        >
          {t("editor.fromWall")}
        </button>
      </div>

      <p className="layout-editor__hint">{t("editor.hint")}</p>
      <EditorGrid
        draft={draft}
        selection={selection}
        onStart={(p) => {
          dragFrom.current = p;
          setSelection(selectionRect(draft, p, p));
        }}
        onExtend={(p) => dragFrom.current && setSelection(selectionRect(draft, dragFrom.current, p))}
      />
      <div className="layout-editor__row">
        <span className="layout-editor__status" data-testid="editor-summary" data-cells={draft.cells.length}>
          {t("editor.summary", { rows: draft.rows, cols: draft.cols, n: draft.cells.length })}
          {" · "}
          {selection ? t("editor.selection", { rows: selection.rowSpan, cols: selection.colSpan, n: selected }) : t("editor.noSelection")}
        </span>
        <button type="button" className="btn btn--small" data-testid="editor-merge" disabled={!merge} onClick={() => merge && change(merge)}>
          {t("editor.merge")}
        </button>
        <button type="button" className="btn btn--small" data-testid="editor-split" disabled={!split} onClick={() => split && change(split)}>
          {t("editor.split")}
        </button>
      </div>

      <div className="layout-editor__row">
        <label className="layout-editor__name">
          {t("editor.name")}
          <input data-testid="editor-name" value={name} maxLength={64} placeholder={t("editor.namePlaceholder")} onChange={(e) => setName(e.target.value)} />
        </label>
        <button
          type="button"
          className="btn btn--small"
          data-testid="editor-save"
          disabled={name.trim() === ""}
          onClick={async () => settle(await saveLayout(name, draft), "editor.saved", "editor.saveFailed")}
        >
          {t("editor.save")}
        </button>
      </div>
      <div className="layout-editor__row">
        <button type="button" className="btn btn--small btn--primary" data-testid="editor-apply" onClick={() => void consoleActions.setLayout(draft, layoutRefFor(draft, origin))}>
          {t("editor.apply")}
        </button>
        <button type="button" className="btn btn--small" data-testid="editor-export" onClick={() => download(layoutExport(name || origin?.name || "", draft))}>
          {t("editor.export")}
        </button>
      </div>
      {message && (
        <p className={`layout-editor__message layout-editor__message--${message.kind}`} data-testid={message.kind === "ok" ? "editor-message" : "editor-error"} role={message.kind === "error" ? "alert" : "status"}>
          {message.text}
        </p>
      )}

      <h3>{t("editor.savedList")}</h3>
      {saved.length === 0 ? (
        <p className="layout-editor__hint">{t("layout.savedEmpty")}</p>
      ) : (
        <ul className="layout-editor__saved">
          {saved.map((s) => (
            <SavedRow
              key={s.id}
              saved={s}
              t={t}
              current={origin?.id === s.id}
              confirming={confirmDelete === s.id}
              onEdit={() => load(s)}
              onDelete={async () => {
                if (confirmDelete !== s.id) return setConfirmDelete(s.id);
                setConfirmDelete(null);
                const r = await deleteLayout(s.id);
                if (!r.ok) setMessage({ kind: "error", text: t(`error.${r.code}`) });
                else if (origin?.id === s.id) setOrigin(null);
              }}
            />
          ))}
        </ul>
      )}

      <div className="layout-editor__import">
        <label className="btn btn--small layout-editor__file">
          {t("editor.importFile")}
          <input
            type="file"
            accept=".json,application/json"
            data-testid="editor-import-file"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (!file) return;
              let text: string;
              try {
                text = await file.text();
              } catch {
                setMessage({ kind: "error", text: t("editor.importBad", { problem: t("editor.fileUnreadable") }) });
                return;
              }
              await doImport(text);
            }}
          />
        </label>
        <label className="layout-editor__paste">
          {t("editor.importPaste")}
          <textarea data-testid="editor-import-text" rows={3} value={pasted} spellCheck={false} onChange={(e) => setPasted(e.target.value)} />
        </label>
        <button type="button" className="btn btn--small" data-testid="editor-import" disabled={pasted.trim() === ""} onClick={() => void doImport(pasted)}>
          {t("editor.importButton")}
        </button>
      </div>
    </aside>
  );
}

/** The grid being drawn: positions catch the pointer, cells are drawn over them with their spans. */
function EditorGrid({ draft, selection, onStart, onExtend }: { draft: Layout; selection: Rect | null; onStart: (p: GridPos) => void; onExtend: (p: GridPos) => void }) {
  const style = { gridTemplateRows: `repeat(${draft.rows}, minmax(0, 1fr))`, gridTemplateColumns: `repeat(${draft.cols}, minmax(0, 1fr))` };
  const positions: GridPos[] = [];
  for (let row = 0; row < draft.rows; row++) for (let col = 0; col < draft.cols; col++) positions.push({ row, col });
  return (
    <div className="layout-editor__grid" data-testid="editor-grid" data-rows={draft.rows} data-cols={draft.cols} style={style} onDragStart={(e) => e.preventDefault()}>
      {positions.map((p) => (
        <div
          key={`${p.row}-${p.col}`}
          className="layout-editor__pos"
          data-testid={`editor-pos-${p.row}-${p.col}`}
          style={cellPlacement({ ...p, rowSpan: 1, colSpan: 1 })}
          onPointerDown={(e) => {
            if (e.button !== 0) return;
            e.preventDefault();
            // Touch captures the pointer to where it went down; the drag must reach the positions it crosses.
            if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
            onStart(p);
          }}
          onPointerEnter={(e) => {
            if (e.buttons & 1) onExtend(p);
          }}
        />
      ))}
      {draft.cells.map((c, i) => (
        <div
          key={`c${c.row}-${c.col}`}
          className={`layout-editor__cell${c.rowSpan > 1 || c.colSpan > 1 ? " layout-editor__cell--merged" : ""}`}
          data-testid={`editor-cell-${i}`}
          data-span={`${c.rowSpan}x${c.colSpan}`}
          style={cellPlacement(c)}
        >
          {i + 1}
        </div>
      ))}
      {selection && <div className="layout-editor__selection" data-testid="editor-selection" style={cellPlacement(selection)} />}
    </div>
  );
}

function SavedRow(p: { saved: SavedLayout; t: Translate; current: boolean; confirming: boolean; onEdit: () => void; onDelete: () => void }) {
  const { saved: s, t } = p;
  return (
    <li className={`layout-editor__saved-row${p.current ? " layout-editor__saved-row--current" : ""}`} data-testid={`saved-layout-${s.id}`} data-name={s.name}>
      <LayoutIcon layout={s.layout} />
      <span className="layout-editor__saved-name" title={t("layout.savedTitle", { name: s.name, rows: s.layout.rows, cols: s.layout.cols, n: s.layout.cells.length })}>
        {s.name}
      </span>
      <button type="button" className="btn btn--small" data-testid={`saved-apply-${s.id}`} onClick={() => void consoleActions.applySavedLayout(s)}>
        {t("editor.savedApply")}
      </button>
      <button type="button" className="btn btn--small" data-testid={`saved-edit-${s.id}`} onClick={p.onEdit}>
        {t("editor.savedEdit")}
      </button>
      <button type="button" className="btn btn--small" data-testid={`saved-export-${s.id}`} onClick={() => download(layoutExport(s.name, s.layout))}>
        {t("editor.savedExport")}
      </button>
      <button type="button" className={`btn btn--small${p.confirming ? " btn--danger" : ""}`} data-testid={`saved-delete-${s.id}`} onClick={p.onDelete}>
        {p.confirming ? t("editor.savedDeleteConfirm") : t("editor.savedDelete")}
      </button>
    </li>
  );
}

/** Saves a JSON text as a file through the browser's download (nothing leaves the machine). */
function download({ fileName, json }: { fileName: string; json: string }): void {
  const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has its own copy once it started; the URL is only needed for the click.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
