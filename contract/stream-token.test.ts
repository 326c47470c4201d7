import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signToken } from "./signed-token.js";
import { mintStreamToken, verifyStreamToken } from "./stream-token.js";

const key = randomBytes(32);
const now = 1_750_000_000_000;
const claims = { channel: "52030200011326000001", session: "s-1", deadline: now + 60_000 };

describe("stream tokens", () => {
  it("verifies a token it minted and returns its claims", () => {
    const token = mintStreamToken(key, claims);
    expect(verifyStreamToken(key, token, claims.channel, now)).toEqual({ ok: true, claims });
  });

  it("refuses a token signed with another key", () => {
    const token = mintStreamToken(randomBytes(32), claims);
    expect(verifyStreamToken(key, token, claims.channel, now)).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("refuses an edited payload (a forged later deadline)", () => {
    const token = mintStreamToken(key, claims);
    const [, mac] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ c: claims.channel, s: claims.session, d: now + 10 ** 9 })).toString("base64url");
    expect(verifyStreamToken(key, `${forged}.${mac}`, claims.channel, now).ok).toBe(false);
  });

  it("refuses a token for another channel", () => {
    const token = mintStreamToken(key, claims);
    expect(verifyStreamToken(key, token, "52030200011326000002", now)).toEqual({ ok: false, reason: "wrong-channel" });
  });

  it("refuses a token at and after its deadline", () => {
    const token = mintStreamToken(key, claims);
    expect(verifyStreamToken(key, token, claims.channel, claims.deadline)).toEqual({ ok: false, reason: "expired" });
    expect(verifyStreamToken(key, token, claims.channel, claims.deadline - 1).ok).toBe(true);
  });

  it("refuses a token of another kind signed with the same key (purpose separation)", () => {
    const other = signToken(key, "vigil-media", { c: claims.channel, s: claims.session, d: claims.deadline });
    expect(verifyStreamToken(key, other, claims.channel, now)).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("refuses garbage", () => {
    for (const garbage of ["", ".", "abc", "a.b.c", "%%%.###"]) {
      expect(verifyStreamToken(key, garbage, claims.channel, now).ok).toBe(false);
    }
  });
});
