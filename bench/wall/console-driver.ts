// Runs in the bench:wall orchestrator. Starts the real console (web shell: core, embedded demo platform, relay) and
// drives it through its own ConsoleApi over the page's WebSocket — the same calls the UI makes — so the wall is set
// up exactly as an operator's would be, without depending on drag-and-drop timing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { startChild, waitForLine, type Child } from "../common/children.js";
import { repoRoot } from "../common/report.js";

export interface RunningConsole {
  url: string;
  child: Child;
  stop(): Promise<void>;
}

export async function startConsole(): Promise<RunningConsole> {
  const dataDir = mkdtempSync(join(tmpdir(), "vigil-bench-wall-"));
  const child = startChild("console", process.execPath, [join(repoRoot, "dist", "main", "web-main.cjs"), "--no-open", "--data-dir", dataDir], { cwd: repoRoot });
  const m = await waitForLine(child, /^console: (http:\/\/\S+)$/, 30_000);
  return {
    url: m[1]!,
    child,
    async stop() {
      await child.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type Rpc = { __benchRpc?: (method: string, params: unknown) => Promise<unknown> };

/** Calls a ConsoleApi method from inside the console page (its socket carries the session cookie). */
export async function rpc<T = unknown>(page: Page, method: string, params: unknown = {}): Promise<T> {
  return (await page.evaluate(
    async ([m, p]) => {
      const w = window as unknown as Rpc;
      if (!w.__benchRpc) {
        const ws = new WebSocket(`${location.origin.replace("http", "ws")}/api`);
        await new Promise((resolve, reject) => {
          ws.onopen = resolve;
          ws.onerror = () => reject(new Error("console API refused the bench connection"));
        });
        const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
        let next = 1;
        ws.onmessage = (msg) => {
          const r = JSON.parse(String(msg.data)) as { id?: number; ok?: boolean; result?: unknown; error?: { code: string; message: string } };
          if (r.id === undefined) return;
          const waiter = pending.get(r.id);
          pending.delete(r.id);
          if (r.ok) waiter?.resolve(r.result);
          else waiter?.reject(new Error(`${r.error?.code}: ${r.error?.message}`));
        };
        w.__benchRpc = (method, params) =>
          new Promise((resolve, reject) => {
            const id = next++;
            pending.set(id, { resolve, reject });
            ws.send(JSON.stringify({ id, method, params }));
          });
      }
      return w.__benchRpc(m, p);
    },
    [method, params] as const,
  )) as T;
}

interface SessionState {
  user: { username: string } | null;
  demoAccounts: Array<{ username: string; password: string; roles: string[] }>;
}

/** Logs in with the demo platform's operator account when the console asks for a login. */
export async function ensureLoggedIn(page: Page): Promise<string | null> {
  let session: SessionState;
  try {
    session = await rpc<SessionState>(page, "getSession");
  } catch {
    return null; // a console without sessions (older build): nothing to do
  }
  if (session.user) return session.user.username;
  const account = session.demoAccounts.find((a) => a.roles.includes("operator")) ?? session.demoAccounts[0];
  if (!account) throw new Error("the console wants a login and its platform offers no demo account");
  await rpc(page, "login", { username: account.username, password: account.password });
  return account.username;
}

interface CameraView {
  id: string;
  online: boolean;
  access?: { allowed: boolean };
}

/** Online cameras this operator may watch, found through the console's own search. */
export async function playableCameras(page: Page, wanted: number, timeoutMs = 60_000): Promise<string[]> {
  const until = Date.now() + timeoutMs;
  let found: string[] = [];
  while (Date.now() < until) {
    for (const query of ["区", "县", "市", "路"]) {
      try {
        const pageOf = await rpc<{ items: CameraView[] }>(page, "searchCameras", { query, limit: 500 });
        for (const c of pageOf.items) if (c.online && c.access?.allowed !== false && !found.includes(c.id)) found.push(c.id);
      } catch {
        /* catalog still syncing */
      }
      if (found.length >= wanted) return found.slice(0, wanted);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  found = found.slice(0, wanted);
  if (found.length === 0) throw new Error("no playable camera found in the console's catalog");
  return found;
}
