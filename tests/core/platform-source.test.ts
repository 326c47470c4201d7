// The console needs a platform: the city's URL or, in demo mode, the shell's launcher of the reference platform.
// With neither it refuses to start, says what to set, and has opened and written nothing.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { composeConsole } from "../../main/app/compose.js";
import { createLogger } from "../../main/log/logger.js";
import type { RelayLauncher } from "../../main/media/relay-process.js";

const work = mkdtempSync(join(tmpdir(), "vigil-platform-source-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it("refuses to start with neither a platform URL nor a platform launcher", async () => {
  const relayLauncher: RelayLauncher = () => {
    throw new Error("the relay must not be started");
  };
  const dataDir = join(work, "console");
  await expect(
    composeConsole({ shell: "web", version: "test", dataDir, resourcesDir: join(work, "resources"), relayLauncher, platformUrl: null, log: createLogger("test", "error") }),
  ).rejects.toThrow(/no platform configured: set the city platform's URL \(--platform or VIGIL_PLATFORM_URL\)/);
  expect(existsSync(dataDir)).toBe(false);
});
