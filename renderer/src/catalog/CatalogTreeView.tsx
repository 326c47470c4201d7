// Runs in the renderer. Renders the catalog tree; collapsed branches render no rows, so ~200 cameras stay cheap.
import { memo } from "react";
import { useT } from "../i18n/use-t.js";
import { useConsoleStore } from "../state/console-store.js";
import { cityName } from "./city-names.js";
import type { CatalogTree, Counts } from "./catalog-tree.js";
import { CameraRow } from "./CameraRow.js";

type Props = { tree: CatalogTree; open: ReadonlySet<string>; onToggle: (key: string) => void };

export const CatalogTreeView = memo(function CatalogTreeView({ tree, open, onToggle }: Props) {
  const locale = useConsoleStore((s) => s.locale);
  const t = useT();
  return (
    <ul className="tree" role="tree">
      {tree.cities.map((city) => (
        <li key={city.key} role="treeitem" aria-expanded="true" className="tree__city">
          <div className="tree__row tree__row--city">
            <span className="tree__label">{cityName(city.cityCode, locale)}</span>
            <CountBadge {...city} />
          </div>
          <ul role="group">
            {city.counties.map((county) => {
              const countyOpen = open.has(county.key);
              return (
                <li key={county.key} role="treeitem" aria-expanded={countyOpen} data-testid={`county-${county.civilCode}`}>
                  <BranchRow label={county.name} counts={county} isOpen={countyOpen} depth={1} onToggle={() => onToggle(county.key)} />
                  {countyOpen && (
                    <ul role="group">
                      {county.domains.map((d) => {
                        const domainOpen = open.has(d.key);
                        return (
                          <li key={d.key} role="treeitem" aria-expanded={domainOpen}>
                            <BranchRow label={t(`domain.${d.domain}`)} counts={d} isOpen={domainOpen} depth={2} onToggle={() => onToggle(d.key)} />
                            {domainOpen && (
                              <ul role="group">
                                {d.cameras.map((c) => (
                                  <CameraRow key={c.id} camera={c} />
                                ))}
                              </ul>
                            )}
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ul>
  );
});

function BranchRow(props: { label: string; counts: Counts; isOpen: boolean; depth: number; onToggle: () => void }) {
  return (
    <button type="button" className={`tree__row tree__row--branch depth-${props.depth}`} aria-expanded={props.isOpen} onClick={props.onToggle}>
      <span className={`tree__caret${props.isOpen ? " tree__caret--open" : ""}`} aria-hidden="true">
        ▸
      </span>
      <span className="tree__label">{props.label}</span>
      <CountBadge {...props.counts} />
    </button>
  );
}

function CountBadge({ total, online }: Counts) {
  const t = useT();
  return (
    <span className={`counts${online < total ? " counts--partial" : ""}`} title={t("catalog.countsTitle", { online, total })}>
      {t("catalog.counts", { online, total })}
    </span>
  );
}
