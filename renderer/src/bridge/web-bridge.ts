// Runs in the renderer (web shell only). Implements ConsoleApi over ws://<host>/api (the browser sends the shell's
// HttpOnly session cookie with the handshake; nothing secret is in any URL):
// requests {id, method, params} → responses {id, ok, result|error}; events {event, payload}.
// Results and events are validated by the shared contract client; the socket reconnects with backoff.
import {
  ConsoleApiError,
  type ApiError,
  type ConsoleApi,
  type ConsoleEventName,
  type ConsoleMethodName,
  type RpcEvent,
  type RpcOutcome,
} from "../../../contract/console-api.js";
import { createConsoleClient } from "../../../contract/console-client.js";
import type { ConnectionMonitor, ConnectionState } from "./connection.js";
import { RECONNECT_BACKOFF, backoffDelayMs } from "../shared/backoff.js";

type Pending = { resolve: (value: RpcOutcome) => void; reject: (err: Error) => void };

/** Per-call deadline; the core answers in milliseconds, a silent socket must not hang a tile forever. */
const CALL_TIMEOUT_MS = 15_000;

/** The API socket of this page's shell; a program-output page says so (`view=program`: that window kind's methods only). */
export function apiSocketUrl(location: Pick<Location, "host" | "protocol" | "search">): string {
  const view = new URLSearchParams(location.search).get("view");
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/api${view === null ? "" : `?view=${encodeURIComponent(view)}`}`;
}

export function createWebBridge(url: string): { api: ConsoleApi; connection: ConnectionMonitor } {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let generation = 0;
  let attempt = 0;
  let state: ConnectionState = { status: "connecting", attempt: 1 };
  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(event: RpcEvent) => void>();
  const stateListeners = new Set<(s: ConnectionState) => void>();

  function setState(next: ConnectionState): void {
    state = next;
    for (const l of stateListeners) l(next);
  }

  function failAll(message: string): void {
    for (const [id, p] of pending) {
      pending.delete(id);
      p.reject(new ConsoleApiError("INTERNAL", message));
    }
  }

  function connect(): void {
    attempt += 1;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      generation += 1;
      setState({ status: "open", generation });
    };
    ws.onmessage = (ev) => onMessage(ev.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      failAll("connection to the console core lost");
      const retryInMs = backoffDelayMs(attempt, RECONNECT_BACKOFF);
      setState({ status: "reconnecting", attempt, retryInMs });
      setTimeout(connect, retryInMs);
    };
    // onerror is always followed by onclose; nothing to do here.
    ws.onerror = () => {};
  }

  function onMessage(data: unknown): void {
    if (typeof data !== "string") return;
    let msg: unknown;
    try {
      msg = JSON.parse(data);
    } catch {
      console.warn("vigil bridge: dropped a non-JSON message");
      return;
    }
    if (typeof msg !== "object" || msg === null) return;
    const m = msg as Record<string, unknown>;
    if (typeof m.id === "number") {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      // Shape checks of results and error codes happen once, in the shared client.
      p.resolve(m.ok === true ? { ok: true, result: m.result } : { ok: false, error: m.error as ApiError });
      return;
    }
    if (typeof m.event === "string") {
      for (const l of eventListeners) l({ event: m.event as ConsoleEventName, payload: m.payload });
    }
  }

  function call(method: ConsoleMethodName, params: unknown): Promise<RpcOutcome> {
    const ws = socket;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      return Promise.reject(new ConsoleApiError("INTERNAL", "not connected to the console core"));
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (pending.delete(id)) reject(new ConsoleApiError("INTERNAL", `${method} timed out`));
      }, CALL_TIMEOUT_MS);
      pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      ws.send(JSON.stringify({ id, method, params }));
    });
  }

  const api = createConsoleClient({
    call,
    subscribe(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
  });

  const connection: ConnectionMonitor = {
    current: () => state,
    subscribe(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };

  connect();
  return { api, connection };
}
