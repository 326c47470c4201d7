// Runs in Vitest (Node). The import boundaries of eslint.config.js against planted imports: each forbidden arrow is
// reported, each allowed one is not, and `eslint` (what `npm run lint` runs) exits non-zero on a violation. The
// fixtures are linted as text under a path inside each folder; nothing is written to the tree.
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..", "..");
const RULE = "vigil/import-boundaries";

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The boundary messages ESLint reports for `code` linted as the repo file `file`. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  if (!result) throw new Error(`no lint result for ${file}`);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(`${file}: ${fatal.map((m) => m.message).join("; ")}`);
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe("forbidden imports are reported", () => {
  const cases: [string, string, string][] = [
    ["renderer importing main", "renderer/src/wall/fixture.tsx", `import { ConsoleCore } from "../../../main/core/console-core.js";`],
    ["renderer importing the relay", "renderer/src/fixture.ts", `import { startRelay } from "../../relay/relay-app.js";`],
    ["renderer importing platform", "renderer/src/fixture.ts", `import type { X } from "../../platform/embedded.js";`],
    ["renderer importing electron", "renderer/src/fixture.ts", `import { ipcRenderer } from "electron";`],
    ["relay importing platform", "relay/stream/fixture.ts", `import { startEmbeddedPlatform } from "../../platform/embedded.js";`],
    ["relay importing main", "relay/fixture.ts", `import { createLogger } from "../main/log/logger.js";`],
    ["main importing electron outside its shell", "main/core/fixture.ts", `import { app } from "electron";`],
    ["the web shell importing electron", "main/shell/web/fixture.ts", `import { app } from "electron";`],
    ["main importing platform", "main/app/fixture.ts", `import { startEmbeddedPlatform } from "../../platform/embedded.js";`],
    ["a shell file other than its launcher importing platform", "main/shell/web/fixture.ts", `import { x } from "../../../platform/embedded.js";`],
    ["a launcher importing platform internals", "main/shell/web/forked-platform-launcher.ts", `import { x } from "../../../platform/store/platform-store.js";`],
    ["main importing relay internals", "main/media/fixture.ts", `import { RelayApp } from "../../relay/relay-app.js";`],
    ["platform importing main", "platform/store/fixture.ts", `import { Database } from "../../main/store/database.js";`],
    ["platform/media importing relay internals", "platform/media/fixture.ts", `import { StreamHub } from "../../relay/stream/stream-hub.js";`],
    ["platform outside media importing the relay's public entry", "platform/api/fixture.ts", `import { x } from "../../relay/public/flv-fanout.js";`],
    ["platform/media importing another file under relay/public", "platform/media/fixture.ts", `import { x } from "../../relay/public/other.js";`],
    ["product code importing test support", "relay/stream/fixture.ts", `import { waitFor } from "../../tests/support/wait-for.js";`],
    ["a colocated test crossing a product boundary", "relay/fixture.test.ts", `import { x } from "../platform/embedded.js";`],
    ["contract importing main", "contract/fixture.ts", `import type { Logger } from "../main/log/logger.js";`],
    ["contract importing electron", "contract/fixture.ts", `import { ipcMain } from "electron";`],
    ["preload importing main", "preload/fixture.ts", `import { ConsoleCore } from "../main/core/console-core.js";`],
    ["a dynamic import", "renderer/src/fixture.ts", `export const load = () => import("../../main/core/console-core.js");`],
    ["a re-export", "renderer/src/fixture.ts", `export * from "../../main/core/console-core.js";`],
    ["a require()", "relay/fixture.cjs", `const x = require("../platform/embedded.js"); module.exports = x;`],
    ["an import type", "renderer/src/fixture.ts", `export type Core = import("../../main/core/console-core.js").ConsoleCore;`],
    ["a path that wanders out and back in", "renderer/src/fixture.ts", `import { x } from "../../renderer/../main/core/console-core.js";`],
  ];
  it.each(cases)("%s", async (_name, file, code) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Import boundary: /);
  });
});

describe("allowed imports pass", () => {
  const cases: [string, string, string][] = [
    ["renderer importing contract", "renderer/src/wall/fixture.tsx", `import type { WallState } from "../../../contract/wall.js";`],
    ["renderer importing renderer", "renderer/src/wall/fixture.tsx", `import { useT } from "../i18n/use-t.js";`],
    ["main/platform importing main/store (main's own platform folder)", "main/platform/fixture.ts", `import { Database } from "../store/database.js";`],
    ["main/platform importing its neighbour", "main/platform/fixture.ts", `import { PlatformClient } from "./platform-client.js";`],
    ["main importing contract", "main/core/fixture.ts", `import { consoleMethods } from "../../contract/console-api.js";`],
    ["the web shell's launcher importing the platform launcher", "main/shell/web/forked-platform-launcher.ts", `import { startEmbeddedPlatform } from "../../../platform/embedded.js";`],
    ["the Electron shell's launcher importing the platform launcher", "main/shell/electron/utility-platform-launcher.ts", `import { startEmbeddedPlatform } from "../../../platform/embedded.js";\nimport { utilityProcess } from "electron";`],
    ["the Electron shell importing electron", "main/shell/electron/fixture.ts", `import { app } from "electron";`],
    ["preload importing electron and contract", "preload/fixture.ts", `import { ipcRenderer } from "electron";\nimport { IPC_CALL } from "../contract/console-api.js";`],
    ["relay importing contract", "relay/fixture.ts", `import { RelayCommandSchema } from "../contract/relay-control.js";`],
    ["platform importing contract", "platform/api/fixture.ts", `import { LoginRequestSchema } from "../../contract/platform-api.js";`],
    ["platform/media importing the relay's public entry", "platform/media/fixture.ts", `import { x } from "../../relay/public/flv-fanout.js";`],
    ["a colocated test importing the shared test support", "relay/fixture.test.ts", `import { waitFor } from "../tests/support/wait-for.js";`],
    ["the relay's test-support folder importing the shared test support", "relay/testing/fixture.ts", `import { waitFor } from "../../tests/support/wait-for.js";`],
    ["platform/media importing platform", "platform/media/fixture.ts", `import { x } from "../platform-env.js";`],
    ["packages (zod, node:)", "contract/fixture.ts", `import { z } from "zod";\nimport { join } from "node:path";`],
    ["tests importing anything", "tests/core/fixture.test.ts", `import { x } from "../../platform/store/platform-store.js";\nimport { app } from "electron";\nimport { y } from "../../relay/relay-app.js";`],
    ["bench importing anything", "bench/relay/fixture.ts", `import { x } from "../../relay/stream/stream-hub.js";`],
  ];
  it.each(cases)("%s", async (_name, file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});

it("`eslint` (npm run lint) exits non-zero on a planted violation", () => {
  const run = spawnSync(
    process.execPath,
    [join(root, "node_modules", "eslint", "bin", "eslint.js"), "--stdin", "--stdin-filename", "relay/fixture.ts"],
    { cwd: root, input: `import { Database } from "../main/store/database.js";\nexport { Database };\n`, encoding: "utf8" },
  );
  expect(run.status).toBe(1);
  expect(run.stdout).toContain("vigil/import-boundaries");
  expect(run.stdout).toContain("relay/ may import only relay/ and contract/ (imports main/store/database)");
});
