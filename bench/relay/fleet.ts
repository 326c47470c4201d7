// Runs in the bench:relay orchestrator. Starts the viewer-fleet child and drives it over IPC.
import { join } from "node:path";
import { startChild, type Child } from "../common/children.js";
import { repoRoot } from "../common/report.js";
import type { FleetCommand, FleetReply } from "./fleet-protocol.js";

export type TtffResult = Extract<FleetReply, { type: "ttff-result" }>;
export type FanoutResult = Extract<FleetReply, { type: "fanout-result" }>;

export class ViewerFleet {
  private constructor(private readonly child: Child) {}

  static start(): ViewerFleet {
    const entry = join(repoRoot, ".tmp", "bench-build", "viewer-fleet.mjs");
    return new ViewerFleet(startChild("viewer-fleet", process.execPath, [entry], { stdio: ["ignore", "pipe", "pipe", "ipc"] }));
  }

  get pid(): number {
    return this.child.pid;
  }

  ttff(cmd: Omit<Extract<FleetCommand, { type: "ttff" }>, "type">): Promise<TtffResult> {
    return this.request({ type: "ttff", ...cmd }, "ttff-result") as Promise<TtffResult>;
  }

  /** Resolves at the end of the window; `onWindowStart` runs when counting starts (to start CPU sampling). */
  fanout(cmd: Omit<Extract<FleetCommand, { type: "fanout" }>, "type">, onWindowStart: () => void): Promise<FanoutResult> {
    return this.request({ type: "fanout", ...cmd }, "fanout-result", onWindowStart) as Promise<FanoutResult>;
  }

  stop(): Promise<void> {
    return this.child.stop();
  }

  private request(cmd: FleetCommand, until: FleetReply["type"], onWindowStart?: () => void): Promise<FleetReply> {
    const proc = this.child.process;
    return new Promise((resolve, reject) => {
      const onMessage = (msg: FleetReply): void => {
        if (msg.type === "window-start") onWindowStart?.();
        if (msg.type !== until) return;
        cleanup();
        resolve(msg);
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(new Error(`viewer fleet exited (${code})\n${this.child.tail()}`));
      };
      const cleanup = (): void => {
        proc.off("message", onMessage);
        proc.off("exit", onExit);
      };
      proc.on("message", onMessage);
      proc.once("exit", onExit);
      proc.send(cmd);
    });
  }
}
