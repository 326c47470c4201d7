// Child-process entry (bundled to .tmp/bench-build/viewer-fleet.mjs): the benchmark's viewers, kept out of the
// orchestrator and out of the servers so their CPU is nobody's measurement. Driven over IPC (fleet-protocol.ts).
import type { FleetCommand, FleetReply } from "./fleet-protocol.js";
import { openViewer, type FlvViewer } from "./flv-viewer-client.js";

const send = (reply: FleetReply): void => {
  process.send?.(reply);
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Connect → first complete keyframe tag, in ms; rejects on error, close or timeout. */
function oneTtff(url: string, transport: "ws" | "http", timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let viewer: FlvViewer | null = null;
    const finish = (err: Error | null, ms?: number): void => {
      clearTimeout(timer);
      viewer?.close();
      viewer = null;
      if (err) reject(err);
      else resolve(ms!);
    };
    const timer = setTimeout(() => finish(new Error(`no keyframe within ${timeoutMs} ms`)), timeoutMs);
    viewer = openViewer(url, transport, {
      onVideo: (e) => {
        if (e.keyframe && viewer) finish(null, performance.now() - started);
      },
      onError: (err) => viewer && finish(err),
      onClose: () => viewer && finish(new Error("closed before a keyframe")),
    });
  });
}

async function ttff(cmd: Extract<FleetCommand, { type: "ttff" }>): Promise<void> {
  const samplesMs: number[] = [];
  let failures = 0;
  let firstError: string | null = null;
  for (let i = 0; i < cmd.count; i++) {
    try {
      samplesMs.push(await oneTtff(cmd.url, cmd.transport, cmd.timeoutMs));
    } catch (err) {
      failures++;
      firstError ??= err instanceof Error ? err.message : String(err);
    }
    await sleep(cmd.gapMs);
  }
  send({ type: "ttff-result", samplesMs, failures, firstError });
}

async function fanout(cmd: Extract<FleetCommand, { type: "fanout" }>): Promise<void> {
  const viewers: FlvViewer[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const onError = (err: Error): void => {
    errors++;
    firstError ??= err.message;
  };
  for (const url of cmd.urls) {
    for (let i = 0; i < cmd.viewersPerUrl; i++) {
      viewers.push(openViewer(url, cmd.transport, { onError }));
      // Spread connects a little so the first keyframe burst isn't one spike.
      if (viewers.length % 20 === 0) await sleep(50);
    }
  }
  await sleep(cmd.warmupMs);
  const framesAtStart = viewers.map((v) => v.counter.videoFrames);
  const bytesAtStart = viewers.reduce((a, v) => a + v.counter.bytes, 0);
  send({ type: "window-start" });
  await sleep(cmd.windowMs);
  const framesInWindow = viewers.map((v, i) => v.counter.videoFrames - framesAtStart[i]!);
  const bytesInWindow = viewers.reduce((a, v) => a + v.counter.bytes, 0) - bytesAtStart;
  const connected = viewers.filter((v) => v.counter.bytes > 0).length;
  for (const v of viewers) v.close();
  send({ type: "fanout-result", framesInWindow, bytesInWindow, connected, errors, firstError });
}

process.on("message", (msg: FleetCommand) => {
  const run = msg.type === "ttff" ? ttff(msg) : fanout(msg);
  run.catch((err: unknown) => {
    process.stderr.write(`viewer-fleet: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
});
