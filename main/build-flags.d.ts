// Compile-time flags, replaced by the bundler (scripts/build.mjs `define`, vitest.config.ts `define`).

/**
 * True only in test builds (dist/test/ and Vitest): test hooks such as advanceTestClock are compiled in. Every bundle
 * that ships is built with false, so the bundler drops the hooks' code; read it as
 * `typeof __VIGIL_TEST_HOOKS__ !== "undefined" && __VIGIL_TEST_HOOKS__` so a bundle built without the define has none.
 */
declare const __VIGIL_TEST_HOOKS__: boolean;
