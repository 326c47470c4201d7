// Runs in the renderer. Left panel: search and the camera tree (city → county → domain → cameras).
import { useDeferredValue, useMemo, useState } from "react";
import { useT } from "../i18n/use-t.js";
import { loadCatalog } from "../app/use-console-sync.js";
import { useConsoleStore } from "../state/console-store.js";
import { buildCatalogTree, expandedKeys, searchTerms } from "./catalog-tree.js";
import { CatalogTreeView } from "./CatalogTreeView.js";

export function CatalogPanel() {
  const t = useT();
  const cameras = useConsoleStore((s) => s.cameraList);
  const load = useConsoleStore((s) => s.catalog);
  const [query, setQuery] = useState("");
  const deferredQuery = useDeferredValue(query);
  const [toggled, setToggled] = useState<ReadonlySet<string>>(() => new Set());

  const tree = useMemo(() => buildCatalogTree(cameras, deferredQuery), [cameras, deferredQuery]);
  const searching = searchTerms(deferredQuery).length > 0;
  const open = useMemo(() => expandedKeys(tree, searching, toggled), [tree, searching, toggled]);

  const toggle = (key: string) =>
    setToggled((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  return (
    <aside className="catalog" aria-label={t("catalog.title")}>
      <div className="catalog__head">
        <h2 className="catalog__title">{t("catalog.title")}</h2>
        <span className="counts" title={t("catalog.countsTitle", { online: tree.online, total: tree.total })}>
          {t("catalog.counts", { online: tree.online, total: tree.total })}
        </span>
      </div>
      <div className="catalog__search">
        <input
          type="search"
          data-testid="catalog-search"
          aria-label={t("catalog.searchLabel")}
          placeholder={t("catalog.search")}
          value={query}
          spellCheck={false}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape" && query !== "") {
              e.stopPropagation();
              setQuery("");
            }
          }}
        />
      </div>
      <div className="catalog__tree">
        {load.status === "loading" && <p className="catalog__note">{t("catalog.loading")}</p>}
        {load.status === "failed" && (
          <div className="catalog__note catalog__note--error" role="alert">
            <p>{t("catalog.loadFailed", { reason: t(`error.${load.code}`) })}</p>
            <button type="button" className="btn" onClick={() => void loadCatalog()}>
              {t("catalog.retry")}
            </button>
          </div>
        )}
        {load.status === "ready" && tree.total === 0 && searching && (
          <p className="catalog__note">{t("catalog.empty", { query: deferredQuery.trim() })}</p>
        )}
        <CatalogTreeView tree={tree} open={open} onToggle={toggle} />
      </div>
    </aside>
  );
}
