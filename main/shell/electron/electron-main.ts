// Runs in Electron main. Entry of the Electron shell: the same console core as the web shell, a hardened window,
// the renderer over app://, the ConsoleApi over IPC, the relay as a utilityProcess.
import { app, BrowserWindow, safeStorage } from "electron";
import { join } from "node:path";
import { composeConsole, type ConsoleApp } from "../../app/compose.js";
import { createLogger } from "../../log/logger.js";
import { parsePlatformUrl } from "../platform-url.js";
import { registerAppScheme, serveRenderer, APP_ORIGIN } from "./app-protocol.js";
import { bridgeConsoleApi } from "./ipc-bridge.js";
import { utilityRelayLauncher } from "./utility-relay-launcher.js";
import { guardAllWebContents } from "./web-contents-guard.js";

const log = createLogger("main");
// Bundled to dist/main/electron-main.cjs; packaged, the app root is app.getAppPath().
const appRoot = app.isPackaged ? app.getAppPath() : join(__dirname, "..", "..");
const resourcesDir = app.isPackaged ? join(process.resourcesPath, "resources") : join(appRoot, "resources");

app.enableSandbox();
registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let consoleApp: ConsoleApp | null = null;
const windows: BrowserWindow[] = [];

/** The console window, or a program-output window (one tile, clean and fullscreen, for media live coverage). */
function createConsoleWindow(programTile: number | null = null): BrowserWindow {
  const win = new BrowserWindow({
    width: programTile === null ? 1600 : 1280,
    height: programTile === null ? 900 : 720,
    backgroundColor: programTile === null ? "#0b0f14" : "#000000",
    title: programTile === null ? "Vigil" : `Vigil — program ${programTile + 1}`,
    fullscreen: programTile !== null,
    autoHideMenuBar: programTile !== null,
    show: false,
    webPreferences: {
      preload: join(appRoot, "dist", "preload", "preload.cjs"),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  windows.push(win);
  win.once("ready-to-show", () => win.show());
  win.on("closed", () => windows.splice(windows.indexOf(win), 1));
  void win.loadURL(programTile === null ? `${APP_ORIGIN}/index.html` : `${APP_ORIGIN}/index.html?view=program&tile=${programTile}`);
  return win;
}

/** One program window per tile: asking again brings the open one forward. */
const programWindows = new Map<number, BrowserWindow>();
function openProgramWindow(tile: number): void {
  const known = programWindows.get(tile);
  if (known && !known.isDestroyed()) return known.focus();
  const win = createConsoleWindow(tile);
  programWindows.set(tile, win);
  win.on("closed", () => programWindows.delete(tile));
}

app.whenReady().then(async () => {
  guardAllWebContents();
  serveRenderer(join(appRoot, "dist", "renderer"));
  consoleApp = await composeConsole({
    shell: "electron",
    version: app.getVersion(),
    dataDir: process.env.VIGIL_DATA_DIR || app.getPath("userData"),
    resourcesDir,
    relayLauncher: utilityRelayLauncher(join(appRoot, "dist", "relay", "relay-main.cjs")),
    platformUrl: process.env.VIGIL_PLATFORM_URL ? parsePlatformUrl(process.env.VIGIL_PLATFORM_URL) : null,
    platformBundleDir: join(appRoot, "dist", "platform"),
    secretBox: safeStorage,
    log,
    openProgramWindow,
  });
  bridgeConsoleApi(consoleApp.core, () => windows, log);
  createConsoleWindow();
  app.on("second-instance", () => windows[0]?.focus());
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
