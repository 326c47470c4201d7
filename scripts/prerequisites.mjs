// Checks what Vigil needs from the machine, and says how to install what is missing (Debian/Ubuntu lines).
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

function onPath(name) {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
}

export function findChromium() {
  if (process.env.VIGIL_BROWSER && existsSync(process.env.VIGIL_BROWSER)) return process.env.VIGIL_BROWSER;
  for (const name of ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]) {
    for (const dir of (process.env.PATH ?? "").split(delimiter)) {
      if (dir && existsSync(join(dir, name))) return join(dir, name);
    }
  }
  return null;
}

/** Returns human-readable problems; "required: …" ones stop the command. */
export function checkPrerequisites({ needBrowser, needFfmpeg }) {
  const problems = [];
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    problems.push(`required: Node.js 20.19 or newer (this is ${process.versions.node})`);
  }
  if (!existsSync(join(import.meta.dirname, "..", "node_modules"))) {
    problems.push("required: dependencies are not installed — run: npm ci");
  }
  if (needBrowser && !findChromium()) {
    problems.push(
      "required: no Chromium or Chrome found — install one (Debian/Ubuntu: sudo apt-get install chromium), or set VIGIL_BROWSER=/path/to/chrome",
    );
  }
  if (needFfmpeg && !(onPath("ffmpeg") && onPath("ffprobe"))) {
    problems.push("required: ffmpeg and ffprobe not found — install them (Debian/Ubuntu: sudo apt-get install ffmpeg)");
  }
  return problems;
}
