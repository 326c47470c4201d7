// The relay child as main sees it: a relay that dies between two messages must not take main down with it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../../tests/support/wait-for.js";
import { nodeRelayLauncher } from "./relay-process.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A stand-in child with an IPC channel that says ready and then waits (the relay's own start is not the point here). */
function idleChild(): string {
  return childScript('process.send({ type: "ready" }); setInterval(() => {}, 1000); process.on("message", () => {});\n');
}

/** A stand-in child that says ready and sends every message back. */
function echoChild(): string {
  return childScript('process.send({ type: "ready" }); process.on("message", (m) => process.send(m));\n');
}

function childScript(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), "vigil-relay-process-"));
  dirs.push(dir);
  const file = join(dir, "child.cjs");
  writeFileSync(file, source);
  return file;
}

describe("nodeRelayLauncher", () => {
  it("survives messages written to a relay that died a moment ago (EPIPE before the exit event)", async () => {
    const child = nodeRelayLauncher(idleChild())({});
    const echo = nodeRelayLauncher(echoChild())({});
    const echoed: unknown[] = [];
    echo.onMessage((m) => echoed.push(m));
    await new Promise<void>((resolve) => child.onMessage(() => resolve()));
    await waitFor("the echo child's ready", () => echoed.length > 0);
    const exited = new Promise<string | null>((resolve) => child.onExit((_code, signal) => resolve(signal)));
    const errors: Error[] = [];
    child.onError((err) => errors.push(err));
    process.kill(child.pid!, "SIGKILL");
    // Keep this event loop from seeing the exit, as a busy main would: the channel still looks connected.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    for (let i = 0; i < 20; i++) child.send({ type: "revokeSession", session: `s-${i}` });
    expect(await exited).toBe("SIGKILL");
    // Let any write failure surface (an unhandled 'error' event would fail this run). The yardstick: a round trip to
    // another child takes a write, the child's turn and a read here — longer than a failed write takes to report.
    echo.send({ type: "revokeSession", session: "yardstick" });
    await waitFor("the echo of the yardstick message", () => echoed.length > 1);
    echo.kill();
    expect(errors).toEqual([]);
  });
});
