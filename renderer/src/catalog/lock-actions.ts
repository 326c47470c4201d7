// Runs in the renderer (pure). The action a locked camera offers in the catalog: 申请 (add to a sharing application)
// for a camera that needs one; 特别授权 (add to a special authorization) for a not-shared camera, commanders only.
import type { LockReason } from "../../../contract/catalog-view.js";

export type LockAction = "apply" | "grant";

export function lockAction(lock: LockReason | null, roles: readonly string[]): LockAction | null {
  if (lock === "NEEDS_APPLICATION") return "apply";
  if (lock === "NOT_SHARED" && roles.includes("commander")) return "grant";
  return null;
}
