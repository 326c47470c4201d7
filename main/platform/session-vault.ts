// Runs in main. Keeps the platform session across restarts: the refresh token, sealed by the SecretBox (the OS
// keystore, or the key-file box of the web shell: never in plain text in vigil.db), and who was logged in, so the
// console can start offline from its cache.
import { z } from "zod";
import { MeSchema, type Me } from "../../contract/platform-api.js";
import type { SecretBox } from "../store/secret-box.js";
import type { SettingsRepo } from "../store/settings-repo.js";

const StoredSessionSchema = z.object({
  platformUrl: z.string(),
  /** base64 of the SecretBox's sealing; a Vigil before issue 10 stored the token itself here (`encrypted` false). */
  refreshToken: z.string(),
  encrypted: z.boolean(),
  me: MeSchema,
});

export type StoredSession = { platformUrl: string; refreshToken: string; me: Me };

/** Why load() found nothing usable, for the operations log. */
export type VaultMiss = "none" | "unreadable" | "plaintext";

export class SessionVault {
  private miss: VaultMiss = "none";

  constructor(
    private readonly settings: SettingsRepo,
    private readonly box: SecretBox,
    /** Where tokens are kept, for the operations log (e.g. "the OS keystore (safeStorage)"). */
    readonly protection: string,
  ) {}

  /** Why the last load() returned null. */
  get lastMiss(): VaultMiss {
    return this.miss;
  }

  async load(): Promise<StoredSession | null> {
    this.miss = "none";
    const stored = await this.settings.get("platformSession", StoredSessionSchema.nullable(), null);
    if (!stored) return null;
    if (!stored.encrypted) {
      // Written in the clear by an older Vigil: it may have been copied, and its session can't prove this terminal
      // anyway (no terminal key at its login). Dropped; the user logs in again.
      this.miss = "plaintext";
      await this.clear();
      return null;
    }
    try {
      const refreshToken = this.box.decryptString(Buffer.from(stored.refreshToken, "base64"));
      return { platformUrl: stored.platformUrl, refreshToken, me: stored.me };
    } catch {
      this.miss = "unreadable"; // keystore or key file changed: the user logs in again
      return null;
    }
  }

  async save(session: StoredSession): Promise<void> {
    await this.settings.set("platformSession", {
      platformUrl: session.platformUrl,
      refreshToken: this.box.encryptString(session.refreshToken).toString("base64"),
      encrypted: true,
      me: session.me,
    });
  }

  async clear(): Promise<void> {
    await this.settings.set("platformSession", null);
  }
}
