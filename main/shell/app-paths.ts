// Runs in main. Where the app's files live, for both shells.
import { homedir } from "node:os";
import { join } from "node:path";

/** User data folder: VIGIL_DATA_DIR, else the XDG config dir (Linux) / AppData (Windows) / Application Support (macOS). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VIGIL_DATA_DIR) return env.VIGIL_DATA_DIR;
  if (process.platform === "win32" && env.APPDATA) return join(env.APPDATA, "Vigil");
  if (process.platform === "darwin") return join(homedir(), "Library", "Application Support", "Vigil");
  return join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "vigil");
}
