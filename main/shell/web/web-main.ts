// Runs in main (plain Node). Entry of the web shell: the console core + a loopback server; opens Chromium/Chrome
// in app mode unless --no-open. Prints exactly one line on stdout: `console: <url>`, a one-time launch link.
// With --print-url it starts nothing: it asks the shell already running on the data folder for a new link.
import { join, resolve } from "node:path";
import { composeConsole } from "../../app/compose.js";
import { createLogger } from "../../log/logger.js";
import { nodeRelayLauncher } from "../../media/relay-process.js";
import { defaultDataDir } from "../app-paths.js";
import { findBrowser, openInAppMode } from "./browser-launcher.js";
import { removeLaunchFile, requestLaunchUrl, writeLaunchFile } from "./launch-file.js";
import { forkedPlatformLauncher } from "./forked-platform-launcher.js";
import { parsePlatformUrl } from "../platform-url.js";
import { parseWebShellArgs } from "./web-args.js";
import { startWebShellServer } from "./web-server.js";

// Bundled to dist/main/web-main.cjs: the repository (or unpacked app) root is two levels up.
const appRoot = resolve(__dirname, "..", "..");
const version = process.env.npm_package_version ?? "0.1.0";

async function main(): Promise<void> {
  const log = createLogger("main");
  let args;
  try {
    args = parseWebShellArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`vigil: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const dataDir = args.dataDir ?? defaultDataDir();
  if (args.printUrl) {
    try {
      process.stdout.write(`console: ${await requestLaunchUrl(dataDir)}\n`);
      process.exit(0);
    } catch (err) {
      process.stderr.write(`vigil: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  }
  const app = await composeConsole({
    shell: "web",
    version,
    dataDir,
    resourcesDir: join(appRoot, "resources"),
    relayLauncher: nodeRelayLauncher(join(appRoot, "dist", "relay", "relay-main.cjs")),
    platformUrl: args.platformUrl ?? (process.env.VIGIL_PLATFORM_URL ? parsePlatformUrl(process.env.VIGIL_PLATFORM_URL) : null),
    platformLauncher: forkedPlatformLauncher(join(appRoot, "dist", "platform")),
    log,
  });
  const server = await startWebShellServer({ core: app.core, rendererDir: join(appRoot, "dist", "renderer"), port: args.port, log });
  writeLaunchFile(dataDir, { pid: process.pid, origin: server.origin, mintKey: server.mintKey });
  process.stdout.write(`console: ${server.launchUrl()}\n`);
  log.info("web shell ready", { dataDir, port: server.port });

  let stopping = false;
  const shutdown = async (why: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`shutting down (${why})`);
    removeLaunchFile(dataDir, server.mintKey);
    await server.close();
    await app.dispose();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  if (args.open) {
    const browser = findBrowser();
    if (!browser) {
      log.warn("no Chromium or Chrome found: open the console URL above in a browser (Debian/Ubuntu: sudo apt-get install chromium)");
      return;
    }
    const openedAt = Date.now();
    // The window gets the session over the DevTools pipe: no secret or code on its command line.
    const { child, ready } = openInAppMode(browser, { url: `${server.origin}/`, cookie: server.sessionCookie }, join(dataDir, "browser-profile"));
    ready.catch((err: unknown) =>
      log.warn(`could not hand the console to ${browser}: ${err instanceof Error ? err.message : String(err)}; open the console URL above in a browser`),
    );
    child.on("error", (err) => log.warn(`could not start ${browser}: ${err.message}; open the console URL above in a browser`));
    child.on("exit", (code) => {
      // A browser that dies at once (no display, broken profile) must not take the console down with it.
      if (code !== 0 && Date.now() - openedAt < 5000) {
        log.warn(`${browser} exited at once (code ${code}); is there a display? Open the console URL above in a browser`);
        return;
      }
      // Closing the console window ends the app, as it would under Electron.
      void shutdown("console window closed");
    });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`vigil: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
