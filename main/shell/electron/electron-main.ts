// Runs in Electron main. Entry of the Electron shell: the same console core as the web shell, a hardened window,
// the renderer over app://, the ConsoleApi over IPC, the relay (and, in demo mode, the reference platform) as
// utility processes.
import { app, BrowserWindow, ipcMain, safeStorage, session, shell } from "electron";
import { join } from "node:path";
import { composeConsole, type ConsoleApp } from "../../app/compose.js";
import { createLogger } from "../../log/logger.js";
import type { WindowKind } from "../../core/window-capabilities.js";
import { parsePlatformUrl } from "../platform-url.js";
import { registerAppScheme, serveRenderer } from "./app-protocol.js";
import { EXTERNAL_LINK_ORIGINS_ENV, parseExternalLinkOrigins } from "./external-links.js";
import { bridgeConsoleApi, type BridgedWindow } from "./ipc-bridge.js";
import { utilityPlatformLauncher } from "./utility-platform-launcher.js";
import { utilityRelayLauncher } from "./utility-relay-launcher.js";
import { guardAllWebContents } from "./web-contents-guard.js";
import { windowOptions, windowUrl, type WindowSpec } from "./window-options.js";

const log = createLogger("main");
// Bundled to dist/main/electron-main.cjs; packaged, the app root is app.getAppPath().
const appRoot = app.isPackaged ? app.getAppPath() : join(__dirname, "..", "..");
const resourcesDir = app.isPackaged ? join(process.resourcesPath, "resources") : join(appRoot, "resources");

app.enableSandbox();
registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let consoleApp: ConsoleApp | null = null;
/** Every open window and its kind: the IPC bridge gives each only what its kind may call and hear. */
const windows = new Map<BrowserWindow, WindowKind>();

function createWindow(spec: WindowSpec): BrowserWindow {
  const win = new BrowserWindow(windowOptions(spec, { preload: join(appRoot, "dist", "preload", "preload.cjs"), packaged: app.isPackaged }));
  windows.set(win, spec.kind);
  win.once("ready-to-show", () => win.show());
  win.on("closed", () => windows.delete(win));
  void win.loadURL(windowUrl(spec));
  return win;
}

function bridgedWindows(): BridgedWindow[] {
  return [...windows]
    .filter(([win]) => !win.isDestroyed())
    .map(([win, kind]) => ({
      kind,
      webContentsId: win.webContents.id,
      isDestroyed: () => win.isDestroyed(),
      send: (channel, event) => win.webContents.send(channel, event),
    }));
}

/** One program window per tile: asking again brings the open one forward. */
const programWindows = new Map<number, BrowserWindow>();
function openProgramWindow(tile: number): void {
  const known = programWindows.get(tile);
  if (known && !known.isDestroyed()) return known.focus();
  const win = createWindow({ kind: "program", tile });
  programWindows.set(tile, win);
  win.on("closed", () => programWindows.delete(tile));
}

app.whenReady().then(async () => {
  guardAllWebContents({
    app,
    session: session.defaultSession,
    shell,
    externalOrigins: parseExternalLinkOrigins(process.env[EXTERNAL_LINK_ORIGINS_ENV]),
    log,
  });
  serveRenderer(join(appRoot, "dist", "renderer"));
  consoleApp = await composeConsole({
    shell: "electron",
    version: app.getVersion(),
    dataDir: process.env.VIGIL_DATA_DIR || app.getPath("userData"),
    resourcesDir,
    relayLauncher: utilityRelayLauncher(join(appRoot, "dist", "relay", "relay-main.cjs")),
    platformUrl: process.env.VIGIL_PLATFORM_URL ? parsePlatformUrl(process.env.VIGIL_PLATFORM_URL) : null,
    platformLauncher: utilityPlatformLauncher(join(appRoot, "dist", "platform")),
    // Linux without a keyring: safeStorage falls back to a fixed password ("basic_text"), no better than plain text;
    // the key-file box in the data folder is used instead (main/store/secret-box.ts).
    secretBox: process.platform === "linux" && safeStorage.getSelectedStorageBackend() === "basic_text" ? null : safeStorage,
    log,
    openProgramWindow,
  });
  bridgeConsoleApi({ ipcMain, core: consoleApp.core, windows: bridgedWindows, log });
  createWindow({ kind: "console" });
  app.on("second-instance", () => [...windows].find(([, kind]) => kind === "console")?.[0].focus());
}).catch((err: unknown) => {
  log.error("failed to start", { error: err instanceof Error ? err.stack : String(err) });
  app.exit(1);
});

app.on("window-all-closed", () => app.quit());
app.on("before-quit", (event) => {
  if (!consoleApp) return;
  event.preventDefault();
  const closing = consoleApp;
  consoleApp = null;
  void closing.dispose().finally(() => app.quit());
});
