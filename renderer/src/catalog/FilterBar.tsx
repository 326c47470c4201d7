// Runs in the renderer. Catalog filters: source domains (multi), sharing classes (multi), online state, favorites.
// Every change refetches the tree, the open leaves and the search with the new filters. The favorites chip drags onto
// the wall as the favorites folder.
import { useT } from "../state/use-t.js";
import {
  ALL_DOMAINS,
  ALL_SHARING,
  NO_FILTERS,
  activeFilterCount,
  onlineFilterOf,
  setFavoritesOnly,
  setOnlineFilter,
  toggleDomain,
  toggleSharing,
  type OnlineFilter,
} from "./catalog-filters.js";
import { setFilters, useCatalogStore } from "./catalog-store.js";
import { setFolderDrag } from "../wall/dnd.js";

const ONLINE: readonly OnlineFilter[] = ["all", "online", "offline"];

export function FilterBar() {
  const t = useT();
  const filters = useCatalogStore((s) => s.filters);
  const active = activeFilterCount(filters);
  const online = onlineFilterOf(filters);
  return (
    <div className="filters" role="group" aria-label={active > 0 ? t("filter.active", { n: active }) : undefined}>
      <div className="filters__line" role="group" aria-label={t("filter.domain")}>
        <span className="filters__label">{t("filter.domain")}</span>
        {ALL_DOMAINS.map((d) => {
          const on = filters.domains?.includes(d) ?? false;
          return (
            <button
              key={d}
              type="button"
              className={`chip${on ? " chip--on" : ""}`}
              data-testid={`filter-domain-${d}`}
              aria-pressed={on}
              title={t(`domain.${d}`)}
              onClick={() => setFilters(toggleDomain(filters, d))}
            >
              {t(`domain.short.${d}`)}
            </button>
          );
        })}
      </div>
      <div className="filters__line" role="group" aria-label={t("filter.sharing")}>
        <span className="filters__label">{t("filter.sharing")}</span>
        {ALL_SHARING.map((c) => {
          const on = filters.sharingClasses?.includes(c) ?? false;
          return (
            <button
              key={c}
              type="button"
              className={`chip chip--sharing-${c}${on ? " chip--on" : ""}`}
              data-testid={`filter-sharing-${c}`}
              aria-pressed={on}
              title={t(`sharing.${c}`)}
              onClick={() => setFilters(toggleSharing(filters, c))}
            >
              {t(`sharing.short.${c}`)}
            </button>
          );
        })}
      </div>
      <div className="filters__line">
        <span className="filters__label">{t("filter.online")}</span>
        <span className="segmented" role="radiogroup" aria-label={t("filter.online")}>
          {ONLINE.map((v) => (
            <button
              key={v}
              type="button"
              role="radio"
              aria-checked={online === v}
              className={`chip chip--seg${online === v ? " chip--on" : ""}`}
              data-testid={`filter-online-${v}`}
              onClick={() => setFilters(setOnlineFilter(filters, v))}
            >
              {t(`filter.online.${v}`)}
            </button>
          ))}
        </span>
        <button
          type="button"
          className={`chip chip--fav${filters.favoritesOnly ? " chip--on" : ""}`}
          data-testid="filter-favorites"
          aria-pressed={filters.favoritesOnly ?? false}
          draggable
          title={t("fill.dragTitle")}
          onDragStart={(e) => setFolderDrag(e.dataTransfer, { kind: "favorites" })}
          onClick={() => setFilters(setFavoritesOnly(filters, !filters.favoritesOnly))}
        >
          ★ {t("filter.favorites")}
        </button>
        {active > 0 && (
          <button type="button" className="linkbtn" data-testid="filter-clear" onClick={() => setFilters(NO_FILTERS)}>
            {t("filter.clear")}
          </button>
        )}
      </div>
    </div>
  );
}
