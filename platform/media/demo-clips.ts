// Runs in the demo media server. The looped clips standing in for camera feeds, in the foundation's order so a
// camera shows the same clip it did when the console embedded the catalog.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const PREFERRED = ["crossroads.flv", "riverside.flv", "plaza.flv", "mountain.flv"];

export function findDemoClips(mediaRoot: string): string[] {
  const present = PREFERRED.filter((f) => existsSync(join(mediaRoot, f)));
  if (present.length > 0) return present;
  return existsSync(mediaRoot) ? readdirSync(mediaRoot).filter((f) => f.endsWith(".flv")).sort() : [];
}
