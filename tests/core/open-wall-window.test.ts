// Runs in Vitest (Node). The ConsoleApi's openWallWindow, composed as the shells compose it (real SQLite file, real
// relay process; no platform reachable, so the console starts degraded): the Electron shell's hook opens the wall's
// window; a wall that does not exist is refused with UNKNOWN_WALL; the web shell (no hook) answers opened:false so
// the page opens the window itself.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WallId } from "../../contract/wall.js";
import { composeConsole, type ConsoleApp } from "../../main/app/compose.js";
import { createLogger } from "../../main/log/logger.js";
import { nodeRelayLauncher } from "../../main/media/relay-process.js";
import { buildRelayBundle, repoRoot } from "../support/bundles.js";

describe("openWallWindow", () => {
  let relayEntry = "";
  let app: ConsoleApp | null = null;
  let dataDir = "";

  beforeAll(async () => {
    relayEntry = await buildRelayBundle();
  });

  afterEach(async () => {
    await app?.dispose();
    app = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(openWallWindow?: (wall: WallId) => void): Promise<ConsoleApp> {
    dataDir = mkdtempSync(join(tmpdir(), "vigil-wall-window-"));
    app = await composeConsole({
      shell: openWallWindow ? "electron" : "web",
      version: "test",
      dataDir,
      resourcesDir: join(repoRoot, "resources"),
      relayLauncher: nodeRelayLauncher(relayEntry),
      // Nothing listens there: the console starts degraded, which is all this test needs.
      platformUrl: "http://127.0.0.1:9",
      log: createLogger("test", "error"),
      ...(openWallWindow ? { openWallWindow } : {}),
    });
    return app;
  }

  it("opens the wall's window through the shell's hook, and refuses a wall that does not exist", async () => {
    const opened: WallId[] = [];
    const vigil = await open((wall) => opened.push(wall));
    expect(await vigil.core.call("openWallWindow", { wall: 1 })).toEqual({ ok: true, result: { opened: true } });
    const added = await vigil.core.call("addWall", {});
    expect(added).toMatchObject({ ok: true, result: { wall: 2 } });
    expect(await vigil.core.call("openWallWindow", { wall: 2 })).toEqual({ ok: true, result: { opened: true } });
    expect(await vigil.core.call("openWallWindow", { wall: 5 })).toMatchObject({ ok: false, error: { code: "UNKNOWN_WALL" } });
    expect(await vigil.core.call("openWallWindow", { wall: 9 })).toMatchObject({ ok: false, error: { code: "INVALID_REQUEST" } });
    expect(opened).toEqual([1, 2]);
  });

  it("answers opened:false without a hook (web shell: the page opens the window)", async () => {
    const vigil = await open();
    expect(await vigil.core.call("openWallWindow", { wall: 1 })).toEqual({ ok: true, result: { opened: false } });
  });
});
