// Test helper: the platform API in-process on a temp data dir, with a clock the test moves, and a small client.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { API_BASE_PATH, type TokenPair } from "../../contract/platform-api.js";
import type { PlatformConfig } from "../../platform/api/platform-services.js";
import { startPlatformServer, type PlatformServer } from "../../platform/platform-server.js";

export type Answer = { status: number; body: { ok: boolean; data?: unknown; error?: { code: string; message: string; reason?: string } }; headers: Headers };

export interface Fixture {
  platform: PlatformServer;
  url: string;
  clock: { offsetMs: number };
  mediaKey: Buffer;
  call(method: string, path: string, opts?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<Answer>;
  login(username: string, terminalId?: string): Promise<TokenPair>;
  close(): Promise<void>;
}

export const PASSWORDS: Record<string, string> = {
  operator: "Vigil-operator-2024",
  commander: "Vigil-commander-2024",
  media: "Vigil-media-2024",
  approver: "Vigil-approver-2024",
  auditor: "Vigil-auditor-2024",
};

export async function startFixture(opts: { scale?: number; mediaBaseUrl?: string; mediaKey?: Buffer; config?: Partial<PlatformConfig>; onRoute?: (m: string, u: string) => void } = {}): Promise<Fixture> {
  const dataDir = mkdtempSync(join(tmpdir(), "vigil-platform-test-"));
  const clock = { offsetMs: 0 };
  const mediaKey = opts.mediaKey ?? randomBytes(32);
  const platform = await startPlatformServer({
    dataDir,
    mediaBaseUrl: opts.mediaBaseUrl ?? "http://127.0.0.1:9",
    mediaKey,
    scale: opts.scale ?? 0,
    statusIntervalMs: 0,
    now: () => Date.now() + clock.offsetMs,
    ...(opts.config ? { config: opts.config } : {}),
    ...(opts.onRoute ? { onRoute: opts.onRoute } : {}),
  });
  const url = await platform.listen(0);
  const call: Fixture["call"] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined) headers["content-type"] ??= "application/json";
    const res = await fetch(`${url}${API_BASE_PATH}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    return { status: res.status, body: (await res.json()) as Answer["body"], headers: res.headers };
  };
  return {
    platform,
    url,
    clock,
    mediaKey,
    call,
    async login(username, terminalId = "ws-01") {
      const res = await call("POST", "/auth/login", { body: { username, password: PASSWORDS[username], terminalId } });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.data as TokenPair;
    },
    async close() {
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
