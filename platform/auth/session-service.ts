// Runs in the platform API. Login, refresh-token rotation bound to a terminal, logout, and the check behind every
// authenticated request. The binding is the terminal's key (issue 10): its public key is stored with the session at
// login, and a refresh must carry a signature by it — a refresh token copied off a console's disk is useless alone.
// The terminal of a request is the session's, never a claim of the access token.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { RoleSchema, type LoginRequest, type Me, type RefreshRequest, type Role, type TokenPair } from "../../contract/platform-api.js";
import type { PlatformStore } from "../store/platform-store.js";
import { refreshProofMessage, terminalPublicKey, verifyTerminalSignature } from "../../contract/terminal-signature.js";
import { ApiFailure } from "../api/api-failure.js";
import { mintAccessToken, verifyAccessToken } from "./access-token.js";
import type { LoginLimiter } from "./login-limiter.js";
import { DUMMY_HASH, verifyPassword } from "./password.js";

export interface SessionConfig {
  tokenKey: Buffer;
  accessTtlMs: number;
  refreshTtlMs: number;
  now: () => number;
  /** A session was revoked (logout, a reused refresh token): the media server cuts its streams. */
  onRevoked?: (sessionId: string, at: number) => void;
}

export type AuthContext = {
  me: Me;
  userId: string;
  sessionId: string;
  departmentId: string;
  roles: Role[];
  /** The session's terminal and the key it registered at login (null: none registered). */
  terminalId: string;
  terminalKey: string | null;
};

type UserRow = { id: string; username: string; display_name: string; department_id: string; department_name: string; roles: string; password_hash: string };
type SessionRow = { id: string; user_id: string; terminal_id: string; terminal_key: string | null; refresh_expires_at: number; revoked_at: number | null };

const USER_SELECT =
  "SELECT u.id, u.username, u.display_name, u.department_id, d.name AS department_name, u.roles, u.password_hash FROM user u JOIN department d ON d.id = u.department_id";

const hashRefresh = (token: string): string => createHash("sha256").update(token).digest("hex");
const iso = (ms: number): string => new Date(ms).toISOString();

function parseRoles(json: string): Role[] {
  const roles = RoleSchema.array().safeParse(JSON.parse(json));
  return roles.success ? roles.data : [];
}

export class SessionService {
  constructor(
    private readonly store: PlatformStore,
    private readonly limiter: LoginLimiter,
    private readonly config: SessionConfig,
  ) {}

  async login(req: LoginRequest, address: string): Promise<TokenPair> {
    const wait = this.limiter.retryAfterS(req.username, address);
    if (wait > 0) throw new ApiFailure(429, "RATE_LIMITED", `too many failed logins; try again in ${wait} s`, { retryAfterS: wait });
    const user = await this.store.reader.get<UserRow>(`${USER_SELECT} WHERE u.username = ?`, [req.username]);
    const good = await verifyPassword(req.password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !good) {
      this.limiter.fail(req.username, address);
      throw new ApiFailure(401, "BAD_CREDENTIALS", "wrong username or password");
    }
    this.limiter.succeed(req.username, address);
    if (req.terminalKey !== undefined && !terminalPublicKey(req.terminalKey)) throw new ApiFailure(400, "BAD_REQUEST", "body.terminalKey: not an Ed25519 public key");
    const sessionId = randomUUID();
    const refreshToken = randomBytes(32).toString("base64url");
    const now = this.config.now();
    await this.store.write((db) =>
      db.run(
        "INSERT INTO session (id, user_id, terminal_id, terminal_key, refresh_hash, created_at, refresh_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [sessionId, user.id, req.terminalId, req.terminalKey ?? null, hashRefresh(refreshToken), now, now + this.config.refreshTtlMs],
      ),
    );
    return this.pair(user, sessionId, req.terminalId, refreshToken, now + this.config.refreshTtlMs);
  }

  /**
   * Rotates the refresh token. A rotated-out token presented again means it leaked: the session is revoked. So does a
   * current token presented without a valid proof of the terminal key: whoever sends it does not hold the terminal.
   */
  async refresh(req: RefreshRequest): Promise<TokenPair> {
    const now = this.config.now();
    const hash = hashRefresh(req.refreshToken);
    const next = randomBytes(32).toString("base64url");
    let leaked: string | null = null;
    const outcome = await this.store.write(async (db) => {
      const session = await db.get<SessionRow>("SELECT id, user_id, terminal_id, terminal_key, refresh_expires_at, revoked_at FROM session WHERE refresh_hash = ?", [hash]);
      if (!session) {
        const reused = await db.get<{ id: string }>("SELECT id FROM session WHERE prev_refresh_hash = ? AND revoked_at IS NULL", [hash]);
        if (reused) await db.run("UPDATE session SET revoked_at = ?, revoke_reason = 'refresh token reused' WHERE id = ?", [now, reused.id]);
        leaked = reused?.id ?? null;
        return reused ? ("reused" as const) : ("unknown" as const);
      }
      if (session.revoked_at !== null) return "revoked" as const;
      if (session.refresh_expires_at <= now) return "expired" as const;
      if (session.terminal_id !== req.terminalId) return "terminal" as const;
      const proven =
        session.terminal_key !== null &&
        req.proof !== undefined &&
        verifyTerminalSignature(session.terminal_key, refreshProofMessage(req.terminalId, req.refreshToken), req.proof);
      if (!proven) {
        await db.run("UPDATE session SET revoked_at = ?, revoke_reason = 'terminal proof failed' WHERE id = ?", [now, session.id]);
        leaked = session.id;
        return session.terminal_key === null ? ("unbound" as const) : ("proof" as const);
      }
      await db.run("UPDATE session SET prev_refresh_hash = refresh_hash, refresh_hash = ? WHERE id = ?", [hashRefresh(next), session.id]);
      return session;
    });
    if (leaked !== null) this.config.onRevoked?.(leaked, now);
    switch (outcome) {
      case "unknown":
        throw new ApiFailure(401, "TOKEN_INVALID", "unknown refresh token; log in again");
      case "reused":
        throw new ApiFailure(401, "TOKEN_REVOKED", "this refresh token was already used; the session is revoked for safety; log in again");
      case "revoked":
        throw new ApiFailure(401, "TOKEN_REVOKED", "the session was ended; log in again");
      case "expired":
        throw new ApiFailure(401, "TOKEN_EXPIRED", "the refresh token expired; log in again");
      case "terminal":
        throw new ApiFailure(401, "TERMINAL_MISMATCH", "this refresh token belongs to another terminal");
      case "unbound":
        throw new ApiFailure(401, "TERMINAL_MISMATCH", "this session registered no terminal key at login, so it cannot be refreshed; log in again");
      case "proof":
        throw new ApiFailure(401, "TERMINAL_MISMATCH", "the refresh did not prove the terminal's key; the session is revoked for safety; log in again");
    }
    const user = await this.store.reader.get<UserRow>(`${USER_SELECT} WHERE u.id = ?`, [outcome.user_id]);
    if (!user) throw new ApiFailure(401, "TOKEN_REVOKED", "the user no longer exists");
    return this.pair(user, outcome.id, outcome.terminal_id, next, outcome.refresh_expires_at);
  }

  async logout(ctx: AuthContext): Promise<boolean> {
    const now = this.config.now();
    const result = await this.store.write((db) =>
      db.run("UPDATE session SET revoked_at = ?, revoke_reason = 'logout' WHERE id = ? AND revoked_at IS NULL", [now, ctx.sessionId]),
    );
    if (result.changes > 0) this.config.onRevoked?.(ctx.sessionId, now);
    return result.changes > 0;
  }

  /** The bearer token of a request → who is asking. */
  async authenticate(header: string | undefined): Promise<AuthContext> {
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header ?? "");
    if (!match?.[1]) throw new ApiFailure(401, "UNAUTHENTICATED", "missing bearer token: send Authorization: Bearer <accessToken>");
    const check = verifyAccessToken(this.config.tokenKey, match[1], this.config.now());
    if (!check.ok) {
      throw new ApiFailure(401, check.code, check.code === "TOKEN_EXPIRED" ? "access token expired; refresh it" : "access token invalid; log in again");
    }
    const { sid, sub } = check.claims;
    const session = await this.store.reader.get<{ revoked_at: number | null; terminal_id: string; terminal_key: string | null }>(
      "SELECT revoked_at, terminal_id, terminal_key FROM session WHERE id = ? AND user_id = ?",
      [sid, sub],
    );
    if (!session || session.revoked_at !== null) throw new ApiFailure(401, "TOKEN_REVOKED", "the session was ended; log in again");
    const user = await this.store.reader.get<UserRow>(`${USER_SELECT} WHERE u.id = ?`, [sub]);
    if (!user) throw new ApiFailure(401, "TOKEN_REVOKED", "the user no longer exists");
    const me = this.me(user, sid, session.terminal_id);
    return { me, userId: user.id, sessionId: sid, departmentId: user.department_id, roles: me.roles, terminalId: session.terminal_id, terminalKey: session.terminal_key };
  }

  private me(user: UserRow, sessionId: string, terminalId: string): Me {
    return {
      user: { id: user.id, username: user.username, displayName: user.display_name },
      department: { id: user.department_id, name: user.department_name },
      roles: parseRoles(user.roles),
      terminalId,
      sessionId,
    };
  }

  private pair(user: UserRow, sessionId: string, terminalId: string, refreshToken: string, refreshExpiresAt: number): TokenPair {
    const now = this.config.now();
    const exp = now + this.config.accessTtlMs;
    return {
      tokenType: "Bearer",
      accessToken: mintAccessToken(this.config.tokenKey, { sub: user.id, sid: sessionId, iat: now, exp }),
      accessExpiresAt: iso(exp),
      refreshToken,
      refreshExpiresAt: iso(refreshExpiresAt),
      me: this.me(user, sessionId, terminalId),
    };
  }
}
