// Runs in Electron main. The security checklist for every web contents: no navigation away from the app, no new
// windows (an allowlisted https link goes to the system browser instead), no webviews, every permission denied.
// Written against the few Electron members it uses, so Vitest checks it with fakes (no Electron binary needed);
// electron-main passes the real app, session and shell.
import type { Logger } from "../../log/logger.js";
import { isAppUrl } from "./app-origin.js";
import { isAllowedExternalUrl } from "./external-links.js";

export type Preventable = { preventDefault(): void };
export type WindowOpenDecision = { action: "deny" };

/** The members of Electron's WebContents the guard uses. */
export interface GuardedContents {
  on(event: "will-navigate" | "will-redirect", listener: (event: Preventable, url: string) => void): unknown;
  on(event: "will-attach-webview", listener: (event: Preventable) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenDecision): void;
}

export interface GuardDeps {
  app: { on(event: "web-contents-created", listener: (event: unknown, contents: GuardedContents) => void): unknown };
  session: {
    setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
    setPermissionCheckHandler(handler: () => boolean): void;
  };
  shell: { openExternal(url: string): Promise<void> };
  /** https origins whose links open in the system browser (VIGIL_EXTERNAL_LINK_ORIGINS); empty: none. */
  externalOrigins: readonly string[];
  log: Logger;
}

/** Navigation (and redirects) may only stay on app://vigil. */
export function navigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/** window.open and target=_blank: never a window in the app; an allowlisted link opens in the system browser. */
export function windowOpenHandler(deps: Pick<GuardDeps, "shell" | "externalOrigins" | "log">): (details: { url: string }) => WindowOpenDecision {
  return ({ url }) => {
    if (isAllowedExternalUrl(url, deps.externalOrigins)) {
      deps.shell.openExternal(url).catch((err: unknown) => deps.log.warn("could not open a link in the system browser", { url, error: String(err) }));
    } else {
      deps.log.warn("refused to open a window", { url });
    }
    return { action: "deny" };
  };
}

export function guardContents(contents: GuardedContents, deps: Pick<GuardDeps, "shell" | "externalOrigins" | "log">): void {
  const stayInApp = (event: Preventable, url: string) => {
    if (navigationAllowed(url)) return;
    event.preventDefault();
    deps.log.warn("refused a navigation away from the app", { url });
  };
  contents.on("will-navigate", stayInApp);
  contents.on("will-redirect", stayInApp);
  contents.on("will-attach-webview", (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler(deps));
}

export function guardAllWebContents(deps: GuardDeps): void {
  deps.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  deps.session.setPermissionCheckHandler(() => false);
  deps.app.on("web-contents-created", (_event, contents) => guardContents(contents, deps));
}
