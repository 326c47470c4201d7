// Issue 10 on the composed console (web shell composition, real relay process, the reference platform in-process):
// the data folder is the user's only (0700, files 0600, also when an older Vigil left it readable), the refresh
// token is never in vigil.db in plain text, a copy of vigil.db alone opens nothing, and a refresh token stolen from
// the disk is refused by the platform without the terminal's key — while the terminal itself resumes its session.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionState } from "../../contract/console-api.js";
import { composeConsole, type ConsoleApp } from "../../main/app/compose.js";
import { createLogger } from "../../main/log/logger.js";
import { nodeRelayLauncher } from "../../main/media/relay-process.js";
import { SessionVault } from "../../main/platform/session-vault.js";
import { Database } from "../../main/store/database.js";
import { migrate } from "../../main/store/migrations.js";
import { keyFileBox } from "../../main/store/secret-box.js";
import { SettingsRepo } from "../../main/store/settings-repo.js";
import { startFixture, type Fixture } from "../platform/platform-fixture.js";
import { buildRelayBundle } from "../support/bundles.js";

const root = mkdtempSync(join(tmpdir(), "vigil-data-folder-"));
const dataDir = join(root, "vigil");
let relayEntry = "";
let platform: Fixture;

const mode = (path: string) => statSync(path).mode & 0o777;
const open = (): Promise<ConsoleApp> =>
  composeConsole({
    shell: "web",
    version: "test",
    dataDir,
    resourcesDir: join(import.meta.dirname, "..", "..", "resources"),
    relayLauncher: nodeRelayLauncher(relayEntry),
    platformUrl: platform.url,
    platformRetryBaseMs: 200,
    log: createLogger("test", "error"),
  });

/** The stored refresh token, unsealed the way the console does (a SecretBox keyed by the data folder's key file). */
async function storedRefreshToken(boxKeyFile = join(dataDir, "secret-box.key")): Promise<string | null> {
  const db = await Database.open(join(dataDir, "vigil.db"));
  try {
    const session = await new SessionVault(new SettingsRepo(db), keyFileBox(boxKeyFile).box, "test").load();
    return session?.refreshToken ?? null;
  } finally {
    await db.close();
  }
}

/** Every byte SQLite keeps for vigil.db: the file, its WAL and its shared memory. */
function databaseBytes(): Buffer {
  return Buffer.concat(
    ["vigil.db", "vigil.db-wal", "vigil.db-shm"].flatMap((f) => {
      try {
        return [readFileSync(join(dataDir, f))];
      } catch {
        return [];
      }
    }),
  );
}

beforeAll(async () => {
  [relayEntry, platform] = await Promise.all([buildRelayBundle(), startFixture()]);
  // What a Vigil before issue 10 left: a world-readable folder and database.
  mkdirSync(dataDir, { recursive: true });
  const old = await Database.open(join(dataDir, "vigil.db"));
  await migrate(old);
  await old.close();
  chmodSync(dataDir, 0o755);
  chmodSync(join(dataDir, "vigil.db"), 0o644);
}, 60_000);

afterAll(async () => {
  await platform?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("the console's data folder and secrets at rest", () => {
  let token = "";

  it("makes the folder 0700 and every file in it 0600, and keeps the refresh token only sealed", async () => {
    const app = await open();
    try {
      expect(mode(dataDir)).toBe(0o700);
      for (const file of ["vigil.db", "vigil.db-wal", "vigil.db-shm", "secret-box.key", "terminal.key"]) expect([file, mode(join(dataDir, file))]).toEqual([file, 0o600]);
      const outcome = await app.core.call("login", { username: "operator", password: "Vigil-operator-2024" });
      expect(outcome.ok && (outcome.result as SessionState).user?.username).toBe("operator");
      await expect.poll(() => storedRefreshToken(), { timeout: 10_000 }).not.toBeNull();
    } finally {
      await app.dispose();
    }
    token = (await storedRefreshToken())!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // Not in the database's bytes: neither the file, nor its WAL.
    expect(databaseBytes().includes(Buffer.from(token))).toBe(false);
    // A copy of vigil.db without the data folder's key file opens nothing.
    expect(await storedRefreshToken(join(root, "another-box.key"))).toBeNull();
  }, 60_000);

  it("resumes the session on this terminal, and the platform refuses the token stolen off the disk", async () => {
    const app = await open();
    try {
      expect((await app.core.call("getSession", {})).ok).toBe(true);
      // Back online means the refresh (with the terminal's proof) went through.
      await expect.poll(() => app.platform.status.state, { timeout: 20_000 }).toBe("online");
      expect(app.platform.user?.user.username).toBe("operator");
      await expect.poll(() => storedRefreshToken(), { timeout: 10_000 }).not.toBe(token);
    } finally {
      await app.dispose();
    }
    const stolen = (await storedRefreshToken())!;
    const db = await Database.open(join(dataDir, "vigil.db"));
    const terminalId = JSON.parse((await db.get<{ value: string }>("SELECT value FROM settings WHERE key = 'terminalId'"))!.value) as string;
    await db.close();
    // Whoever took the refresh token and the terminal id (e.g. from an older Vigil's plain-text vigil.db), without the
    // terminal's private key, is refused — and the session is revoked.
    const replay = await platform.call("POST", "/auth/refresh", { body: { refreshToken: stolen, terminalId } });
    expect(replay.status).toBe(401);
    expect(replay.body.error?.code).toBe("TERMINAL_MISMATCH");
  }, 60_000);
});
