// Runs in main. The catalog in memory: cameras by id, by region × domain leaf (sorted by name), and their search
// keys. Answers the catalog panel's questions — tree counts, one leaf, search — with the user's filters applied.
import type { Camera, SourceDomain } from "../../contract/camera.js";
import type { CatalogFilters, CatalogTree } from "../../contract/catalog-view.js";
import { normalizeQuery } from "./search-keys.js";

type Entry = { camera: Camera; search: string };
export type FilterContext = { favorites: ReadonlySet<string> };

const DOMAIN_ORDER: SourceDomain[] = ["xueliang", "skynet", "tourism", "school", "traffic", "forestry", "water", "social"];
const collator = new Intl.Collator("zh-CN");

export function matchesFilters(camera: Camera, filters: CatalogFilters | undefined, ctx: FilterContext): boolean {
  if (!filters) return true;
  if (filters.domains?.length && !filters.domains.includes(camera.domain)) return false;
  if (filters.sharingClasses?.length && !filters.sharingClasses.includes(camera.sharingClass)) return false;
  if (filters.online !== undefined && camera.online !== filters.online) return false;
  if (filters.favoritesOnly && !ctx.favorites.has(camera.id)) return false;
  return true;
}

export class CatalogIndex {
  private readonly entries = new Map<string, Entry>();
  /** leaf key "civilCode/domain" → ids sorted by name; rebuilt lazily after changes. */
  private leaves: Map<string, string[]> | null = null;
  private regionNames = new Map<string, string>();
  private revisionCounter = 0;

  constructor(private readonly root: { code: string; name: string }) {}

  get size(): number {
    return this.entries.size;
  }
  get revision(): number {
    return this.revisionCounter;
  }

  /** Marks a change that affects what the panel shows without touching cameras (access, favorites). */
  bump(): void {
    this.revisionCounter++;
  }

  get(id: string): Camera | undefined {
    return this.entries.get(id)?.camera;
  }

  all(): IterableIterator<Camera> {
    return Array.from(this.entries.values(), (e) => e.camera)[Symbol.iterator]();
  }

  replaceAll(items: Array<{ camera: Camera; search: string }>): void {
    this.entries.clear();
    for (const item of items) this.entries.set(item.camera.id, item);
    this.changed();
  }

  upsert(items: Array<{ camera: Camera; search: string }>): void {
    for (const item of items) this.entries.set(item.camera.id, item);
    this.changed();
  }

  remove(ids: string[]): void {
    for (const id of ids) this.entries.delete(id);
    this.changed();
  }

  setOnline(id: string, online: boolean): boolean {
    const entry = this.entries.get(id);
    if (!entry || entry.camera.online === online) return false;
    entry.camera = { ...entry.camera, online };
    this.revisionCounter++;
    return true;
  }

  tree(filters: CatalogFilters | undefined, ctx: FilterContext): CatalogTree {
    const regions = new Map<string, { total: number; online: number; domains: Map<SourceDomain, { total: number; online: number }> }>();
    let total = 0;
    let online = 0;
    for (const { camera } of this.entries.values()) {
      if (!matchesFilters(camera, filters, ctx)) continue;
      let region = regions.get(camera.civilCode);
      if (!region) regions.set(camera.civilCode, (region = { total: 0, online: 0, domains: new Map() }));
      let leaf = region.domains.get(camera.domain);
      if (!leaf) region.domains.set(camera.domain, (leaf = { total: 0, online: 0 }));
      const on = camera.online ? 1 : 0;
      total++;
      online += on;
      region.total++;
      region.online += on;
      leaf.total++;
      leaf.online += on;
    }
    return {
      revision: this.revisionCounter,
      root: { ...this.root, total, online },
      regions: [...regions.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, r]) => ({
          code,
          name: this.regionNames.get(code) ?? code,
          total: r.total,
          online: r.online,
          domains: DOMAIN_ORDER.filter((d) => r.domains.has(d)).map((domain) => ({ domain, ...r.domains.get(domain)! })),
        })),
    };
  }

  leaf(civilCode: string, domain: SourceDomain, filters: CatalogFilters | undefined, ctx: FilterContext, offset = 0, limit = 5000): { items: Camera[]; total: number } {
    const ids = this.leafIds().get(`${civilCode}/${domain}`) ?? [];
    const matching: Camera[] = [];
    for (const id of ids) {
      const camera = this.entries.get(id)?.camera;
      if (camera && matchesFilters(camera, filters, ctx)) matching.push(camera);
    }
    return { items: matching.slice(offset, offset + limit), total: matching.length };
  }

  /** Substring search over name, pinyin, initials, region, address and id; name-prefix hits rank first. */
  search(query: string, filters: CatalogFilters | undefined, ctx: FilterContext, limit: number): { items: Camera[]; total: number } {
    const q = normalizeQuery(query);
    if (!q) return { items: [], total: 0 };
    const prefix: Camera[] = [];
    const rest: Camera[] = [];
    let total = 0;
    for (const { camera, search } of this.entries.values()) {
      const at = search.indexOf(q);
      if (at < 0 || !matchesFilters(camera, filters, ctx)) continue;
      total++;
      // Keep only what can still be returned: prefix hits first, then others, each in catalog order.
      if (at === 0 || search.startsWith(q, search.indexOf("\u0001") + 1)) {
        if (prefix.length < limit) prefix.push(camera);
      } else if (rest.length < limit) rest.push(camera);
    }
    return { items: prefix.concat(rest).slice(0, limit), total };
  }

  private changed(): void {
    this.leaves = null;
    this.regionNames = new Map();
    for (const { camera } of this.entries.values()) this.regionNames.set(camera.civilCode, camera.regionName);
    this.revisionCounter++;
  }

  private leafIds(): Map<string, string[]> {
    if (this.leaves) return this.leaves;
    const leaves = new Map<string, Camera[]>();
    for (const { camera } of this.entries.values()) {
      const key = `${camera.civilCode}/${camera.domain}`;
      let list = leaves.get(key);
      if (!list) leaves.set(key, (list = []));
      list.push(camera);
    }
    this.leaves = new Map([...leaves].map(([key, cams]) => [key, cams.sort((a, b) => collator.compare(a.name, b.name)).map((c) => c.id)]));
    return this.leaves;
  }
}
