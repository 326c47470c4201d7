// Runs in the renderer (pure). Why a camera is locked for this user: read from a CameraView's access, or from the
// ACCESS_DENIED error openStream fails with (main writes the reason into the message as "[NEEDS_APPLICATION] …").
import { LockReasonSchema, type CameraAccess, type LockReason } from "../../../contract/catalog-view.js";

const REASONS = LockReasonSchema.options;

/**
 * The lock reason named in an error message, bracketed ("[NOT_SHARED] camera … is locked") or as a prefix
 * ("NOT_SHARED: …"); null when the message names none. Electron's contextBridge keeps only the message, so this
 * reads strings, never error classes.
 */
export function lockReasonFromError(err: unknown): LockReason | null {
  const message = err instanceof Error ? err.message : typeof err === "string" ? err : "";
  const detail = err instanceof Error && "detail" in err && typeof err.detail === "string" ? err.detail : "";
  for (const text of [detail, message]) {
    for (const token of text.matchAll(/\b([A-Z][A-Z_]+[A-Z])\b/g)) {
      const parsed = LockReasonSchema.safeParse(token[1]);
      if (parsed.success) return parsed.data;
    }
  }
  return null;
}

/** The reason a camera is locked, or null when the user may open it. */
export function lockReasonOf(access: CameraAccess): LockReason | null {
  return access.allowed ? null : access.reason;
}

/** Message keys for the badge (short) and the tooltip / tile text (what it means and what to do). */
export function lockBadgeKey(reason: LockReason): `lock.short.${LockReason}` {
  return `lock.short.${reason}`;
}

export function lockDetailKey(reason: LockReason | null): `lock.detail.${LockReason}` | "tile.state.locked" {
  return reason === null ? "tile.state.locked" : `lock.detail.${reason}`;
}

export const LOCK_REASONS: readonly LockReason[] = REASONS;
