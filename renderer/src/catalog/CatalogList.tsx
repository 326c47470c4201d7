// Runs in the renderer. The virtualized catalog list: only the rows in view (plus a margin) exist in the DOM, so a
// tree with 100,000 cameras open scrolls as lightly as one with ten. Rows are fixed-height. Placeholders in view
// ask for their leaf page. Arrow keys move between rows, Left/Right close/open branches, Enter places a camera.
// Branch rows (the city, a county, a domain under a county) drag onto the wall as folders: their cameras fill the
// empty tiles in order (wall/folder-drop.ts).
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useEffect, useLayoutEffect, useMemo, useRef, type CSSProperties, type KeyboardEvent } from "react";
import type { SourceDomain } from "../../../contract/camera.js";
import { useT } from "../state/use-t.js";
import { useConsoleStore } from "../state/console-store.js";
import { cityName } from "./city-names.js";
import { loadLeafPage, retryLeaf, toggleBranch, useCatalogStore } from "./catalog-store.js";
import { setFolderDrag } from "../wall/dnd.js";
import type { CatalogFolder } from "./catalog-folders.js";
import { branchContext, pagesToLoad, parseLeafKey, rowDepth, type CatalogRow } from "./catalog-rows.js";
import { CameraRow } from "./CameraRow.js";

export const ROW_HEIGHT = 24;

type Props = {
  rows: readonly CatalogRow[];
  /** Remembers the scroll offset across unmounts (tree ↔ search) under this name. */
  scrollKey?: string;
  /** Scrolls back to the top when this changes (a new search query). */
  resetKey?: string;
  /** Search results show each camera's county (they are not under one). */
  showRegion: boolean;
  label: string;
  testId: string;
};

const savedOffsets = new Map<string, number>();

export function CatalogList({ rows, scrollKey, resetKey, showRegion, label, testId }: Props) {
  const scroller = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 16,
    initialOffset: () => (scrollKey ? (savedOffsets.get(scrollKey) ?? 0) : 0),
    getItemKey: (i) => rows[i]?.key ?? i,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !scrollKey) return;
    const saved = savedOffsets.get(scrollKey);
    if (saved !== undefined) el.scrollTop = saved;
    return () => void savedOffsets.set(scrollKey, el.scrollTop);
  }, [scrollKey]);

  useLayoutEffect(() => {
    if (resetKey !== undefined && scroller.current) scroller.current.scrollTop = 0;
  }, [resetKey]);

  // Placeholders in view (or just outside) ask for their page.
  useEffect(() => {
    for (const { leaf, page } of pagesToLoad(rows, first, last)) void loadLeafPage(leaf, page);
  }, [rows, first, last]);

  // While a long leaf fills the view, a sticky line names its county and domain (click: back to the domain row).
  const topIndex = Math.floor((virtualizer.scrollOffset ?? 0) / ROW_HEIGHT);
  const context = useMemo(() => branchContext(rows, topIndex), [rows, topIndex]);

  const focusRow = (index: number) => {
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    virtualizer.scrollToIndex(clamped, { align: "auto" });
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${clamped}"]`)?.focus());
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const index = Number(target.dataset.index);
    if (!Number.isInteger(index)) return;
    const row = rows[index];
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        focusRow(index + 1);
        break;
      case "ArrowUp":
        e.preventDefault();
        focusRow(index - 1);
        break;
      case "Home":
        e.preventDefault();
        focusRow(0);
        break;
      case "End":
        e.preventDefault();
        focusRow(rows.length - 1);
        break;
      case "ArrowRight":
      case "ArrowLeft":
        if (row && (row.kind === "region" || row.kind === "domain") && row.open === (e.key === "ArrowLeft")) {
          e.preventDefault();
          toggleBranch(row.key, row.kind === "domain" ? row.leaf : undefined);
        }
        break;
    }
  };

  return (
    <div ref={scroller} className="catalog__list" role="tree" aria-label={label} data-testid={testId} data-rows={rows.length} onKeyDown={onKeyDown}>
      {context && (
        <StickyContext
          region={context.region.name}
          domain={context.domain.domain}
          total={context.domain.total}
          online={context.domain.online}
          onClick={() => focusRow(context.domainIndex)}
        />
      )}
      <div className="catalog__sizer" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index]!;
          const style: CSSProperties = { position: "absolute", top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` };
          return <Row key={item.key} row={row} index={item.index} style={style} showRegion={showRegion} />;
        })}
      </div>
    </div>
  );
}

const Row = memo(function Row({ row, index, style, showRegion }: { row: CatalogRow; index: number; style: CSSProperties; showRegion: boolean }) {
  const t = useT();
  const locale = useConsoleStore((s) => s.locale);
  switch (row.kind) {
    case "camera":
      return <CameraRow camera={row.camera} depth={row.depth} style={style} index={index} showRegion={showRegion} />;
    case "root":
      return (
        <div
          role="treeitem"
          aria-level={1}
          aria-expanded="true"
          tabIndex={0}
          data-index={index}
          data-testid="catalog-root"
          className="tree__row tree__row--root depth-0"
          style={style}
          draggable
          title={t("fill.dragTitle")}
          onDragStart={(e) => setFolderDrag(e.dataTransfer, { kind: "all" })}
        >
          <span className="tree__label">{cityName(row.code, locale, row.name)}</span>
          <CountBadge total={row.total} online={row.online} />
        </div>
      );
    case "region":
    case "domain": {
      const label = row.kind === "region" ? row.name : t(`domain.${row.domain}`);
      const testId = row.kind === "region" ? `county-${row.code}` : `domain-${row.leaf.replace("/", "-")}`;
      const folder = (): CatalogFolder => {
        if (row.kind === "region") return { kind: "region", code: row.code, name: row.name };
        const { civilCode } = parseLeafKey(row.leaf);
        const region = useCatalogStore.getState().tree?.regions.find((r) => r.code === civilCode);
        return { kind: "leaf", code: civilCode, domain: row.domain, name: `${region?.name ?? civilCode} › ${label}` };
      };
      return (
        <div
          role="treeitem"
          aria-level={rowDepth(row) + 1}
          aria-expanded={row.open}
          tabIndex={0}
          data-index={index}
          data-testid={testId}
          className={`tree__row tree__row--branch depth-${rowDepth(row)}`}
          style={style}
          draggable
          title={t("fill.dragTitle")}
          onDragStart={(e) => setFolderDrag(e.dataTransfer, folder())}
          onClick={() => toggleBranch(row.key, row.kind === "domain" ? row.leaf : undefined)}
          onKeyDown={(e) => {
            if (e.key === "Enter" || e.key === " ") {
              e.preventDefault();
              toggleBranch(row.key, row.kind === "domain" ? row.leaf : undefined);
            }
          }}
        >
          <span className={`tree__caret${row.open ? " tree__caret--open" : ""}`} aria-hidden="true">
            ▸
          </span>
          <span className="tree__label">{label}</span>
          <CountBadge total={row.total} online={row.online} />
        </div>
      );
    }
    case "pending":
      return (
        <div className="tree__row tree__row--pending depth-3" style={style} data-index={index} aria-busy="true">
          <span className="tree__skeleton" aria-label={t("catalog.pending")} />
        </div>
      );
    case "empty":
      return (
        <div className="tree__row tree__row--note depth-3" style={style} data-index={index}>
          {t("catalog.emptyLeaf")}
        </div>
      );
    case "failed":
      return (
        <div className="tree__row tree__row--note tree__row--failed depth-3" style={style} data-index={index} role="alert">
          <span className="tree__label">{t("catalog.leafFailed", { reason: t(`error.${row.code}`) })}</span>
          <button type="button" className="btn btn--small" onClick={() => retryLeaf(row.leaf)}>
            {t("catalog.retry")}
          </button>
        </div>
      );
  }
});

function StickyContext(props: { region: string; domain: SourceDomain; total: number; online: number; onClick: () => void }) {
  const t = useT();
  return (
    <button type="button" className="catalog__sticky" data-testid="catalog-sticky" tabIndex={-1} onClick={props.onClick}>
      <span className="tree__caret tree__caret--open" aria-hidden="true">
        ▸
      </span>
      <span className="tree__label">
        {props.region} › {t(`domain.${props.domain}`)}
      </span>
      <CountBadge total={props.total} online={props.online} />
    </button>
  );
}

/** Below this online rate a branch's count turns amber (a few offline cameras in a large branch are normal). */
const LOW_ONLINE_RATE = 0.9;

function CountBadge({ total, online }: { total: number; online: number }) {
  const t = useT();
  return (
    <span className={`counts${total > 0 && online / total < LOW_ONLINE_RATE ? " counts--partial" : ""}`} title={t("catalog.countsTitle", { online, total })}>
      {t("catalog.counts", { online, total })}
    </span>
  );
}
