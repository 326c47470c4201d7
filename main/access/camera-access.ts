// Runs in main. The console's call site of the one access evaluator (contract/access-evaluator.ts): what the catalog
// panel, the lock badges, stream opening and the program output are told, decided locally from the platform's
// entitlement rules so the console enforces access even while the platform is unreachable. The platform decides
// again, with the same evaluator, when it issues a play ticket.
import type { Camera } from "../../contract/camera.js";
import type { CameraAccess } from "../../contract/catalog-view.js";
import { decideCameraAccess, type AccessPurpose, type AccessRule, type AccessSubject } from "../../contract/access-evaluator.js";

export function cameraAccess(camera: Camera, subject: AccessSubject | null, rules: readonly AccessRule[], now: number, purpose: AccessPurpose = "live"): CameraAccess {
  if (!subject) return { allowed: false, reason: "NOT_LOGGED_IN" };
  const decision = decideCameraAccess({ rules, camera, subject, purpose, now });
  return decision.allowed ? { allowed: true, basis: decision.basis, validUntil: decision.validUntil, refId: decision.refId } : decision;
}
