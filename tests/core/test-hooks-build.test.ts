// Runs in Vitest (Node). Test hooks are absent from the bundles that ship, not merely switched off: the shells' mains
// bundled with scripts/build.mjs's own options contain neither the advanceTestClock handler nor the VIGIL_TEST_CLOCK
// switch, while the test build (dist/test/) contains both — so the check below is not vacuous.
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build, type BuildOptions } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..", "..");
/** Only in main/core/test-hooks.ts (the advanceTestClock handler). */
const HOOK_CODE = "the access clock moves only in test mode";
/** The environment switch that turns test mode on (main/app/compose.ts). */
const TEST_SWITCH = "process.env.VIGIL_TEST_CLOCK";

type BuildScript = { nodeBundleOptions: BuildOptions; TEST_BUILD_DEFINE: Record<string, string> };
let script: BuildScript;

beforeAll(async () => {
  // A computed specifier: scripts/build.mjs is plain JavaScript without type declarations.
  const url = pathToFileURL(join(root, "scripts", "build.mjs")).href;
  script = (await import(url)) as BuildScript;
});

async function bundleText(entry: string, define?: Record<string, string>): Promise<string> {
  const result = await build({
    ...script.nodeBundleOptions,
    ...(define ? { define } : {}),
    entryPoints: [join(root, entry)],
    outdir: join(root, ".tmp", "test-hooks-build"),
    sourcemap: false,
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles.map((f) => f.text).join("\n");
}

describe("bundles that ship", () => {
  for (const entry of ["main/shell/web/web-main.ts", "main/shell/electron/electron-main.ts"]) {
    it(`${entry}: no test hook, no test-mode switch`, async () => {
      const code = await bundleText(entry);
      expect(code).not.toContain(HOOK_CODE);
      expect(code).not.toContain(TEST_SWITCH);
    }, 60_000);
  }
});

it("the test build of the web shell has the hooks (behind VIGIL_TEST_CLOCK)", async () => {
  const code = await bundleText("main/shell/web/web-main.ts", script.TEST_BUILD_DEFINE);
  expect(code).toContain(HOOK_CODE);
  expect(code).toContain(TEST_SWITCH);
}, 60_000);
