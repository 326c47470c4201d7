// Runs in the renderer (pure, no DOM). Builds the catalog tree city → county-level division → source domain → cameras,
// with total and online counts at every level, and filters it by a search query.
import type { Camera, SourceDomain } from "../../../contract/camera.js";
import { SourceDomainSchema } from "../../../contract/camera.js";

export const DOMAIN_ORDER: readonly SourceDomain[] = SourceDomainSchema.options;

export type Counts = { total: number; online: number };
export type DomainNode = Counts & { key: string; domain: SourceDomain; cameras: Camera[] };
export type CountyNode = Counts & { key: string; civilCode: string; name: string; domains: DomainNode[] };
export type CityNode = Counts & { key: string; cityCode: string; counties: CountyNode[] };
export type CatalogTree = Counts & { cities: CityNode[] };

/** The prefecture-level city code (6 digits, ending 00) a county-level civil code belongs to. */
export function cityCodeOf(civilCode: string): string {
  return `${civilCode.slice(0, 4)}00`;
}

/** Splits a query into lower-cased terms; every term must match one of the searchable fields. */
export function searchTerms(query: string): string[] {
  return query.trim().toLowerCase().split(/\s+/).filter((s) => s.length > 0);
}

export function cameraMatches(camera: Camera, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const hay = [camera.name, camera.address, camera.id, camera.regionName, camera.ownerDepartment].join("\n").toLowerCase();
  return terms.every((t) => hay.includes(t));
}

function byName(a: Camera, b: Camera): number {
  return a.name.localeCompare(b.name, "zh-CN") || a.id.localeCompare(b.id);
}

/** Builds the tree from the cameras matching `query` (all of them when it is empty). Empty branches are left out. */
export function buildCatalogTree(cameras: readonly Camera[], query = ""): CatalogTree {
  const terms = searchTerms(query);
  const cities = new Map<string, Map<string, { name: string; byDomain: Map<SourceDomain, Camera[]> }>>();
  for (const camera of cameras) {
    if (!cameraMatches(camera, terms)) continue;
    const cityCode = cityCodeOf(camera.civilCode);
    let counties = cities.get(cityCode);
    if (!counties) cities.set(cityCode, (counties = new Map()));
    let county = counties.get(camera.civilCode);
    if (!county) counties.set(camera.civilCode, (county = { name: camera.regionName, byDomain: new Map() }));
    let list = county.byDomain.get(camera.domain);
    if (!list) county.byDomain.set(camera.domain, (list = []));
    list.push(camera);
  }

  const tree: CatalogTree = { total: 0, online: 0, cities: [] };
  for (const cityCode of [...cities.keys()].sort()) {
    const counties = cities.get(cityCode)!;
    const city: CityNode = { key: `city:${cityCode}`, cityCode, total: 0, online: 0, counties: [] };
    for (const civilCode of [...counties.keys()].sort()) {
      const c = counties.get(civilCode)!;
      const county: CountyNode = { key: `county:${civilCode}`, civilCode, name: c.name, total: 0, online: 0, domains: [] };
      for (const domain of DOMAIN_ORDER) {
        const list = c.byDomain.get(domain);
        if (!list) continue;
        list.sort(byName);
        const online = list.filter((cam) => cam.online).length;
        county.domains.push({ key: `domain:${civilCode}:${domain}`, domain, cameras: list, total: list.length, online });
        county.total += list.length;
        county.online += online;
      }
      city.counties.push(county);
      city.total += county.total;
      city.online += county.online;
    }
    tree.cities.push(city);
    tree.total += city.total;
    tree.online += city.online;
  }
  return tree;
}

/**
 * Branch keys shown open. Cities are always open. Counties start collapsed and domains start open (inside an open
 * county); `toggled` holds the keys the operator flipped. While searching, every branch holding a match is open.
 */
export function expandedKeys(tree: CatalogTree, searching: boolean, toggled: ReadonlySet<string>): Set<string> {
  const open = new Set<string>();
  for (const city of tree.cities) {
    open.add(city.key);
    for (const county of city.counties) {
      if (searching || toggled.has(county.key)) open.add(county.key);
      for (const d of county.domains) if (searching || !toggled.has(d.key)) open.add(d.key);
    }
  }
  return open;
}
