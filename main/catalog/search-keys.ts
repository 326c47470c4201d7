// Runs in main. Pure: the text a camera is found by — name, full pinyin, pinyin initials, address, GB id —
// lower-cased without spaces, so one substring test answers Chinese, pinyin and id queries alike.
import { pinyin } from "pinyin-pro";
import type { Camera } from "../../contract/camera.js";

export function normalizeQuery(query: string): string {
  return query.toLowerCase().replace(/\s+/g, "");
}

export function searchKeyFor(camera: Pick<Camera, "id" | "name" | "address" | "regionName">): string {
  const full = pinyin(camera.name, { toneType: "none", type: "array" }).join("");
  const initials = pinyin(camera.name, { pattern: "first", toneType: "none", type: "array" }).join("");
  // "\u0001" separates fields so a query never matches across two of them.
  return [camera.name, full, initials, camera.regionName, camera.address, camera.id].map(normalizeQuery).join("\u0001");
}
