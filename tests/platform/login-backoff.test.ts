// Failed logins slow down guessing per (user, address) and never lock a user out of every terminal: fifty wrong
// passwords for the commander from one address hold up neither the commander elsewhere (the console's own login to
// an embedded platform comes from 127.0.0.1) nor other users behind that address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_BASE_PATH } from "../../contract/platform-api.js";
import { PASSWORDS, startFixture, type Fixture } from "./platform-fixture.js";

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

/** A login from `address` (the platform sees the socket's address; no proxy headers are trusted). */
async function loginFrom(address: string, username: string, password: string): Promise<{ status: number; code?: string; retryAfter?: string }> {
  const res = await f.platform.app.inject({
    method: "POST",
    url: `${API_BASE_PATH}/auth/login`,
    remoteAddress: address,
    payload: { username, password, terminalId: "ws-guess" },
  });
  const body = res.json<{ error?: { code: string } }>();
  const retryAfter = res.headers["retry-after"];
  return { status: res.statusCode, ...(body.error ? { code: body.error.code } : {}), ...(typeof retryAfter === "string" ? { retryAfter } : {}) };
}

describe("login back-off", () => {
  it("holds up only the guessing (user, address) pair", async () => {
    const attacker = "10.9.8.7";
    let limited = 0;
    for (let i = 0; i < 50; i++) {
      const res = await loginFrom(attacker, "commander", `wrong-${i}`);
      if (res.status === 429) limited++;
      else expect(res.code).toBe("BAD_CREDENTIALS");
    }
    // The first five failures are free; from then on the pair waits.
    expect(limited).toBe(45);
    const waiting = await loginFrom(attacker, "commander", PASSWORDS.commander!);
    expect(waiting).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    expect(Number(waiting.retryAfter)).toBeGreaterThan(0);
    // The commander at the console (loopback) and at another terminal; another user at the attacker's address.
    expect((await loginFrom("127.0.0.1", "commander", PASSWORDS.commander!)).status).toBe(200);
    expect((await loginFrom("10.0.0.2", "commander", PASSWORDS.commander!)).status).toBe(200);
    expect((await loginFrom(attacker, "operator", PASSWORDS.operator!)).status).toBe(200);
  });
});
