// Runs in main. Keeps the platform session across restarts: the refresh token (encrypted with Electron's
// safeStorage where available) and who was logged in, so the console can start offline from its cache.
import { z } from "zod";
import { MeSchema, type Me } from "../../contract/platform-api.js";
import type { SettingsRepo } from "../store/settings-repo.js";

/** Electron's safeStorage, or nothing (web shell). */
export type SecretBox = { isEncryptionAvailable(): boolean; encryptString(s: string): Buffer; decryptString(b: Buffer): string };

const StoredSessionSchema = z.object({
  platformUrl: z.string(),
  /** base64 of safeStorage ciphertext, or the token itself when `encrypted` is false. */
  refreshToken: z.string(),
  encrypted: z.boolean(),
  me: MeSchema,
});

export type StoredSession = { platformUrl: string; refreshToken: string; me: Me };

export class SessionVault {
  constructor(
    private readonly settings: SettingsRepo,
    private readonly box: SecretBox | null,
  ) {}

  /** Where tokens are kept, for the operations log. */
  get protection(): string {
    return this.box?.isEncryptionAvailable() ? "OS keychain (safeStorage)" : "the local database (file permissions only)";
  }

  async load(): Promise<StoredSession | null> {
    const stored = await this.settings.get("platformSession", StoredSessionSchema.nullable(), null);
    if (!stored) return null;
    try {
      const refreshToken = stored.encrypted
        ? (this.box?.decryptString(Buffer.from(stored.refreshToken, "base64")) ?? null)
        : stored.refreshToken;
      return refreshToken ? { platformUrl: stored.platformUrl, refreshToken, me: stored.me } : null;
    } catch {
      return null; // keychain changed: the user logs in again
    }
  }

  async save(session: StoredSession): Promise<void> {
    const encrypt = this.box?.isEncryptionAvailable() ?? false;
    await this.settings.set("platformSession", {
      platformUrl: session.platformUrl,
      refreshToken: encrypt ? this.box!.encryptString(session.refreshToken).toString("base64") : session.refreshToken,
      encrypted: encrypt,
      me: session.me,
    });
  }

  async clear(): Promise<void> {
    await this.settings.set("platformSession", null);
  }
}
