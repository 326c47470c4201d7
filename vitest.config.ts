// Unit and integration tests (Node). End-to-end browser tests run under Playwright (tests/e2e).
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Tests run the sources as a test build: test hooks (advanceTestClock) compiled in, still gated by VIGIL_TEST_CLOCK.
  define: { __VIGIL_TEST_HOOKS__: "true" },
  test: {
    include: ["{contract,main,relay,renderer,platform}/**/*.test.ts", "tests/{relay,core,platform,unit,lint}/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real processes; two cores are all CI has.
    maxWorkers: 2,
  },
});
