// Lint: typescript-eslint recommended rules for every TypeScript file, plus React hooks discipline by convention,
// plus the import boundaries between Vigil's folders (DESIGN.md → Layout; docs/architecture.md → Boundaries).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";
import vigil from "./scripts/lint/import-boundaries.mjs";

/** The shells' launchers of the embedded reference platform: the only product files that reach into platform/. */
export const PLATFORM_LAUNCHERS = ["main/shell/web/forked-platform-launcher.ts", "main/shell/electron/utility-platform-launcher.ts"];
/** What those launchers may import from platform/: its launcher entry, nothing else. */
export const PLATFORM_LAUNCH_ENTRY = "platform/embedded.ts";
/** The relay's public entry, the one part of relay/ the demo media server (platform/media/) may use. */
export const RELAY_PUBLIC_ENTRY = "relay/public/flv-fanout.ts";
/**
 * Test code inside a governed folder (colocated tests, the relay's test-support folder) obeys that folder's
 * boundaries, and may also use the shared test support.
 */
const testSupport = { files: ["**/*.test.ts", "**/*.test.tsx", "relay/testing/**"], allow: ["tests/support/**"] };

/**
 * Who may import what, by resolved path; the first entry whose `from` matches the importing file decides. Files no
 * entry governs (tests/, bench/, scripts/, root configs) may import anything. `electron` is the one restricted
 * package: only the Electron shell and the preload may import it.
 */
const boundaries = [
  { from: "contract/**", allow: ["contract/**"], why: "contract/ imports nothing of the other folders" },
  { from: "renderer/**", allow: ["renderer/**", "contract/**"], why: "renderer/ may import only renderer/ and contract/" },
  { from: "preload/**", allow: ["preload/**", "contract/**"], packages: ["electron"], why: "preload/ may import only preload/, contract/ and electron" },
  { from: "relay/**", allow: ["relay/**", "contract/**"], why: "relay/ may import only relay/ and contract/" },
  {
    from: "platform/media/**",
    allow: ["platform/**", "contract/**", RELAY_PUBLIC_ENTRY],
    why: `platform/media/ may import only platform/, contract/ and the relay's public entry (${RELAY_PUBLIC_ENTRY})`,
  },
  { from: "platform/**", allow: ["platform/**", "contract/**"], why: "platform/ may import only platform/ and contract/" },
  ...PLATFORM_LAUNCHERS.map((file) => ({
    from: file,
    allow: ["main/**", "contract/**", PLATFORM_LAUNCH_ENTRY],
    ...(file.startsWith("main/shell/electron/") ? { packages: ["electron"] } : {}),
    why: `a platform launcher may import only main/, contract/ and ${PLATFORM_LAUNCH_ENTRY}`,
  })),
  {
    from: "main/shell/electron/**",
    allow: ["main/**", "contract/**"],
    packages: ["electron"],
    why: "main/ may import only main/ and contract/ (platform/ through the shells' launchers, relay/ never)",
  },
  {
    from: "main/**",
    allow: ["main/**", "contract/**"],
    why: "main/ may import only main/ and contract/; only main/shell/electron/ imports electron, only the shells' launchers reach platform/",
  },
];

export default tseslint.config(
  { ignores: ["dist/**", "release/**", "node_modules/**", "test-results/**", "playwright-report/**", "docs/**", ".tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["renderer/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    rules: { "@typescript-eslint/consistent-type-imports": "off" },
  },
  {
    files: ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"],
    plugins: { vigil },
    rules: { "vigil/import-boundaries": ["error", { root: import.meta.dirname, boundaries, restrictedPackages: ["electron"], testSupport }] },
  },
);
