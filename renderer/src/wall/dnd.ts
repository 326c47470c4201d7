// Runs in the renderer. HTML5 drag-and-drop payloads between the catalog and the wall.
export const CAMERA_MIME = "application/x-vigil-camera";
export const TILE_MIME = "application/x-vigil-tile";

export function setCameraDrag(dt: DataTransfer, cameraId: string): void {
  dt.setData(CAMERA_MIME, cameraId);
  dt.setData("text/plain", cameraId);
  dt.effectAllowed = "copy";
}

export function setTileDrag(dt: DataTransfer, tile: number): void {
  dt.setData(TILE_MIME, String(tile));
  dt.effectAllowed = "move";
}

export type WallDrop = { kind: "camera"; cameraId: string } | { kind: "tile"; tile: number } | null;

/** Whether a drag in progress can land on a tile (types are readable during dragover, data is not). */
export function acceptsDrag(dt: DataTransfer): "copy" | "move" | null {
  const types = Array.from(dt.types);
  if (types.includes(TILE_MIME)) return "move";
  if (types.includes(CAMERA_MIME)) return "copy";
  return null;
}

export function readDrop(dt: DataTransfer): WallDrop {
  const tile = dt.getData(TILE_MIME);
  if (tile !== "" && /^\d+$/.test(tile)) return { kind: "tile", tile: Number(tile) };
  const camera = dt.getData(CAMERA_MIME);
  if (/^\d{20}$/.test(camera)) return { kind: "camera", cameraId: camera };
  return null;
}
