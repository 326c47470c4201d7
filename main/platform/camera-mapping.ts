// Runs in main. Pure: the platform's GB/T 28181 catalog record → the console's camera.
import type { Camera } from "../../contract/camera.js";
import type { PlatformCamera } from "../../contract/platform-api.js";

/** Most cameras have no mask: they share one frozen empty list (100,000 records in memory). */
const NO_MASKS: Camera["privacyMasks"] = Object.freeze([]) as unknown as Camera["privacyMasks"];
/** Region paths repeat for every camera of a county: one frozen list per path. */
const regionCodeLists = new Map<string, string[]>();

function regionCodesOf(path: PlatformCamera["regionPath"]): string[] {
  const key = path.map((node) => node.code).join("/");
  let codes = regionCodeLists.get(key);
  if (!codes) {
    codes = Object.freeze(path.map((node) => node.code)) as string[];
    regionCodeLists.set(key, codes);
  }
  return codes;
}

export function toConsoleCamera(record: PlatformCamera): Camera {
  // The county-level division: the deepest 6-digit node of the region path (grass-roots 8-digit nodes roll up to it).
  const county = [...record.regionPath].reverse().find((node) => node.code.length === 6) ?? record.regionPath.at(-1)!;
  return {
    id: record.id,
    name: record.name,
    civilCode: record.civilCode.slice(0, 6).padEnd(6, "0"),
    regionName: county.name,
    regionCodes: regionCodesOf(record.regionPath),
    domain: record.domain,
    ownerDepartmentId: record.ownerDepartment.id,
    ownerDepartment: record.ownerDepartment.name,
    sharingClass: record.sharingClass,
    online: record.status === "ONLINE",
    ptzType: record.ptzType,
    longitude: record.longitude,
    latitude: record.latitude,
    address: record.address,
    mediaUse: record.mediaUse,
    privacyMasks: record.privacyMasks.length === 0 ? NO_MASKS : record.privacyMasks.map((m) => ({ points: m.points.map(([x, y]) => [x, y] as [number, number]) })),
  };
}
