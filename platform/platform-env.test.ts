// Runs in vitest. How a platform child reaches whoever started it: Electron's parentPort (utilityProcess, the
// packaged app), a Node fork's IPC channel (web shell, tests), or nobody (started by hand).
import { EventEmitter } from "node:events";
import { expect, it } from "vitest";
import { isChildReady, openParentLink } from "./platform-env.js";

function fakeProcess(extra: Record<string, unknown>): NodeJS.Process {
  return Object.assign(new EventEmitter(), extra) as unknown as NodeJS.Process;
}

it("uses Electron's parentPort when present, even beside process.send", () => {
  const posted: unknown[] = [];
  const port = Object.assign(new EventEmitter(), { postMessage: (m: unknown) => void posted.push(m) });
  const sent: unknown[] = [];
  const link = openParentLink(fakeProcess({ parentPort: port, connected: true, send: (m: unknown) => sent.push(m) }));
  expect(link.kind).toBe("electron-utility");
  link.ready(4321);
  expect(posted).toEqual([{ type: "ready", port: 4321 }]);
  expect(posted.every(isChildReady)).toBe(true);
  expect(sent).toEqual([]);
  let gone = 0;
  link.onGone(() => gone++);
  port.emit("close");
  expect(gone).toBe(1);
});

it("uses the IPC channel of a Node fork, and its disconnect", () => {
  const sent: unknown[] = [];
  const proc = fakeProcess({ connected: true, send: (m: unknown) => sent.push(m) });
  const link = openParentLink(proc);
  expect(link.kind).toBe("node-fork");
  link.ready(80);
  expect(sent).toEqual([{ type: "ready", port: 80 }]);
  let gone = 0;
  link.onGone(() => gone++);
  proc.emit("disconnect");
  expect(gone).toBe(1);
  // A channel already closed: nothing is written (a write would throw ERR_IPC_CHANNEL_CLOSED).
  (proc as unknown as { connected: boolean }).connected = false;
  link.ready(81);
  expect(sent).toHaveLength(1);
});

it("ignores a parentPort that does not look like one, and works with no parent at all", () => {
  const link = openParentLink(fakeProcess({ parentPort: { on: "nope" } }));
  expect(link.kind).toBe("none");
  expect(() => link.ready(1)).not.toThrow();
  expect(() => link.onGone(() => undefined)).not.toThrow();
});
