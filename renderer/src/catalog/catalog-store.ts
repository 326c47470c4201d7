// Runs in the renderer. What the catalog panel shows, fetched from main piece by piece: the tree of counts (with the
// active filters), the pages of the leaves the operator opened, and search results. Nothing here holds the whole
// catalog. A catalogChanged event refetches exactly what is shown, in place, so the list keeps its scroll position.
import { create } from "zustand";
import type { CameraView, CatalogFilters, CatalogTree } from "../../../contract/catalog-view.js";
import type { ApiErrorCode } from "../../../contract/console-api.js";
import { apiErrorCode } from "../../../contract/console-client.js";
import { consoleApi } from "../state/console-link.js";
import { useConsoleStore } from "../state/console-store.js";
import { NO_FILTERS, filtersParam } from "./catalog-filters.js";
import {
  LEAF_PAGE_SIZE,
  leafOpenKey,
  openLeaves,
  parseLeafKey,
  toggleOpen,
  type LeafData,
  type LeafKey,
} from "./catalog-rows.js";

/** Results per search (the panel says when there are more and asks for a narrower query). */
export const SEARCH_LIMIT = 200;
/** Longest query main accepts. */
const QUERY_MAX = 64;
/** A failed page is not asked for again sooner than this (unless the operator retries). */
const PAGE_RETRY_MS = 5000;
/** catalogChanged may come every 100 ms while cameras flap; refetch at most this often. */
const REFRESH_MIN_MS = 1000;

export type TreeLoad = { status: "idle" | "loading" | "ready" } | { status: "failed"; code: ApiErrorCode };

export type SearchState = {
  query: string;
  status: "loading" | "ready" | "failed";
  items: readonly CameraView[];
  total: number;
  code: ApiErrorCode | null;
};

export type CatalogPanelState = {
  filters: CatalogFilters;
  tree: CatalogTree | null;
  treeLoad: TreeLoad;
  open: ReadonlySet<string>;
  leaves: ReadonlyMap<LeafKey, LeafData>;
  /** Null while the tree is shown. */
  search: SearchState | null;
};

const initial: CatalogPanelState = {
  filters: NO_FILTERS,
  tree: null,
  treeLoad: { status: "idle" },
  open: new Set(),
  leaves: new Map(),
  search: null,
};

export const useCatalogStore = create<CatalogPanelState>()(() => initial);

const get = useCatalogStore.getState;
const set = useCatalogStore.setState;
const api = consoleApi;

/** Bumped when the filters change or the session ends: answers to older calls are dropped. */
let epoch = 0;
let treeSeq = 0;
let searchSeq = 0;
const pagesInFlight = new Set<string>();
const pageFailedAt = new Map<string, number>();

function pageId(leaf: LeafKey, page: number): string {
  return `${epoch}|${leaf}#${page}`;
}

function reportFailure(err: unknown): ApiErrorCode {
  const code = apiErrorCode(err);
  if (code === "INTERNAL") console.error(err);
  return code;
}

export async function reloadTree(): Promise<void> {
  const seq = ++treeSeq;
  const myEpoch = epoch;
  if (!get().tree) set({ treeLoad: { status: "loading" } });
  try {
    const tree = await api().getCatalogTree({ filters: filtersParam(get().filters) });
    if (seq !== treeSeq || myEpoch !== epoch) return;
    set({ tree, treeLoad: { status: "ready" } });
  } catch (err) {
    if (seq !== treeSeq || myEpoch !== epoch) return;
    const code = reportFailure(err);
    // Keep showing a tree we already have; only a missing one turns into an error.
    if (!get().tree) set({ treeLoad: { status: "failed", code } });
  }
}

/** Fetches one page of a leaf (page 0 on opening; others as their placeholders scroll into view). */
export async function loadLeafPage(leaf: LeafKey, page: number, opts: { force?: boolean } = {}): Promise<void> {
  const id = pageId(leaf, page);
  if (pagesInFlight.has(id)) return;
  const failedAt = pageFailedAt.get(id);
  if (!opts.force && failedAt !== undefined && Date.now() - failedAt < PAGE_RETRY_MS) return;
  pagesInFlight.add(id);
  const myEpoch = epoch;
  const { civilCode, domain } = parseLeafKey(leaf);
  try {
    const result = await api().listCameras({
      civilCode,
      domain,
      filters: filtersParam(get().filters),
      offset: page * LEAF_PAGE_SIZE,
      limit: LEAF_PAGE_SIZE,
    });
    if (myEpoch !== epoch) return;
    pageFailedAt.delete(id);
    const leaves = new Map(get().leaves);
    const prev = leaves.get(leaf);
    const pages = new Map(prev?.pages ?? []);
    pages.set(page, result.items);
    // Pages past the new end are stale.
    for (const p of pages.keys()) if (p * LEAF_PAGE_SIZE >= result.total && p !== 0) pages.delete(p);
    leaves.set(leaf, { total: result.total, pages, failed: null });
    set({ leaves });
  } catch (err) {
    if (myEpoch !== epoch) return;
    pageFailedAt.set(id, Date.now());
    const code = reportFailure(err);
    const leaves = new Map(get().leaves);
    const prev = leaves.get(leaf);
    leaves.set(leaf, { total: prev?.total ?? 0, pages: prev?.pages ?? new Map(), failed: code });
    set({ leaves });
  } finally {
    pagesInFlight.delete(id);
  }
}

/** Opens or closes a county or a leaf; opening a leaf fetches its first page. */
export function toggleBranch(key: string, leaf?: LeafKey): void {
  const open = toggleOpen(get().open, key);
  set({ open });
  if (leaf && open.has(leafOpenKey(leaf)) && !get().leaves.get(leaf)?.pages.has(0)) void loadLeafPage(leaf, 0, { force: true });
}

export function retryLeaf(leaf: LeafKey): void {
  void loadLeafPage(leaf, 0, { force: true });
}

export function setFilters(filters: CatalogFilters): void {
  epoch += 1;
  set({ filters, leaves: new Map() });
  void reloadTree();
  const tree = get().tree;
  if (tree) for (const leaf of openLeaves(tree, get().open)) void loadLeafPage(leaf, 0, { force: true });
  const search = get().search;
  if (search) void runSearch(search.query);
}

/** Searches (query non-empty) or returns to the tree (empty). */
export async function runSearch(rawQuery: string): Promise<void> {
  const query = rawQuery.trim().slice(0, QUERY_MAX);
  const seq = ++searchSeq;
  if (query === "") {
    set({ search: null });
    return;
  }
  const prev = get().search;
  set({ search: { query, status: "loading", items: prev?.items ?? [], total: prev?.total ?? 0, code: null } });
  try {
    const page = await api().searchCameras({ query, filters: filtersParam(get().filters), limit: SEARCH_LIMIT });
    if (seq !== searchSeq) return;
    set({ search: { query, status: "ready", items: page.items, total: page.total, code: null } });
  } catch (err) {
    if (seq !== searchSeq) return;
    const code = reportFailure(err);
    set({ search: { query, status: "failed", items: prev?.items ?? [], total: prev?.total ?? 0, code } });
  }
}

let lastRefreshAt = 0;
let refreshTimer: ReturnType<typeof setTimeout> | null = null;

/** The catalog, access or favorites changed (or the link came back): refetch what is shown, at most once a second. */
export function refreshShown(): void {
  if (refreshTimer !== null) return;
  const wait = Math.max(0, lastRefreshAt + REFRESH_MIN_MS - Date.now());
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    lastRefreshAt = Date.now();
    void reloadTree();
    const { tree, open, leaves, search } = get();
    if (tree) {
      for (const leaf of openLeaves(tree, open)) {
        const pages = leaves.get(leaf)?.pages;
        const loaded = pages && pages.size > 0 ? [...pages.keys()] : [0];
        for (const page of loaded) void loadLeafPage(leaf, page, { force: true });
      }
    }
    if (search) void runSearch(search.query);
  }, wait);
}

/** Marks a favorite at once in what is shown, then asks main; reverts and reports on failure. */
export async function setFavorite(camera: CameraView, favorite: boolean): Promise<void> {
  patchCamera(camera.id, { favorite });
  try {
    const updated = await api().setFavorite({ cameraId: camera.id, favorite });
    patchCamera(camera.id, { favorite: updated.favorite });
  } catch (err) {
    patchCamera(camera.id, { favorite: !favorite });
    useConsoleStore.getState().pushNotice({ action: "action.setFavorite", errorCode: reportFailure(err) });
  }
}

function patchCamera(id: string, patch: Partial<CameraView>): void {
  const { leaves, search } = get();
  let changed = false;
  const nextLeaves = new Map(leaves);
  for (const [leaf, data] of leaves) {
    for (const [page, items] of data.pages) {
      const at = items.findIndex((c) => c.id === id);
      if (at < 0) continue;
      const copy = items.slice();
      copy[at] = { ...copy[at]!, ...patch };
      const pages = new Map(data.pages);
      pages.set(page, copy);
      nextLeaves.set(leaf, { ...data, pages });
      changed = true;
    }
  }
  let nextSearch = search;
  if (search && search.items.some((c) => c.id === id)) {
    nextSearch = { ...search, items: search.items.map((c) => (c.id === id ? { ...c, ...patch } : c)) };
    changed = true;
  }
  if (changed) set({ leaves: nextLeaves, search: nextSearch });
}

/** Logged out (or another user logged in): forget everything shown. */
export function resetCatalog(): void {
  epoch += 1;
  pageFailedAt.clear();
  set({ ...initial, open: new Set(), leaves: new Map() });
}
