// Runs in Electron main. The security checklist for every web contents: no navigation away from the app,
// no new windows, no webviews, every permission request denied.
import { app, session, shell, type WebContents } from "electron";
import { APP_ORIGIN } from "./app-protocol.js";

export function isAppUrl(url: string): boolean {
  try {
    return new URL(url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

export function guardAllWebContents(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on("web-contents-created", (_event, contents: WebContents) => {
    contents.on("will-navigate", (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on("will-redirect", (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on("will-attach-webview", (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Documentation links may open in the system browser; nothing opens inside the app.
      if (url.startsWith("https://")) void shell.openExternal(url);
      return { action: "deny" };
    });
  });
}
