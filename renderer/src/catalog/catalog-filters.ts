// Runs in the renderer (pure). The catalog filter state the panel edits and sends with every catalog call.
// Kept normalized (no empty lists, no false flags) so equal filters compare equal and calls stay small.
import { SharingClassSchema, SourceDomainSchema, type SharingClass, type SourceDomain } from "../../../contract/camera.js";
import type { CatalogFilters } from "../../../contract/catalog-view.js";

export type OnlineFilter = "all" | "online" | "offline";

export const ALL_DOMAINS: readonly SourceDomain[] = SourceDomainSchema.options;
export const ALL_SHARING: readonly SharingClass[] = SharingClassSchema.options;

export const NO_FILTERS: CatalogFilters = {};

function toggleIn<T extends string>(list: readonly T[] | undefined, value: T, order: readonly T[]): T[] | undefined {
  const set = new Set(list ?? []);
  if (!set.delete(value)) set.add(value);
  const next = order.filter((v) => set.has(v));
  return next.length === 0 ? undefined : next;
}

function normalize(f: CatalogFilters): CatalogFilters {
  const out: CatalogFilters = {};
  if (f.domains && f.domains.length > 0) out.domains = ALL_DOMAINS.filter((d) => f.domains!.includes(d));
  if (f.sharingClasses && f.sharingClasses.length > 0) out.sharingClasses = ALL_SHARING.filter((s) => f.sharingClasses!.includes(s));
  if (f.online !== undefined) out.online = f.online;
  if (f.favoritesOnly) out.favoritesOnly = true;
  return out;
}

export function toggleDomain(f: CatalogFilters, domain: SourceDomain): CatalogFilters {
  return normalize({ ...f, domains: toggleIn(f.domains, domain, ALL_DOMAINS) });
}

export function toggleSharing(f: CatalogFilters, sharing: SharingClass): CatalogFilters {
  return normalize({ ...f, sharingClasses: toggleIn(f.sharingClasses, sharing, ALL_SHARING) });
}

export function onlineFilterOf(f: CatalogFilters): OnlineFilter {
  return f.online === undefined ? "all" : f.online ? "online" : "offline";
}

export function setOnlineFilter(f: CatalogFilters, value: OnlineFilter): CatalogFilters {
  const { online: _drop, ...rest } = f;
  return normalize(value === "all" ? rest : { ...rest, online: value === "online" });
}

export function setFavoritesOnly(f: CatalogFilters, on: boolean): CatalogFilters {
  return normalize({ ...f, favoritesOnly: on });
}

/** How many filter groups narrow the catalog (for the "clear filters" control). */
export function activeFilterCount(f: CatalogFilters): number {
  return (f.domains ? 1 : 0) + (f.sharingClasses ? 1 : 0) + (f.online !== undefined ? 1 : 0) + (f.favoritesOnly ? 1 : 0);
}

/** The filters as sent to main: undefined when nothing narrows. */
export function filtersParam(f: CatalogFilters): CatalogFilters | undefined {
  const n = normalize(f);
  return activeFilterCount(n) === 0 ? undefined : n;
}

export function sameFilters(a: CatalogFilters, b: CatalogFilters): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}
