// Runs in the renderer. A catalog folder dropped on the wall: its cameras are fetched from main page by page (with the
// catalog's active filters, as the panel shows them), picked (catalog-folders.ts: online, viewable, each once), and
// main fills this window's empty tiles in order (fillTiles). What did not fit is kept for the notice (FillNotice),
// listed by name, ready to become a tour. The wall's tiles hand a dropped folder here (wall/dnd.ts; the app wires it).
import { create } from "zustand";
import { LEAF_PAGE_MAX, type CameraView } from "../../../contract/catalog-view.js";
import { apiErrorCode } from "../../../contract/console-client.js";
import { translator } from "../i18n/i18n.js";
import { consoleApi } from "../state/console-link.js";
import { EMPTY_PICK, addPage, folderLabel, folderLeaves, pickFull, type CatalogFolder, type FolderPick } from "./catalog-folders.js";
import { filtersParam } from "./catalog-filters.js";
import { parseLeafKey } from "./catalog-rows.js";
import { SEARCH_LIMIT, useCatalogStore } from "./catalog-store.js";
import { useConsoleStore } from "../state/console-store.js";

export type FillOutcome = {
  id: number;
  /** The folder's name as the operator saw it. */
  label: string;
  status: "loading" | "done";
  placed: number;
  /** Cameras that found no empty tile, in folder order. */
  overflow: readonly { id: string; name: string }[];
  skipped: number;
  capped: boolean;
};

export const useFillOutcome = create<{ outcome: FillOutcome | null }>()(() => ({ outcome: null }));

let seq = 0;

export function dismissFillOutcome(): void {
  useFillOutcome.setState({ outcome: null });
}

/** The folder's cameras, a page at a time, in catalog order. */
async function* folderPages(folder: CatalogFolder): AsyncGenerator<readonly CameraView[]> {
  const api = consoleApi();
  const { filters, tree, search } = useCatalogStore.getState();
  if (folder.kind === "search") {
    // The results the operator is looking at; a stale drag (the query changed since) asks main again.
    if (search && search.query === folder.query && search.status === "ready") yield search.items;
    else yield (await api.searchCameras({ query: folder.query, filters: filtersParam(filters), limit: SEARCH_LIMIT })).items;
    return;
  }
  const f = folder.kind === "favorites" ? { ...filters, favoritesOnly: true } : filters;
  const shape = folder.kind === "favorites" || !tree ? await api.getCatalogTree({ filters: filtersParam(f) }) : tree;
  for (const leaf of folderLeaves(shape, folder)) {
    const { civilCode, domain } = parseLeafKey(leaf);
    for (let offset = 0; ; offset += LEAF_PAGE_MAX) {
      const page = await api.listCameras({ civilCode, domain, filters: filtersParam(f), offset, limit: LEAF_PAGE_MAX });
      yield page.items;
      if (page.items.length === 0 || offset + page.items.length >= page.total) break;
    }
  }
}

async function pickFolder(folder: CatalogFolder): Promise<FolderPick> {
  let pick = EMPTY_PICK;
  for await (const page of folderPages(folder)) {
    pick = addPage(pick, page);
    if (pickFull(pick)) break;
  }
  return pick;
}

/** Drops `folder` on this window's wall: fills the empty tiles in order and reports what did not fit. */
export async function dropFolder(folder: CatalogFolder): Promise<void> {
  const id = ++seq;
  const label = folderLabel(folder, translator(useConsoleStore.getState().locale));
  const show = (o: Omit<FillOutcome, "id" | "label">) => {
    // A newer drop owns the notice.
    if (id === seq) useFillOutcome.setState({ outcome: { id, label, ...o } });
  };
  show({ status: "loading", placed: 0, overflow: [], skipped: 0, capped: false });
  let pick: FolderPick;
  try {
    pick = await pickFolder(folder);
  } catch (err) {
    if (id === seq) dismissFillOutcome();
    useConsoleStore.getState().pushNotice({ action: "action.loadFolder", errorCode: apiErrorCode(err) });
    return;
  }
  if (pick.ids.length === 0) {
    show({ status: "done", placed: 0, overflow: [], skipped: pick.skipped, capped: false });
    return;
  }
  try {
    const result = await consoleApi().fillTiles({ wall: useConsoleStore.getState().wallId, cameraIds: pick.ids });
    useConsoleStore.getState().applyWall(result.state);
    show({
      status: "done",
      placed: result.placed,
      overflow: result.overflow.map((cameraId) => ({ id: cameraId, name: pick.names.get(cameraId) ?? cameraId })),
      skipped: pick.skipped,
      capped: pick.capped,
    });
  } catch (err) {
    if (id === seq) dismissFillOutcome();
    useConsoleStore.getState().pushNotice({ action: "action.fillTiles", errorCode: apiErrorCode(err) });
  }
}
