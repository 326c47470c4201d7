// Runs in Electron main. Pure: the app's own origin (the renderer is served as app://vigil/, never file://) and the
// check every guard starts from.

export const APP_SCHEME = "app";
export const APP_HOST = "vigil";
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * True for app://vigil/… . Compared by scheme and host, not `origin`: Node's URL (which Electron's main process
 * uses) knows nothing of schemes registered as standard and gives every app:// URL the opaque origin "null".
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password;
}
