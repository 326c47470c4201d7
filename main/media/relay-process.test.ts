// The relay child as main sees it: a relay that dies between two messages must not take main down with it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nodeRelayLauncher } from "./relay-process.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A stand-in child with an IPC channel that says ready and then waits (the relay's own start is not the point here). */
function idleChild(): string {
  const dir = mkdtempSync(join(tmpdir(), "vigil-relay-process-"));
  dirs.push(dir);
  const file = join(dir, "child.cjs");
  writeFileSync(file, 'process.send({ type: "ready" }); setInterval(() => {}, 1000); process.on("message", () => {});\n');
  return file;
}

describe("nodeRelayLauncher", () => {
  it("survives messages written to a relay that died a moment ago (EPIPE before the exit event)", async () => {
    const child = nodeRelayLauncher(idleChild())({});
    await new Promise<void>((resolve) => child.onMessage(() => resolve()));
    const exited = new Promise<string | null>((resolve) => child.onExit((_code, signal) => resolve(signal)));
    const errors: Error[] = [];
    child.onError((err) => errors.push(err));
    process.kill(child.pid!, "SIGKILL");
    // Keep this event loop from seeing the exit, as a busy main would: the channel still looks connected.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    for (let i = 0; i < 20; i++) child.send({ type: "revokeSession", session: `s-${i}` });
    expect(await exited).toBe("SIGKILL");
    // Let any write failure surface; an unhandled 'error' event would fail this run.
    await new Promise((r) => setTimeout(r, 100));
    expect(errors).toEqual([]);
  });
});
