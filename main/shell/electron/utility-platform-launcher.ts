// Runs in Electron main. Demo mode's reference platform (API + demo media server) as two Electron utility
// processes: a packaged app has the RunAsNode fuse off, so child_process.fork of its own binary cannot run Node.
// The children tell their port over process.parentPort (platform/platform-env.ts openParentLink).
import { utilityProcess } from "electron";
import { forwardLines, startEmbeddedPlatform, type PlatformChildStarter } from "../../../platform/embedded.js";
import type { PlatformLauncher } from "../../platform/platform-launcher.js";

const startUtilityChild: PlatformChildStarter = (script, env, name, onLog) => {
  const child = utilityProcess.fork(script, [], { env, serviceName: `Vigil ${name}`, stdio: "pipe" });
  forwardLines(child.stdout, onLog);
  forwardLines(child.stderr, onLog);
  // A fatal V8 error is reported here, then as an exit.
  child.on("error", (type, location) => onLog(`${name}: ${type} at ${location}`));
  return {
    get pid() {
      return child.pid;
    },
    onMessage: (listener) => void child.on("message", listener),
    // utilityProcess reports only an exit code.
    onExit: (listener) => void child.once("exit", (code) => listener(code, null)),
    kill: (force) => {
      // kill() is SIGTERM on POSIX; a child that ignores it is ended by its pid.
      const pid = child.pid;
      if (force && pid !== undefined) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          /* already gone: its exit event follows */
        }
      } else child.kill();
    },
  };
};

/** `bundleDir`: the folder with platform-main.cjs and media-main.cjs (dist/platform inside the app). */
export function utilityPlatformLauncher(bundleDir: string): PlatformLauncher {
  return { start: (options) => startEmbeddedPlatform({ ...options, bundleDir, startChild: startUtilityChild }) };
}
