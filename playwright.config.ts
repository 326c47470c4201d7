// End-to-end tests drive the real app (web shell) in Debian's Chromium; browsers are never downloaded.
import { defineConfig } from "@playwright/test";
import { chromiumPath } from "./tests/e2e/fixtures/chromium.js";

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    viewport: { width: 1600, height: 900 },
    locale: "zh-CN",
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--autoplay-policy=no-user-gesture-required"],
    },
  },
});
