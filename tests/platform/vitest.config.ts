// Runs the platform's tests: `npx vitest run -c tests/platform/vitest.config.ts`. (The root config's include
// does not list tests/platform yet; adding "platform" to its tests/{…} pattern makes `npm test` run them too.)
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["platform/**/*.test.ts", "tests/platform/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
