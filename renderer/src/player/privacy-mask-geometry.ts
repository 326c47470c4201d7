// Runs in the renderer (pure). Where a privacy mask lands on screen: the video is drawn `object-fit: contain`, so
// the picture is a letterboxed rectangle inside its box, and a mask's normalized points map into that rectangle.
import { isMediaOnly } from "../../../contract/access-evaluator.js";
import type { Camera } from "../../../contract/camera.js";
import type { Role } from "../../../contract/platform-api.js";

export type Rect = { x: number; y: number; width: number; height: number };
export type PrivacyMask = Camera["privacyMasks"][number];

/** The picture's rectangle inside a box of boxW × boxH for a video of videoW × videoH (null before the first frame). */
export function containedPicture(boxW: number, boxH: number, videoW: number, videoH: number): Rect | null {
  if (boxW <= 0 || boxH <= 0 || videoW <= 0 || videoH <= 0) return null;
  const scale = Math.min(boxW / videoW, boxH / videoH);
  const width = videoW * scale;
  const height = videoH * scale;
  return { x: (boxW - width) / 2, y: (boxH - height) / 2, width, height };
}

/** SVG `points` for a mask over the picture (pixels of the box). */
export function maskPoints(mask: PrivacyMask, picture: Rect): string {
  return mask.points.map(([u, v]) => `${round(picture.x + u * picture.width)},${round(picture.y + v * picture.height)}`).join(" ");
}

/** Masks are drawn on the program output always, and on the wall for users whose only role is media. */
export function masksApply(output: "wall" | "program", roles: readonly Role[]): boolean {
  return output === "program" || isMediaOnly(roles);
}

const round = (n: number): number => Math.round(n * 10) / 10;
