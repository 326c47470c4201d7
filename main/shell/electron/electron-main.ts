// Runs in Electron main. Entry of the Electron shell: the same console core as the web shell, hardened windows (the
// console, one wall window per display, program outputs), the renderer over app://, the ConsoleApi over IPC, the
// relay (and, in demo mode, the reference platform) as utility processes.
import { app, BrowserWindow, ipcMain, safeStorage, screen, session, shell } from "electron";
import { join } from "node:path";
import { composeConsole, type ConsoleApp } from "../../app/compose.js";
import { createLogger } from "../../log/logger.js";
import { consoleEvents, consoleMethods } from "../../../contract/console-api.js";
import type { TileRef } from "../../../contract/wall.js";
import type { WindowKind } from "../../core/window-capabilities.js";
import { parsePlatformUrl } from "../platform-url.js";
import { registerAppScheme, serveRenderer } from "./app-protocol.js";
import { EXTERNAL_LINK_ORIGINS_ENV, parseExternalLinkOrigins } from "./external-links.js";
import { bridgeConsoleApi, type BridgedWindow } from "./ipc-bridge.js";
import { utilityPlatformLauncher } from "./utility-platform-launcher.js";
import { utilityRelayLauncher } from "./utility-relay-launcher.js";
import { guardAllWebContents } from "./web-contents-guard.js";
import { settingsPlacementStore, WallWindows } from "./wall-windows.js";
import { windowOptions, windowUrl, type WindowAt, type WindowSpec } from "./window-options.js";

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

/** Every window is made here: the same hardened options, guard (web-contents-created), CSP, preload and IPC kind. */
function createWindow(spec: WindowSpec, at?: WindowAt): BrowserWindow {
  const win = new BrowserWindow(windowOptions(spec, { preload: join(appRoot, "dist", "preload", "preload.cjs"), packaged: app.isPackaged }, at));
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
const programWindows = new Map<string, BrowserWindow>();
function openProgramWindow(ref: TileRef): void {
  const key = `${ref.wall}-${ref.tile}`;
  const known = programWindows.get(key);
  if (known && !known.isDestroyed()) return known.focus();
  const win = createWindow({ kind: "program", wall: ref.wall, tile: ref.tile });
  programWindows.set(key, win);
  win.on("closed", () => programWindows.delete(key));
}

/** Wall windows 1..N on the displays (wall 1 is the console window); made once the core, which keeps their placements, is up. */
let wallWindows: WallWindows | null = null;

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
    openWallWindow: (wall) => wallWindows?.open(wall),
  });
  bridgeConsoleApi({ ipcMain, core: consoleApp.core, windows: bridgedWindows, log });
  const walls = new WallWindows({
    screen,
    createWindow: (wall, target) => {
      // A wall window is a console-kind window showing wall N (?wall=N).
      const win = createWindow({ kind: "console", wall }, target);
      // The console (wall 1: catalog, session, approvals) closing ends the app: the other windows close with it and
      // window-all-closed quits (once: a second app.quit() while the core is disposing would not wait for it).
      if (wall === 1) win.on("closed", () => BrowserWindow.getAllWindows().forEach((other) => other.close()));
      return win;
    },
    store: settingsPlacementStore(consoleApp.settings),
    schedule: (run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
    now: () => performance.now(),
    log: log.child("displays"),
  });
  wallWindows = walls;
  const listed = await consoleApp.core.call("listWalls", {});
  if (!listed.ok) throw new Error(`listWalls: ${listed.error.code} ${listed.error.message}`);
  await walls.start(consoleMethods.listWalls.result.parse(listed.result).map((s) => s.wall));
  // A wall added (addWall) gets its window; a removed one loses it.
  consoleApp.core.onEvent((event) => {
    if (event.event === "wallsChanged") walls.syncWalls(consoleEvents.wallsChanged.parse(event.payload).walls);
  });
  app.on("second-instance", () => wallWindows?.open(1));
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
  // The last placements are written before the database closes.
  const walls = wallWindows;
  wallWindows = null;
  void Promise.resolve(walls?.stop())
    .then(() => closing.dispose())
    .finally(() => app.quit());
});
