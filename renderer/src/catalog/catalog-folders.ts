// Runs in the renderer (pure, no DOM). A catalog folder the operator drags onto the wall — the whole (filtered)
// catalog, a county, a domain under a county, the favorites, a search's results — and which of its cameras go on the
// wall: in catalog order, each once, only those that are online and that this user may open (a folder of 40 should
// not fill the wall with lock screens and offline errors), at most FOLDER_CAP of them.
import type { CameraView, CatalogTree } from "../../../contract/catalog-view.js";
import type { Translate } from "../i18n/i18n.js";
import type { CatalogFolder } from "../wall/dnd.js";
import { leafKey, type LeafKey } from "./catalog-rows.js";

export type { CatalogFolder };

/** fillTiles takes at most this many cameras; what does not fit on the wall comes back as overflow. */
export const FOLDER_CAP = 5000;


/** The leaves of the tree a folder covers, in tree order, skipping empty ones (search has none: it is a list). */
export function folderLeaves(tree: CatalogTree, folder: CatalogFolder): LeafKey[] {
  const out: LeafKey[] = [];
  for (const region of tree.regions) {
    if (folder.kind === "region" && region.code !== folder.code) continue;
    if (folder.kind === "leaf" && region.code !== folder.code) continue;
    for (const d of region.domains) {
      if (folder.kind === "leaf" && d.domain !== folder.domain) continue;
      if (d.total > 0) out.push(leafKey(region.code, d.domain));
    }
  }
  return folder.kind === "search" ? [] : out;
}

export type FolderPick = {
  /** Cameras to put on the wall, in order. */
  ids: string[];
  /** Their names (for the list of what did not fit). */
  names: Map<string, string>;
  /** Cameras of the folder left out: offline, or not viewable by this user. */
  skipped: number;
  /** The folder had more usable cameras than FOLDER_CAP. */
  capped: boolean;
};

export const EMPTY_PICK: FolderPick = { ids: [], names: new Map(), skipped: 0, capped: false };

/** Whether a camera goes on the wall from a folder: online and open to this user now. */
export function usableFromFolder(camera: Pick<CameraView, "online" | "access">): boolean {
  return camera.online && camera.access.allowed;
}

/** Adds one page of the folder's cameras (catalog order) to what is picked so far. */
export function addPage(pick: FolderPick, page: readonly CameraView[], cap: number = FOLDER_CAP): FolderPick {
  const ids = [...pick.ids];
  const names = new Map(pick.names);
  let skipped = pick.skipped;
  let capped = pick.capped;
  for (const camera of page) {
    if (names.has(camera.id)) continue;
    if (!usableFromFolder(camera)) {
      skipped++;
      continue;
    }
    if (ids.length >= cap) {
      capped = true;
      break;
    }
    ids.push(camera.id);
    names.set(camera.id, camera.name);
  }
  return { ids, names, skipped, capped };
}

/** A pick that needs no more pages. */
export function pickFull(pick: FolderPick, cap: number = FOLDER_CAP): boolean {
  return pick.capped || pick.ids.length >= cap;
}

/** What a folder is called in the notice (county and domain names come with the drag, as the panel showed them). */
export function folderLabel(folder: CatalogFolder, t: Translate): string {
  switch (folder.kind) {
    case "all":
      return t("fill.folder.all");
    case "favorites":
      return t("fill.folder.favorites");
    case "search":
      return t("fill.folder.search", { query: folder.query });
    default:
      return folder.name;
  }
}
