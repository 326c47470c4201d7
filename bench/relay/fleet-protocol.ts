// Runs in both the bench:relay orchestrator and its viewer-fleet child: the IPC messages between them.

export type Transport = "ws" | "http";

export type FleetCommand =
  /** Connect `count` times in turn, each until its first keyframe is complete (or timeout), `gapMs` apart. */
  | { type: "ttff"; url: string; transport: Transport; count: number; gapMs: number; timeoutMs: number }
  /** Hold viewers open: warm up, then count frames per viewer over the window. */
  | { type: "fanout"; urls: string[]; viewersPerUrl: number; transport: Transport; warmupMs: number; windowMs: number };

export type FleetReply =
  | { type: "ttff-result"; samplesMs: number[]; failures: number; firstError: string | null }
  | { type: "window-start" }
  | {
      type: "fanout-result";
      /** Video frames each viewer received inside the window. */
      framesInWindow: number[];
      bytesInWindow: number;
      connected: number;
      errors: number;
      firstError: string | null;
    };
