// Runs in bench orchestrators. The ConsoleApi over the web shell's WebSocket, from Node: the same contract client
// the renderer uses, so results and events are validated exactly as in a window.
import WebSocket from "ws";
import type { ConsoleApi, RpcEvent, RpcOutcome } from "../../contract/console-api.js";
import { createConsoleClient } from "../../contract/console-client.js";

/** The web shell's session, for a browser the bench opens on the console (its cookie jar takes it). */
export type ConsoleSession = { origin: string; cookie: { name: string; value: string } };

/** Connects with the one-time launch link the console printed, exchanged for the session cookie as a browser would. */
export async function connectConsole(launchUrl: string): Promise<{ api: ConsoleApi; session: ConsoleSession; close(): void }> {
  const url = new URL(launchUrl);
  const answer = await fetch(launchUrl, { redirect: "manual" });
  const [name = "", value = ""] = (answer.headers.get("set-cookie")?.split(";")[0] ?? "").split("=");
  if (answer.status !== 303 || !value) throw new Error(`the console refused its launch link (HTTP ${answer.status})`);
  const ws = new WebSocket(`ws://${url.host}/api`, { headers: { Origin: url.origin, Cookie: `${name}=${value}` } });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  let nextId = 1;
  const pending = new Map<number, (o: RpcOutcome) => void>();
  const listeners = new Set<(e: RpcEvent) => void>();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data)) as Record<string, unknown>;
    if (typeof msg.id === "number") {
      pending.get(msg.id)?.(msg as unknown as RpcOutcome);
      pending.delete(msg.id);
    } else if (typeof msg.event === "string") {
      for (const l of listeners) l(msg as unknown as RpcEvent);
    }
  });
  const api = createConsoleClient({
    call: (method, params) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, method, params }));
      }),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return { api, session: { origin: url.origin, cookie: { name, value } }, close: () => ws.close() };
}
