// Runs in main. Finds an installed Chromium/Chrome and opens the console in app mode (a window without browser UI).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

const CANDIDATES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge"];

export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.VIGIL_BROWSER && existsSync(env.VIGIL_BROWSER)) return env.VIGIL_BROWSER;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    for (const name of CANDIDATES) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return null;
}

export function openInAppMode(browser: string, url: string, profileDir: string): ChildProcess {
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1600,900",
    "--autoplay-policy=no-user-gesture-required",
  ];
  // Chromium refuses to run as root with its sandbox on.
  if (process.getuid?.() === 0) args.push("--no-sandbox");
  return spawn(browser, args, { stdio: "ignore" });
}
