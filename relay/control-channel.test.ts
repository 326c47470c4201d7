import { EventEmitter } from "node:events";
import { afterEach, expect, it, vi } from "vitest";
import { openControlChannel } from "./control-channel.js";

/** Stands in for Electron's process.parentPort inside a utilityProcess. */
class FakeParentPort extends EventEmitter {
  posted: unknown[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
}

const proc = process as unknown as { parentPort?: unknown };
afterEach(() => {
  delete proc.parentPort;
});

it("uses Electron's parentPort when present, validates messages, and reports invalid ones", () => {
  const port = new FakeParentPort();
  proc.parentPort = port;
  const onInvalid = vi.fn();
  const onDisconnect = vi.fn();
  const channel = openControlChannel({ onInvalid, onDisconnect });
  expect(channel?.kind).toBe("electron-utility");
  const received = vi.fn();
  channel?.onMessage(received);

  port.emit("message", { data: { type: "ping", seq: 3 } });
  port.emit("message", { data: { type: "revokeSession", session: "" } });
  port.emit("message", { data: "garbage" });
  expect(received).toHaveBeenCalledExactlyOnceWith({ type: "ping", seq: 3 });
  expect(onInvalid).toHaveBeenCalledTimes(2);
  expect(onInvalid.mock.calls[0]?.[0]).toMatch(/invalid control message \(revokeSession\): session/);
  expect(onInvalid.mock.calls[1]?.[0]).toMatch(/invalid control message \(string\)/);

  channel?.send({ type: "pong", seq: 3 });
  expect(port.posted).toEqual([{ type: "pong", seq: 3 }]);

  port.emit("close");
  expect(onDisconnect).toHaveBeenCalledOnce();
});

it("ignores a parentPort that does not look like one", () => {
  proc.parentPort = { on: "nope" };
  const channel = openControlChannel({ onInvalid: () => {}, onDisconnect: () => {} });
  // Under vitest's worker there may or may not be a fork IPC channel; it must not pick the fake port.
  expect(channel?.kind).not.toBe("electron-utility");
});
