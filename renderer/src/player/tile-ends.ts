// Runs in the renderer. Which tiles were ended (expired, revoked, access lost) for which camera, kept beyond one
// TileStream: maximizing, a layout round trip or a remount recreate the stream, and the tile must still say why it
// ended instead of reconnecting. Forgotten when the tile gets another camera (or none) or the operator retries.
import type { TileEnd } from "./tile-stream.js";

const ends = new Map<string, { cameraId: string; end: TileEnd }>();

function key(output: "wall" | "program", tile: number): string {
  return `${output}:${tile}`;
}

/** The end recorded for this tile, if it was recorded for this camera (a record for another camera is dropped). */
export function recordedEnd(output: "wall" | "program", tile: number, cameraId: string | null): TileEnd | null {
  const k = key(output, tile);
  const rec = ends.get(k);
  if (!rec) return null;
  if (rec.cameraId === cameraId) return rec.end;
  ends.delete(k);
  return null;
}

/** Records (end) or forgets (null) the end of a tile's camera. */
export function recordEnd(output: "wall" | "program", tile: number, cameraId: string, end: TileEnd | null): void {
  if (end) ends.set(key(output, tile), { cameraId, end });
  else ends.delete(key(output, tile));
}
