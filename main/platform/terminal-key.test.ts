// The terminal key file and the key-file SecretBox on a real temp folder: created 0600, reloaded as the same key,
// replaced (old public key kept as retired) when it can no longer be unsealed, set aside when damaged.
import { randomBytes, verify, createPublicKey } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { aesGcmBox, keyFileBox } from "../store/secret-box.js";
import { loadTerminalKey, readTerminalPublicKeys } from "./terminal-key.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "vigil-terminal-key-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("terminal key", () => {
  it("is made once (0600), reloads as the same key, and signs verifiably; the private key is only stored sealed", () => {
    const box = aesGcmBox(randomBytes(32));
    const file = join(dir, "terminal.key");
    const first = loadTerminalKey(file, box);
    expect(first.warning).toBeUndefined();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).not.toContain("PRIVATE KEY");
    const again = loadTerminalKey(file, box).key;
    expect(again.publicKey).toBe(first.key.publicKey);
    const message = Buffer.from("hello");
    const pub = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: again.publicKey }, format: "jwk" });
    expect(verify(null, message, pub, Buffer.from(first.key.sign(message), "base64url"))).toBe(true);
    expect(readTerminalPublicKeys(file)).toEqual([again.publicKey]);
  });

  it("is replaced when its seal can't be opened (keystore changed), keeping the old public key as retired", () => {
    const file = join(dir, "terminal.key");
    const old = loadTerminalKey(file, aesGcmBox(randomBytes(32))).key;
    const replaced = loadTerminalKey(file, aesGcmBox(randomBytes(32)));
    expect(replaced.warning).toMatch(/replaced: its private key can no longer be unsealed/);
    expect(replaced.key.publicKey).not.toBe(old.publicKey);
    expect(replaced.key.retired).toEqual([old.publicKey]);
    expect(readTerminalPublicKeys(file)).toEqual([replaced.key.publicKey, old.publicKey]);
  });

  it("sets a damaged file aside and starts anew", () => {
    const file = join(dir, "terminal.key");
    writeFileSync(file, "garbage");
    const made = loadTerminalKey(file, aesGcmBox(randomBytes(32)));
    expect(made.warning).toMatch(/damaged/);
    expect(readdirSync(dir).some((f) => f.startsWith("terminal.key.damaged-"))).toBe(true);
    expect(readTerminalPublicKeys(file)).toEqual([made.key.publicKey]);
    expect(readTerminalPublicKeys(join(dir, "nowhere.key"))).toBeNull();
  });
});

describe("key-file SecretBox", () => {
  it("seals with a 0600 key file; another key (a copied database alone) or a changed byte opens nothing", () => {
    const chosen = keyFileBox(join(dir, "secret-box.key"));
    expect(statSync(join(dir, "secret-box.key")).mode & 0o777).toBe(0o600);
    const sealed = chosen.box.encryptString("refresh-token-value");
    expect(sealed.includes(Buffer.from("refresh-token-value"))).toBe(false);
    expect(keyFileBox(join(dir, "secret-box.key")).box.decryptString(sealed)).toBe("refresh-token-value");
    expect(() => keyFileBox(join(dir, "other.key")).box.decryptString(sealed)).toThrow();
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => chosen.box.decryptString(flipped)).toThrow();
  });

  it("replaces a damaged key file, saying so", () => {
    writeFileSync(join(dir, "secret-box.key"), "not hex");
    const chosen = keyFileBox(join(dir, "secret-box.key"));
    expect(chosen.warning).toMatch(/damaged/);
    expect(existsSync(join(dir, "secret-box.key"))).toBe(true);
    expect(chosen.box.decryptString(chosen.box.encryptString("x"))).toBe("x");
  });
});
