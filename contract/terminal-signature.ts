// Runs in Node processes (node:crypto): main signs, the platform and the audit:verify CLI verify. What a console
// terminal signs with its Ed25519 key, and the check. The public key travels as base64url of its 32 raw bytes; each
// message starts with its purpose, so a signature of one kind can never pass as another.
import { createPublicKey, verify, type KeyObject } from "node:crypto";

/** A refresh proves the terminal holds the key registered at login (issue 10: a copied refresh token is useless alone). */
export function refreshProofMessage(terminalId: string, refreshToken: string): Buffer {
  return Buffer.from(`vigil-refresh.v1\n${terminalId}\n${refreshToken}`, "utf8");
}

/** What an audit checkpoint signs: the chain of `terminalId` up to record `seq`, whose hash is `hash`. */
export function checkpointMessage(c: { terminalId: string; seq: number; hash: string; count: number; signedAt: number }): Buffer {
  return Buffer.from(`vigil-audit-checkpoint.v1\n${c.terminalId}\n${c.seq}\n${c.hash}\n${c.count}\n${c.signedAt}`, "utf8");
}

/** The KeyObject of a base64url raw Ed25519 public key; null when it is not one. */
export function terminalPublicKey(publicKey: string): KeyObject | null {
  try {
    return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: publicKey }, format: "jwk" });
  } catch {
    return null;
  }
}

/** True when `signature` (base64url) is `publicKey`'s Ed25519 signature of `message`. Never throws. */
export function verifyTerminalSignature(publicKey: string, message: Buffer, signature: string): boolean {
  const key = terminalPublicKey(publicKey);
  if (!key) return false;
  const sig = Buffer.from(signature, "base64url");
  if (sig.length !== 64) return false;
  try {
    return verify(null, message, key, sig);
  } catch {
    return false;
  }
}
