// Runs in the renderer. Left panel: platform sync state, search, filters, and the virtualized catalog (the tree of
// city → county → domain → cameras, or flat search results). Everything shown is fetched from main on demand. The
// search results drag onto the wall as one folder ("拖入电视墙" beside the result count).
import { useEffect, useMemo, useRef, useState } from "react";
import { useT } from "../state/use-t.js";
import { useConsoleStore } from "../state/console-store.js";
import { activeFilterCount } from "./catalog-filters.js";
import { flattenCatalog, searchRows } from "./catalog-rows.js";
import { SEARCH_LIMIT, reloadTree, runSearch, useCatalogStore } from "./catalog-store.js";
import { CatalogList } from "./CatalogList.js";
import { setFolderDrag } from "../wall/dnd.js";
import { FilterBar } from "./FilterBar.js";

/** Typing settles this long before a search goes to main. */
export const SEARCH_DEBOUNCE_MS = 120;

export function CatalogPanel() {
  const t = useT();
  const tree = useCatalogStore((s) => s.tree);
  const treeLoad = useCatalogStore((s) => s.treeLoad);
  const open = useCatalogStore((s) => s.open);
  const leaves = useCatalogStore((s) => s.leaves);
  const search = useCatalogStore((s) => s.search);
  const filters = useCatalogStore((s) => s.filters);
  const platform = useConsoleStore((s) => s.platform.state);
  const [query, setQuery] = useState(() => useCatalogStore.getState().search?.query ?? "");

  // Debounced: each keystroke restarts the wait; clearing returns to the tree at once.
  const firstRun = useRef(true);
  useEffect(() => {
    if (firstRun.current) {
      firstRun.current = false;
      return;
    }
    if (query.trim() === "") {
      void runSearch("");
      return;
    }
    const timer = setTimeout(() => void runSearch(query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const rows = useMemo(() => (search ? searchRows(search.items) : tree ? flattenCatalog(tree, open, leaves) : []), [search, tree, open, leaves]);
  const total = tree?.root.total ?? 0;
  const online = tree?.root.online ?? 0;
  const filtered = activeFilterCount(filters) > 0;

  return (
    <aside className="catalog" aria-label={t("catalog.title")} data-testid="catalog">
      <div className="catalog__head">
        <h2 className="catalog__title">{t("catalog.title")}</h2>
        {platform === "syncing" && (
          <span className="catalog__sync" data-testid="catalog-syncing" role="status">
            <span className="spinner spinner--small" aria-hidden="true" />
            {t("catalog.syncing")}
          </span>
        )}
        {tree && (
          <span className="counts" title={t("catalog.countsTitle", { online, total })}>
            {t("catalog.counts", { online, total })}
          </span>
        )}
      </div>
      <div className="catalog__search">
        <input
          type="search"
          data-testid="catalog-search"
          aria-label={t("catalog.searchLabel")}
          placeholder={t("catalog.search")}
          value={query}
          maxLength={64}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape" && query !== "") {
              e.stopPropagation();
              setQuery("");
            }
          }}
        />
      </div>
      <FilterBar />
      {search && (
        <div
          className="catalog__result"
          data-testid="search-summary"
          data-total={search.total}
          data-status={search.status}
          data-query={search.query}
          role="status"
        >
          {search.status === "failed" && search.code ? (
            <span className="catalog__note--error">{t("catalog.searchFailed", { reason: t(`error.${search.code}`) })}</span>
          ) : search.status === "loading" && search.items.length === 0 ? (
            t("catalog.searching")
          ) : search.total === 0 ? (
            t("catalog.empty", { query: search.query })
          ) : search.total > search.items.length ? (
            t("catalog.searchMore", { n: Math.min(search.items.length, SEARCH_LIMIT), total: search.total })
          ) : (
            t("catalog.searchTotal", { total: search.total })
          )}
          {search.status === "ready" && search.items.length > 0 && (
            <span
              className="catalog__drag"
              data-testid="search-drag"
              draggable
              title={t("fill.dragTitle")}
              onDragStart={(e) => setFolderDrag(e.dataTransfer, { kind: "search", query: search.query })}
            >
              ⠿ {t("fill.dragResults")}
            </span>
          )}
        </div>
      )}
      {!search && treeLoad.status === "loading" && !tree && <p className="catalog__note">{t("catalog.loading")}</p>}
      {!search && treeLoad.status === "failed" && (
        <div className="catalog__note catalog__note--error" role="alert">
          <p>{t("catalog.loadFailed", { reason: t(`error.${treeLoad.code}`) })}</p>
          <button type="button" className="btn" onClick={() => void reloadTree()}>
            {t("catalog.retry")}
          </button>
        </div>
      )}
      {!search && tree && tree.root.total === 0 && (
        <p className="catalog__note">{filtered ? t("catalog.emptyFiltered") : t("catalog.emptyCatalog")}</p>
      )}
      {search ? (
        <CatalogList key="search" rows={rows} resetKey={search.query} showRegion label={t("catalog.searchLabel")} testId="catalog-results" />
      ) : (
        <CatalogList key="tree" rows={rows} scrollKey="tree" showRegion={false} label={t("catalog.title")} testId="catalog-tree" />
      )}
    </aside>
  );
}
