// Issue 10 on the reference platform: the refresh token is bound to the terminal's key (a stolen token replayed
// without it is refused, and its session revoked), the terminal comes from the session and not from token claims,
// and the access-token signing key lives in a 0600 key file — a key an older platform kept in platform.sqlite is
// dropped, so tokens forged with it are refused.
import { generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_BASE_PATH, TokenPairSchema, type TokenPair } from "../../contract/platform-api.js";
import { refreshProofMessage } from "../../contract/terminal-signature.js";
import { mintAccessToken } from "../../platform/auth/access-token.js";
import { TOKEN_KEY_FILE } from "../../platform/auth/token-key.js";
import { startPlatformServer, type PlatformServer } from "../../platform/platform-server.js";
import { PASSWORDS, startFixture, type Answer, type Fixture } from "./platform-fixture.js";

function terminalKeyPair() {
  const pair = generateKeyPairSync("ed25519");
  return {
    publicKey: pair.publicKey.export({ format: "jwk" }).x!,
    proof: (terminalId: string, refreshToken: string) => sign(null, refreshProofMessage(terminalId, refreshToken), pair.privateKey).toString("base64url"),
  };
}

describe("refresh tokens bound to the terminal's key", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
  });
  afterAll(() => f.close());

  const login = async (username: string, terminalId: string, terminalKey?: string): Promise<TokenPair> => {
    const res = await f.call("POST", "/auth/login", { body: { username, password: PASSWORDS[username], terminalId, ...(terminalKey ? { terminalKey } : {}) } });
    expect(res.status).toBe(200);
    return TokenPairSchema.parse(res.body.data);
  };
  const refresh = (body: Record<string, string>): Promise<Answer> => f.call("POST", "/auth/refresh", { body });

  it("refreshes the terminal that proves its key, and refuses a stolen token without it (revoking the session)", async () => {
    const terminal = terminalKeyPair();
    const pair = await login("approver", "ws-bound", terminal.publicKey);
    const ok = await refresh({ refreshToken: pair.refreshToken, terminalId: "ws-bound", proof: terminal.proof("ws-bound", pair.refreshToken) });
    expect(ok.status).toBe(200);
    const current = TokenPairSchema.parse(ok.body.data);

    // The thief read the current refresh token (and the terminal id) off the disk, but not the terminal's key.
    const stolen = await refresh({ refreshToken: current.refreshToken, terminalId: "ws-bound" });
    expect(stolen.status).toBe(401);
    expect(stolen.body.error).toMatchObject({ code: "TERMINAL_MISMATCH", message: expect.stringContaining("revoked") });
    // The token is known to be out: the session ends, for the terminal too (its user logs in again).
    expect((await f.call("GET", "/me", { token: current.accessToken })).body.error?.code).toBe("TOKEN_REVOKED");
    const after = await refresh({ refreshToken: current.refreshToken, terminalId: "ws-bound", proof: terminal.proof("ws-bound", current.refreshToken) });
    expect(after.body.error?.code).toBe("TOKEN_REVOKED");
  });

  it("refuses a proof made with another key, and a malformed one", async () => {
    const terminal = terminalKeyPair();
    const thief = terminalKeyPair();
    const pair = await login("operator", "ws-bound-2", terminal.publicKey);
    const forged = await refresh({ refreshToken: pair.refreshToken, terminalId: "ws-bound-2", proof: thief.proof("ws-bound-2", pair.refreshToken) });
    expect(forged.status).toBe(401);
    expect(forged.body.error?.code).toBe("TERMINAL_MISMATCH");

    const other = await login("operator", "ws-bound-3", terminal.publicKey);
    // A proof over another token (replayed from an earlier refresh) proves nothing about this one.
    const replayed = await refresh({ refreshToken: other.refreshToken, terminalId: "ws-bound-3", proof: terminal.proof("ws-bound-3", pair.refreshToken) });
    expect(replayed.body.error?.code).toBe("TERMINAL_MISMATCH");
    expect((await refresh({ refreshToken: other.refreshToken, terminalId: "ws-bound-3", proof: "not-a-signature" })).status).toBe(400);
    expect((await f.call("POST", "/auth/login", { body: { username: "operator", password: PASSWORDS.operator, terminalId: "ws-x", terminalKey: "A".repeat(42) } })).status).toBe(400);
  });

  it("cannot refresh a session that registered no terminal key, and names the terminal from the session", async () => {
    const pair = await login("media", "ws-unbound");
    const res = await refresh({ refreshToken: pair.refreshToken, terminalId: "ws-unbound" });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: "TERMINAL_MISMATCH", message: expect.stringContaining("no terminal key") });
    const terminal = terminalKeyPair();
    const bound = await login("media", "ws-media", terminal.publicKey);
    // The access token carries no terminal claim to trust: /me names the session's terminal.
    const claims = JSON.parse(Buffer.from(bound.accessToken.split(".")[0]!, "base64url").toString("utf8")) as Record<string, unknown>;
    expect(claims).not.toHaveProperty("tid");
    expect((await f.call("GET", "/me", { token: bound.accessToken })).body.data).toMatchObject({ terminalId: "ws-media" });
  });
});

describe("the access-token signing key", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "vigil-token-key-"));
  const start = (): Promise<PlatformServer> => startPlatformServer({ dataDir, mediaBaseUrl: "http://127.0.0.1:9", mediaKey: Buffer.alloc(32, 7), statusIntervalMs: 0 });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function call(url: string, method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${url}${API_BASE_PATH}${path}`, { method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
    return { status: res.status, body: (await res.json()) as Answer["body"], headers: res.headers };
  }

  it("lives in a 0600 key file, not in platform.sqlite; a key an older platform kept there no longer signs anything", async () => {
    let platform = await start();
    let url = await platform.listen(0);
    const keyFile = join(dataDir, TOKEN_KEY_FILE);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const fileKey = readFileSync(keyFile, "utf8").trim();
    expect(fileKey).toMatch(/^[0-9a-f]{64}$/);
    expect(await platform.store.getMeta("token_key")).toBeUndefined();
    const login = await call(url, "POST", "/auth/login", { body: { username: "approver", password: PASSWORDS.approver, terminalId: "ws-01" } });
    const pair = TokenPairSchema.parse(login.body.data);
    const { sid, sub } = JSON.parse(Buffer.from(pair.accessToken.split(".")[0]!, "base64url").toString("utf8")) as { sid: string; sub: string };

    // What an older platform left: the signing key in the database, where anyone who can read the file finds it.
    const leakedKey = "ab".repeat(32);
    await platform.store.write((db) => db.run("INSERT INTO meta (key, value) VALUES ('token_key', ?)", [leakedKey]));
    await platform.close();

    platform = await start();
    url = await platform.listen(0);
    try {
      expect(await platform.store.getMeta("token_key")).toBeUndefined();
      // An approver token with a year's expiry, forged with the key read from the database: refused.
      const now = Date.now();
      const forged = mintAccessToken(Buffer.from(leakedKey, "hex"), { sub, sid, iat: now, exp: now + 365 * 24 * 3600_000 });
      const answer = await call(url, "GET", "/me", { token: forged });
      expect(answer.status).toBe(401);
      expect(answer.body.error?.code).toBe("TOKEN_INVALID");
      // The key in the file survived the restart: the real token still works.
      expect(readFileSync(keyFile, "utf8").trim()).toBe(fileKey);
      expect((await call(url, "GET", "/me", { token: pair.accessToken })).status).toBe(200);
    } finally {
      await platform.close();
    }
    // The deleted key's bytes were overwritten (secure_delete), not just unlinked from the table.
    const raw = Buffer.concat(["platform.sqlite", "platform.sqlite-wal"].flatMap((f) => {
      try {
        return [readFileSync(join(dataDir, f))];
      } catch {
        return [];
      }
    }));
    expect(raw.includes(Buffer.from(leakedKey))).toBe(false);
    expect(raw.includes(Buffer.from(fileKey))).toBe(false);
  });
});
