// Runs in the renderer (pure). What the watermark over live video says: who watches (name, username, department),
// when (the console's access clock, to the second), which camera, and the grant it is watched under.
import type { AccessBasis, CameraAccess } from "../../../contract/catalog-view.js";
import type { SessionState } from "../../../contract/console-api.js";
import type { Translate } from "../i18n/i18n.js";
import type { TileAccess, TileState } from "./tile-stream.js";

export type WatermarkUser = Pick<NonNullable<SessionState["user"]>, "username" | "displayName" | "department">;

/** Local date and time as YYYY-MM-DD HH:mm:ss. */
export function formatStamp(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Tile states that show (or are about to show, or still show) video: these carry the watermark. */
export function showsWatermark(state: TileState, cameraId: string | null): boolean {
  return cameraId !== null && (state === "playing" || state === "stalled" || state === "connecting");
}

const GRANT_BASES: readonly AccessBasis[] = ["GRANT", "MEDIA_GRANT"];

/**
 * The grant a tile is watched under: from its ticket once it has one, otherwise from the camera's access decision.
 * Applications and standing rules name no grant.
 */
export function watermarkGrantId(ticket: TileAccess | null, camera: CameraAccess | undefined): string | null {
  if (ticket) return GRANT_BASES.includes(ticket.basis) ? ticket.refId : null;
  if (camera?.allowed && GRANT_BASES.includes(camera.basis)) return camera.refId;
  return null;
}

/** Two lines: who, then when · which camera · which grant. */
export function watermarkLines(t: Translate, w: { user: WatermarkUser; now: number; cameraId: string; grantId: string | null }): [string, string] {
  const who = t("watermark.user", { name: w.user.displayName, username: w.user.username, department: w.user.department });
  const parts = [formatStamp(w.now), w.cameraId];
  if (w.grantId) parts.push(t("watermark.grant", { id: w.grantId }));
  return [who, parts.join(" · ")];
}
