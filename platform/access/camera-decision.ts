// Runs in the platform API. The platform's call site of the one access evaluator (contract/access-evaluator.ts): a
// catalog record and the department's rule set → the decision a play ticket is issued (or refused) on.
import { accessRulesOf, decideCameraAccess, type AccessCamera, type AccessDecision, type AccessPurpose, type AccessSubject } from "../../contract/access-evaluator.js";
import type { Entitlement, PlatformCamera } from "../../contract/platform-api.js";

export type CameraFacts = Pick<PlatformCamera, "id" | "civilCode" | "domain" | "ownerDepartment" | "sharingClass" | "mediaUse" | "regionPath">;

export function accessCameraOf(camera: CameraFacts): AccessCamera {
  return {
    id: camera.id,
    civilCode: camera.civilCode,
    regionCodes: camera.regionPath.map((node) => node.code),
    domain: camera.domain,
    ownerDepartmentId: camera.ownerDepartment.id,
    sharingClass: camera.sharingClass,
    mediaUse: camera.mediaUse,
  };
}

export function decideTicketAccess(entitlements: readonly Entitlement[], camera: CameraFacts, subject: AccessSubject, purpose: AccessPurpose, now: number): AccessDecision {
  return decideCameraAccess({ rules: accessRulesOf(entitlements), camera: accessCameraOf(camera), subject, purpose, now });
}
