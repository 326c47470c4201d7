// Runs in Vitest (Node). The web shell's API socket enforces window capabilities: a connection that declares it is a
// program-output page (/api?view=program) may call only what that page needs and hears only its events. A real
// server and real WebSockets; the core is a fake that records what reaches it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { RpcEvent, RpcOutcome, RpcResponse } from "../../contract/console-api.js";
import { createLogger } from "../../main/log/logger.js";
import { startWebShellServer, type WebShellServer } from "../../main/shell/web/web-server.js";

class FakeCore {
  readonly calls: string[] = [];
  private readonly listeners = new Set<(event: RpcEvent) => void>();
  async call(method: string): Promise<RpcOutcome> {
    this.calls.push(method);
    return { ok: true, result: method };
  }
  onEvent(listener: (event: RpcEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: RpcEvent): void {
    for (const l of this.listeners) l(event);
  }
}

/** A client of the API socket: calls by id, and a queue of the events it heard, in order. */
async function connect(server: WebShellServer, view?: string) {
  const { name, value } = server.sessionCookie;
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${view ? `?view=${view}` : ""}`, {
    headers: { Origin: server.origin, Cookie: `${name}=${value}` },
  });
  const answers = new Map<number, (r: RpcResponse) => void>();
  const events: RpcEvent[] = [];
  const eventWaiters: (() => void)[] = [];
  ws.on("message", (data) => {
    const message = JSON.parse(data.toString()) as RpcResponse | RpcEvent;
    if ("event" in message) {
      events.push(message);
      eventWaiters.splice(0).forEach((wake) => wake());
    } else answers.get(message.id)?.(message);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  let nextId = 1;
  return {
    ws,
    call(method: string, params: unknown = {}): Promise<RpcResponse> {
      const id = nextId++;
      const answer = new Promise<RpcResponse>((resolve) => answers.set(id, resolve));
      ws.send(JSON.stringify({ id, method, params }));
      return answer;
    },
    async nextEvent(): Promise<RpcEvent> {
      while (events.length === 0) await new Promise<void>((wake) => eventWaiters.push(wake));
      return events.shift() as RpcEvent;
    },
  };
}

let dir: string;
let core: FakeCore;
let server: WebShellServer;
let sockets: WebSocket[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "vigil-web-caps-"));
  writeFileSync(join(dir, "index.html"), "<!doctype html>");
  core = new FakeCore();
  sockets = [];
  server = await startWebShellServer({ core, rendererDir: dir, log: createLogger("test", "error") });
});

afterEach(async () => {
  for (const ws of sockets) ws.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function client(view?: string) {
  const c = await connect(server, view);
  sockets.push(c.ws);
  return c;
}

describe("a program-output connection", () => {
  it("cannot call approvals, grants, applications, the audit log, the wall or the test clock", async () => {
    const program = await client("program");
    for (const method of ["decideGrant", "requestGrant", "revokeGrant", "decideApplication", "submitApplication", "queryAudit", "advanceTestClock", "assignTile", "setLayout", "login"]) {
      expect(await program.call(method), method).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    expect(await program.call("openStream", { tile: 0 })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(core.calls).toEqual([]);
  });

  it("may follow the wall and play its tile's program stream", async () => {
    const program = await client("program");
    for (const method of ["getBootstrap", "getWall", "getCamera", "getAccessState", "closeStream"]) expect(await program.call(method)).toMatchObject({ ok: true });
    expect(await program.call("openStream", { tile: 0, output: "program" })).toMatchObject({ ok: true, result: "openStream" });
  });

  it("hears only the events of its kind", async () => {
    const program = await client("program");
    const consoleWin = await client();
    core.emit({ event: "accessRecordsChanged", payload: { kind: "grant", id: "g1" } });
    core.emit({ event: "wallChanged", payload: {} });
    expect((await program.nextEvent()).event).toBe("wallChanged");
    expect((await consoleWin.nextEvent()).event).toBe("accessRecordsChanged");
    expect((await consoleWin.nextEvent()).event).toBe("wallChanged");
  });
});

describe("a console connection", () => {
  it("may call everything", async () => {
    const consoleWin = await client();
    for (const method of ["decideGrant", "queryAudit", "assignTile"]) expect(await consoleWin.call(method)).toMatchObject({ ok: true });
    expect(core.calls).toEqual(["decideGrant", "queryAudit", "assignTile"]);
  });
});

it("refuses a connection that declares an unknown window kind", async () => {
  await expect(connect(server, "admin")).rejects.toThrow(/400/);
});
