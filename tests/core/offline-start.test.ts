// The console starts while the city's platform is down: it comes up from its local copy (session, catalog,
// access rules), says "degraded", and reconciles once the platform answers. The platform here is the real
// reference platform (API + media server as child processes), configured by URL like a city's platform.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CatalogTree } from "../../contract/catalog-view.js";
import type { SessionState } from "../../contract/console-api.js";
import { composeConsole, type ConsoleApp } from "../../main/app/compose.js";
import { createLogger } from "../../main/log/logger.js";
import { nodeRelayLauncher } from "../../main/media/relay-process.js";
import { startEmbeddedPlatform, type EmbeddedPlatform } from "../../platform/embedded.js";
import { buildPlatformBundles, buildRelayBundle, repoRoot } from "../support/bundles.js";

describe("offline start", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "vigil-offline-"));
  let platform: EmbeddedPlatform;
  let relayEntry = "";
  let app: ConsoleApp | null = null;

  const open = (platformUrl: string) =>
    composeConsole({
      shell: "web",
      version: "test",
      dataDir: join(dataDir, "console"),
      resourcesDir: join(repoRoot, "resources"),
      relayLauncher: nodeRelayLauncher(relayEntry),
      platformUrl,
      platformRetryBaseMs: 200,
      log: createLogger("test", "error"),
    });

  async function call<T>(method: string, params: unknown = {}): Promise<T> {
    const outcome = await app!.core.call(method, params);
    if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
    return outcome.result as T;
  }

  beforeAll(async () => {
    const [relay, bundleDir] = await Promise.all([buildRelayBundle(), buildPlatformBundles()]);
    relayEntry = relay;
    platform = await startEmbeddedPlatform({ dataDir: join(dataDir, "platform"), bundleDir, mediaRoot: join(repoRoot, "resources", "demo"), statusIntervalMs: 0, onLog: () => undefined });
  });

  afterAll(async () => {
    await app?.dispose();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("syncs once, then starts from the local copy while the platform is down, and reconciles when it returns", async () => {
    app = await open(platform.apiUrl);
    await call("login", { username: "operator", password: "Vigil-operator-2024" });
    await expect.poll(() => app!.platform.status.state, { timeout: 20_000 }).toBe("online");
    const cameras = (await call<CatalogTree>("getCatalogTree")).root.total;
    await app.dispose();
    app = null;

    await platform.stopApi();
    app = await open(platform.apiUrl);
    expect((await call<SessionState>("getSession")).user?.username).toBe("operator");
    expect((await call<CatalogTree>("getCatalogTree")).root.total).toBe(cameras);
    await expect.poll(() => app!.platform.status.state, { timeout: 10_000 }).toBe("degraded");
    expect(app.platform.status.lastError).toMatch(/unreachable/);

    await platform.startApi();
    await expect.poll(() => app!.platform.status.state, { timeout: 20_000 }).toBe("online");
  });
});
