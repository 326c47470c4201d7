// Login, token expiry, refresh rotation bound to a terminal, revocation, rate limiting, malformed requests.
import { generateKeyPairSync, sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MeSchema, PlatformInfoSchema, TokenPairSchema } from "../../contract/platform-api.js";
import { refreshProofMessage } from "../../contract/terminal-signature.js";
import { PASSWORDS, startFixture, type Fixture } from "./platform-fixture.js";

/** A terminal's key pair: the public key for login, proofs for refresh (contract/terminal-signature.ts). */
const terminal = generateKeyPairSync("ed25519");
const terminalKey = terminal.publicKey.export({ format: "jwk" }).x!;
const proof = (terminalId: string, refreshToken: string) => sign(null, refreshProofMessage(terminalId, refreshToken), terminal.privateKey).toString("base64url");

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

describe("auth", () => {
  it("shows demo accounts for every role on a demo platform", async () => {
    const res = await f.call("GET", "/info");
    const info = PlatformInfoSchema.parse(res.body.data);
    expect(info.demo).toBe(true);
    expect(info.demoAccounts.flatMap((a) => a.roles)).toEqual(expect.arrayContaining(["operator", "commander", "media", "approver", "auditor"]));
  });

  it("logs in and answers /me", async () => {
    const pair = TokenPairSchema.parse(await f.login("operator"));
    expect(Date.parse(pair.accessExpiresAt) - Date.now()).toBeLessThanOrEqual(10 * 60_000 + 1000);
    const me = await f.call("GET", "/me", { token: pair.accessToken });
    expect(me.status).toBe(200);
    expect(MeSchema.parse(me.body.data)).toMatchObject({ user: { username: "operator" }, roles: ["operator"], terminalId: "ws-01" });
  });

  it("refuses a wrong password and a missing or forged token", async () => {
    const bad = await f.call("POST", "/auth/login", { body: { username: "operator", password: "nope", terminalId: "ws-01" } });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ ok: false, error: { code: "BAD_CREDENTIALS" } });
    expect((await f.call("GET", "/me")).body.error?.code).toBe("UNAUTHENTICATED");
    const pair = await f.login("operator");
    const forged = `${pair.accessToken.split(".")[0] ?? ""}.AAAA`;
    const res = await f.call("GET", "/me", { token: forged });
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe("TOKEN_INVALID");
  });

  it("expires access tokens; refresh rotates and is bound to the terminal", async () => {
    const login = await f.call("POST", "/auth/login", { body: { username: "commander", password: PASSWORDS.commander, terminalId: "ws-07", terminalKey } });
    const pair = TokenPairSchema.parse(login.body.data);
    f.clock.offsetMs = 11 * 60_000;
    try {
      const expired = await f.call("GET", "/me", { token: pair.accessToken });
      expect(expired.status).toBe(401);
      expect(expired.body.error?.code).toBe("TOKEN_EXPIRED");
      const wrongTerminal = await f.call("POST", "/auth/refresh", { body: { refreshToken: pair.refreshToken, terminalId: "ws-99", proof: proof("ws-99", pair.refreshToken) } });
      expect(wrongTerminal.status).toBe(401);
      expect(wrongTerminal.body.error?.code).toBe("TERMINAL_MISMATCH");
      const fresh = await f.call("POST", "/auth/refresh", { body: { refreshToken: pair.refreshToken, terminalId: "ws-07", proof: proof("ws-07", pair.refreshToken) } });
      expect(fresh.status).toBe(200);
      const next = TokenPairSchema.parse(fresh.body.data);
      expect(next.refreshToken).not.toBe(pair.refreshToken);
      expect((await f.call("GET", "/me", { token: next.accessToken })).status).toBe(200);
      // The rotated-out refresh token comes back: it leaked, so the whole session ends.
      const reuse = await f.call("POST", "/auth/refresh", { body: { refreshToken: pair.refreshToken, terminalId: "ws-07", proof: proof("ws-07", pair.refreshToken) } });
      expect(reuse.body.error?.code).toBe("TOKEN_REVOKED");
      const after = await f.call("GET", "/me", { token: next.accessToken });
      expect(after.body.error?.code).toBe("TOKEN_REVOKED");
    } finally {
      f.clock.offsetMs = 0;
    }
  });

  it("logout revokes the access and refresh tokens at once", async () => {
    const pair = await f.login("auditor");
    const out = await f.call("POST", "/auth/logout", { token: pair.accessToken });
    expect(out.body).toEqual({ ok: true, data: { revoked: true } });
    expect((await f.call("GET", "/me", { token: pair.accessToken })).body.error?.code).toBe("TOKEN_REVOKED");
    const refresh = await f.call("POST", "/auth/refresh", { body: { refreshToken: pair.refreshToken, terminalId: "ws-01" } });
    expect(refresh.body.error?.code).toBe("TOKEN_REVOKED");
  });

  it("rate-limits failed logins per username with 429 and Retry-After", async () => {
    const attempt = () => f.call("POST", "/auth/login", { body: { username: "mallory", password: "guess", terminalId: "ws-01" } });
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.body.error?.code).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Other users are not locked out by mallory's failures.
    expect((await f.login("media")).me.user.username).toBe("media");
  });

  it("answers malformed requests with 400 and a message naming the field", async () => {
    const missing = await f.call("POST", "/auth/login", { body: { username: "operator", password: "x" } });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.code).toBe("BAD_REQUEST");
    expect(missing.body.error?.message).toContain("body.terminalId");
    const garbage = await f.call("POST", "/auth/login", { raw: "{not json" });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error?.message).toMatch(/malformed request/);
    const unknown = await f.call("GET", "/nope");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe("NOT_FOUND");
  });
});
