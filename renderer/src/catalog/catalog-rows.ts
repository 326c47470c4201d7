// Runs in the renderer (pure, no DOM). Flattens the catalog tree (city → county → domain → cameras) plus which
// branches are open and which leaf pages are loaded into the one list of rows the virtualized panel renders.
// Main holds the cameras; a leaf's rows are its cameras where a page is loaded and placeholders where not, so the
// scroll height is right at once and placeholders in view ask for their page.
import type { SourceDomain } from "../../../contract/camera.js";
import type { CameraView, CatalogTree } from "../../../contract/catalog-view.js";
import type { ApiErrorCode } from "../../../contract/console-api.js";

/** Cameras fetched per listCameras call. */
export const LEAF_PAGE_SIZE = 500;

export type LeafKey = `${string}/${SourceDomain}`;

export function leafKey(civilCode: string, domain: SourceDomain): LeafKey {
  return `${civilCode}/${domain}`;
}

export function parseLeafKey(key: LeafKey): { civilCode: string; domain: SourceDomain } {
  const [civilCode, domain] = key.split("/") as [string, SourceDomain];
  return { civilCode, domain };
}

/** Open-state keys: `region:<civil code>` for a county, `leaf:<civil code>/<domain>` for a domain leaf. */
export function regionOpenKey(code: string): string {
  return `region:${code}`;
}
export function leafOpenKey(key: LeafKey): string {
  return `leaf:${key}`;
}

/** What the panel has fetched of one leaf. `pages` maps page index → cameras (LEAF_PAGE_SIZE each, the last shorter). */
export type LeafData = {
  total: number;
  pages: ReadonlyMap<number, readonly CameraView[]>;
  failed: ApiErrorCode | null;
};

type Counts = { total: number; online: number };

export type CatalogRow =
  | ({ kind: "root"; key: string; code: string; name: string } & Counts)
  | ({ kind: "region"; key: string; code: string; name: string; open: boolean } & Counts)
  | ({ kind: "domain"; key: string; leaf: LeafKey; domain: SourceDomain; open: boolean } & Counts)
  | { kind: "camera"; key: string; camera: CameraView; depth: number }
  | { kind: "pending"; key: string; leaf: LeafKey; index: number }
  | { kind: "failed"; key: string; leaf: LeafKey; code: ApiErrorCode }
  | { kind: "empty"; key: string; leaf: LeafKey };

/** Every row shown for `tree` with the `open` branches (counties start closed, as do leaves). */
export function flattenCatalog(
  tree: CatalogTree,
  open: ReadonlySet<string>,
  leaves: ReadonlyMap<LeafKey, LeafData>,
): CatalogRow[] {
  const rows: CatalogRow[] = [{ kind: "root", key: `root:${tree.root.code}`, ...tree.root }];
  for (const region of tree.regions) {
    const regionOpen = open.has(regionOpenKey(region.code));
    rows.push({ kind: "region", key: regionOpenKey(region.code), code: region.code, name: region.name, total: region.total, online: region.online, open: regionOpen });
    if (!regionOpen) continue;
    for (const d of region.domains) {
      const leaf = leafKey(region.code, d.domain);
      const leafOpen = open.has(leafOpenKey(leaf));
      rows.push({ kind: "domain", key: leafOpenKey(leaf), leaf, domain: d.domain, total: d.total, online: d.online, open: leafOpen });
      if (leafOpen) pushLeafRows(rows, leaf, d.total, leaves.get(leaf));
    }
  }
  return rows;
}

function pushLeafRows(rows: CatalogRow[], leaf: LeafKey, treeTotal: number, data: LeafData | undefined): void {
  if (data?.failed && data.pages.size === 0) {
    rows.push({ kind: "failed", key: `failed:${leaf}`, leaf, code: data.failed });
    return;
  }
  const total = data ? data.total : treeTotal;
  if (total === 0) {
    rows.push({ kind: "empty", key: `empty:${leaf}`, leaf });
    return;
  }
  for (let page = 0; page * LEAF_PAGE_SIZE < total; page++) {
    const items = data?.pages.get(page);
    const start = page * LEAF_PAGE_SIZE;
    const end = Math.min(total, start + LEAF_PAGE_SIZE);
    for (let i = start; i < end; i++) {
      const camera = items?.[i - start];
      rows.push(camera ? { kind: "camera", key: `cam:${camera.id}`, camera, depth: 3 } : { kind: "pending", key: `pending:${leaf}:${i}`, leaf, index: i });
    }
  }
}

/** Search results as rows (flat, no branches). */
export function searchRows(items: readonly CameraView[]): CatalogRow[] {
  return items.map((camera) => ({ kind: "camera", key: `cam:${camera.id}`, camera, depth: 0 }));
}

/** The leaf pages that placeholders in rows[start..end] (inclusive) wait for, each once, in order. */
export function pagesToLoad(rows: readonly CatalogRow[], start: number, end: number): { leaf: LeafKey; page: number }[] {
  const seen = new Set<string>();
  const out: { leaf: LeafKey; page: number }[] = [];
  for (let i = Math.max(0, start); i <= Math.min(rows.length - 1, end); i++) {
    const row = rows[i]!;
    if (row.kind !== "pending") continue;
    const page = Math.floor(row.index / LEAF_PAGE_SIZE);
    const id = `${row.leaf}#${page}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ leaf: row.leaf, page });
  }
  return out;
}

/** Flips one open-state key. */
export function toggleOpen(open: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(open);
  if (!next.delete(key)) next.add(key);
  return next;
}

/** The open leaves of open counties (the ones to refetch when the catalog changes). */
export function openLeaves(tree: CatalogTree, open: ReadonlySet<string>): LeafKey[] {
  const out: LeafKey[] = [];
  for (const region of tree.regions) {
    if (!open.has(regionOpenKey(region.code))) continue;
    for (const d of region.domains) {
      const leaf = leafKey(region.code, d.domain);
      if (open.has(leafOpenKey(leaf))) out.push(leaf);
    }
  }
  return out;
}

/** The depth (indent level) of a row: root 0, county 1, domain 2, camera 3 (search results 0). */
export function rowDepth(row: CatalogRow): number {
  switch (row.kind) {
    case "root":
      return 0;
    case "region":
      return 1;
    case "domain":
      return 2;
    case "camera":
      return row.depth;
    default:
      return 3;
  }
}

/**
 * The county and domain a row sits under, while their own rows are scrolled out of view (the sticky context line
 * above a long leaf). Null for rows that are not inside an open leaf.
 */
export function branchContext(rows: readonly CatalogRow[], index: number): { region: Extract<CatalogRow, { kind: "region" }>; regionIndex: number; domain: Extract<CatalogRow, { kind: "domain" }>; domainIndex: number } | null {
  const row = rows[index];
  if (!row || row.kind === "root" || row.kind === "region" || row.kind === "domain") return null;
  if (row.kind === "camera" && row.depth !== 3) return null;
  for (let i = index - 1; i >= 0; i--) {
    const r = rows[i]!;
    if (r.kind !== "domain") continue;
    for (let j = i - 1; j >= 0; j--) {
      const p = rows[j]!;
      if (p.kind === "region") return { region: p, regionIndex: j, domain: r, domainIndex: i };
    }
    return null;
  }
  return null;
}
