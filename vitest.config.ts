// Unit and integration tests (Node). End-to-end browser tests run under Playwright (tests/e2e).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{contract,main,relay,renderer,platform}/**/*.test.ts", "tests/{relay,core,platform,unit}/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real processes; two cores are all CI has.
    maxWorkers: 2,
  },
});
