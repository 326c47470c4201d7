// Runs in the renderer. HTML5 drag-and-drop payloads between the catalog and the wall: a camera, a tile, or a catalog
// folder (the whole catalog, a county, a domain under a county, the favorites, a search's results) whose cameras fill
// the empty tiles. What a folder drop does is the catalog's (catalog/folder-drop.ts); the app wires it in
// (setFolderDropHandler), since the wall sits below the catalog and never imports it.
import { z } from "zod";
import { SourceDomainSchema } from "../../../contract/camera.js";

export const CAMERA_MIME = "application/x-vigil-camera";
export const TILE_MIME = "application/x-vigil-tile";
export const FOLDER_MIME = "application/x-vigil-folder";

export const CatalogFolderSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }).strict(),
  z.object({ kind: z.literal("region"), code: z.string().regex(/^\d{6}$/), name: z.string().max(64) }).strict(),
  z.object({ kind: z.literal("leaf"), code: z.string().regex(/^\d{6}$/), domain: SourceDomainSchema, name: z.string().max(128) }).strict(),
  z.object({ kind: z.literal("favorites") }).strict(),
  z.object({ kind: z.literal("search"), query: z.string().trim().min(1).max(64) }).strict(),
]);
export type CatalogFolder = z.infer<typeof CatalogFolderSchema>;

let folderDropHandler: ((folder: CatalogFolder) => void) | null = null;

/** What a folder dropped on a tile does (set once by the app: the catalog's dropFolder). */
export function setFolderDropHandler(handler: ((folder: CatalogFolder) => void) | null): void {
  folderDropHandler = handler;
}

export function dropFolderOnWall(folder: CatalogFolder): void {
  folderDropHandler?.(folder);
}

export function setCameraDrag(dt: DataTransfer, cameraId: string): void {
  dt.setData(CAMERA_MIME, cameraId);
  dt.setData("text/plain", cameraId);
  dt.effectAllowed = "copy";
}

/** A tile's drag names its wall too: dropped in another wall window (browser windows share drag data), it moves there. */
export function setTileDrag(dt: DataTransfer, wall: number, tile: number): void {
  dt.setData(TILE_MIME, `${wall}:${tile}`);
  dt.effectAllowed = "move";
}

export function setFolderDrag(dt: DataTransfer, folder: CatalogFolder): void {
  dt.setData(FOLDER_MIME, JSON.stringify(folder));
  dt.effectAllowed = "copy";
}

export type WallDrop = { kind: "camera"; cameraId: string } | { kind: "tile"; wall: number; tile: number } | { kind: "folder"; folder: CatalogFolder } | null;

/** Whether a drag in progress can land on a tile (types are readable during dragover, data is not). */
export function acceptsDrag(dt: DataTransfer): "copy" | "move" | null {
  const types = Array.from(dt.types);
  if (types.includes(TILE_MIME)) return "move";
  if (types.includes(CAMERA_MIME) || types.includes(FOLDER_MIME)) return "copy";
  return null;
}

export function readDrop(dt: DataTransfer): WallDrop {
  const tile = /^([1-8]):(\d{1,2})$/.exec(dt.getData(TILE_MIME));
  if (tile) return { kind: "tile", wall: Number(tile[1]), tile: Number(tile[2]) };
  const camera = dt.getData(CAMERA_MIME);
  if (/^\d{20}$/.test(camera)) return { kind: "camera", cameraId: camera };
  const folder = dt.getData(FOLDER_MIME);
  if (folder !== "") {
    // Drag data can come from any page or app: only a well-formed folder counts.
    try {
      const parsed = CatalogFolderSchema.safeParse(JSON.parse(folder));
      if (parsed.success) return { kind: "folder", folder: parsed.data };
    } catch {
      return null;
    }
  }
  return null;
}
