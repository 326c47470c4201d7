// Runs in the renderer. Everything the UI asks of main goes through here: call, apply the WallState main returns,
// and turn failures into a localized notice. Nothing fails silently.
import type { ApiErrorCode, Locale, SessionState } from "../../../contract/console-api.js";
import { apiErrorCode } from "../../../contract/console-client.js";
import type { WallLayout, WallState } from "../../../contract/wall.js";
import { consoleApi } from "./console-link.js";
import type { MessageKey } from "../i18n/i18n.js";
import { useConsoleStore } from "./console-store.js";
import { adoptSession } from "./session.js";

export function errorCodeOf(err: unknown): ApiErrorCode {
  return apiErrorCode(err);
}

function report(action: MessageKey, err: unknown): void {
  const code = errorCodeOf(err);
  if (apiErrorCode(err) === "INTERNAL") console.error(err);
  useConsoleStore.getState().pushNotice({ action, errorCode: code });
}

async function wallCall(action: MessageKey, run: () => Promise<WallState>): Promise<void> {
  try {
    useConsoleStore.getState().applyWall(await run());
  } catch (err) {
    report(action, err);
  }
}

const api = consoleApi;

export const consoleActions = {
  setLayout: (layout: WallLayout) => wallCall("action.setLayout", () => api().setLayout({ layout })),
  assignTile: (tile: number, cameraId: string) => {
    useConsoleStore.getState().selectTile(tile);
    return wallCall("action.assignTile", () => api().assignTile({ tile, cameraId }));
  },
  swapTiles: (a: number, b: number) => {
    useConsoleStore.getState().selectTile(b);
    return wallCall("action.swapTiles", () => api().swapTiles({ a, b }));
  },
  clearTile: (tile: number) => wallCall("action.clearTile", () => api().clearTile({ tile })),
  setMaximized: (tile: number | null) => wallCall("action.setMaximized", () => api().setMaximized({ tile })),
  /** Logs in; failures come back (not as notices): the login screen shows them in place. */
  async login(username: string, password: string): Promise<{ ok: true; session: SessionState } | { ok: false; code: ApiErrorCode; detail: string }> {
    try {
      const session = await api().login({ username, password });
      adoptSession(session);
      return { ok: true, session };
    } catch (err) {
      return { ok: false, code: errorCodeOf(err), detail: err instanceof Error ? err.message : String(err) };
    }
  },
  async logout(): Promise<void> {
    try {
      adoptSession(await api().logout({}));
    } catch (err) {
      report("action.logout", err);
    }
  },
  async setLocale(locale: Locale): Promise<void> {
    try {
      useConsoleStore.getState().setLocale(await api().setLocale({ locale }));
    } catch (err) {
      report("action.setLocale", err);
    }
  },
};
