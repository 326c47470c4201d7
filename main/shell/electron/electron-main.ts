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

function createConsoleWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1600,
    height: 900,
    backgroundColor: "#0b0f14",
    title: "Vigil",
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
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
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
