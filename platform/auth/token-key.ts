// Runs in the platform API. The access-token signing key lives in its own 0600 file in the data folder
// (access-token.key), never in platform.sqlite: a copy of the database must not let anyone mint tokens (issue 10: a
// forged approver token with a year's expiry was accepted). It survives restarts, so consoles stay logged in across one.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { PlatformStore } from "../store/platform-store.js";
import { loadOrCreateSecretFile } from "../store/private-files.js";

export const TOKEN_KEY_FILE = "access-token.key";
const KEY_PATTERN = /^[0-9a-f]{64}$/;

/**
 * The key from `<dataDir>/access-token.key`, made on first start. A key an older platform kept in the database is
 * deleted (with secure_delete, so its bytes are overwritten) and NOT carried over: anyone who could read the
 * database may hold it. Access tokens it signed stop working: consoles log in again once (their sessions, opened
 * without a terminal key, could not be refreshed any more anyway).
 */
export async function loadTokenKey(store: PlatformStore, dataDir: string): Promise<Buffer> {
  if ((await store.getMeta("token_key")) !== undefined) {
    await store.write(async (db) => {
      await db.exec("PRAGMA secure_delete = ON");
      await db.run("DELETE FROM meta WHERE key = 'token_key'");
    });
  }
  const hex = loadOrCreateSecretFile(join(dataDir, TOKEN_KEY_FILE), (text) => KEY_PATTERN.test(text), () => randomBytes(32).toString("hex"));
  return Buffer.from(hex, "hex");
}
