// Runs in main, in test builds only: the ConsoleApi methods tests use to drive the console (TEST_HOOK_METHODS in
// contract/console-api.ts). Referenced only behind __VIGIL_TEST_HOOKS__, so production bundles do not contain it.
import type { AccessState, MethodParams, MethodResult, TestHookMethodName } from "../../contract/console-api.js";
import type { AccessClock } from "../access/access-clock.js";
import { CoreError } from "./core-error.js";

export type TestHookHandlers = { [M in TestHookMethodName]: (params: MethodParams<M>) => Promise<MethodResult<M>> };

export function testHookHandlers(deps: { clock: AccessClock; accessState(): AccessState; emitAccessState(): void }): TestHookHandlers {
  return {
    advanceTestClock: async ({ ms }) => {
      if (!deps.clock.testMode) throw new CoreError("TEST_CLOCK_DISABLED", "the access clock moves only in test mode (VIGIL_TEST_CLOCK=1)");
      deps.clock.advance(ms);
      deps.emitAccessState();
      return deps.accessState();
    },
  };
}
