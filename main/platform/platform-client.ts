// Runs in main. The console's HTTP client for the central API v1, typed by the contract's route table: every
// answer is validated; errors carry the platform's code and HTTP status; an expired access token is refreshed once.
import type { z } from "zod";
import {
  API_BASE_PATH,
  ErrorEnvelopeSchema,
  PLATFORM_ROUTES,
  okEnvelope,
  type ApiErrorCode as PlatformErrorCode,
  type PlatformRouteName,
  type RouteData,
  type TokenPair,
} from "../../contract/platform-api.js";
import { refreshProofMessage } from "../../contract/terminal-signature.js";
import type { TerminalKey } from "./terminal-key.js";

export class PlatformError extends Error {
  constructor(
    /** HTTP status; 0 when the platform could not be reached. */
    readonly status: number,
    readonly code: PlatformErrorCode | "UNREACHABLE" | "MALFORMED",
    message: string,
    readonly reason?: string,
  ) {
    super(message);
    this.name = "PlatformError";
  }
  get unreachable(): boolean {
    return this.code === "UNREACHABLE" || this.status >= 502;
  }
}

export type Tokens = { accessToken: string; accessExpiresAt: number; refreshToken: string };

export type PlatformClientOptions = {
  baseUrl: string;
  terminalId: string;
  /**
   * The terminal's key: its public key goes with the login, and every refresh carries a proof signed with it (the
   * platform refuses a refresh without one). Absent: the session lasts as long as its first access token.
   */
  terminalKey?: TerminalKey;
  /** Called whenever tokens rotate (login, refresh) or are dropped (null), so the vault can keep them. */
  onTokens: (tokens: Tokens | null, pair: TokenPair | null) => void;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
};

type CallInput = { query?: Record<string, string | number | undefined>; body?: unknown };

export class PlatformClient {
  private tokens: Tokens | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly opts: PlatformClientOptions) {}

  get baseUrl(): string {
    return this.opts.baseUrl;
  }
  get terminalId(): string {
    return this.opts.terminalId;
  }
  get hasSession(): boolean {
    return this.tokens !== null;
  }
  get accessToken(): string | null {
    return this.tokens?.accessToken ?? null;
  }

  /** Resumes a session from a stored refresh token (rotates it). */
  async resume(refreshToken: string): Promise<TokenPair> {
    const pair = await this.call("refresh", { body: this.refreshBody(refreshToken) }, false);
    this.adopt(pair);
    return pair;
  }

  async login(username: string, password: string): Promise<TokenPair> {
    const terminalKey = this.opts.terminalKey?.publicKey;
    const pair = await this.call("login", { body: { username, password, terminalId: this.opts.terminalId, ...(terminalKey ? { terminalKey } : {}) } }, false);
    this.adopt(pair);
    return pair;
  }

  async logout(): Promise<void> {
    try {
      if (this.tokens) await this.call("logout", {});
    } finally {
      this.drop();
    }
  }

  drop(): void {
    this.tokens = null;
    this.opts.onTokens(null, null);
  }

  /** Calls a route; refreshes the access token once when the platform says it expired. */
  call<K extends PlatformRouteName>(route: K, input: CallInput = {}, authed = PLATFORM_ROUTES[route].auth): Promise<RouteData<K>> {
    return this.callWith(route, PLATFORM_ROUTES[route].response as unknown as z.ZodType<RouteData<K>>, input, authed);
  }

  /**
   * Calls a route validating its `data` with another schema — used for batches whose items are checked one by one,
   * so a single malformed record is reported without losing the rest of its page.
   */
  async callWith<T>(route: PlatformRouteName, schema: z.ZodType<T>, input: CallInput = {}, authed = PLATFORM_ROUTES[route].auth): Promise<T> {
    try {
      return await this.send(route, schema, input, authed);
    } catch (err) {
      if (authed && err instanceof PlatformError && err.status === 401 && err.code === "TOKEN_EXPIRED" && this.tokens) {
        await this.refresh();
        return this.send(route, schema, input, authed);
      }
      throw err;
    }
  }

  /** URL + headers for a streaming route (SSE), with a fresh access token. */
  async streamRequest(route: "events", query: Record<string, string> = {}): Promise<{ url: string; headers: Record<string, string> }> {
    if (this.tokens && this.tokens.accessExpiresAt - Date.now() < 30_000) await this.refresh();
    return { url: this.url(route, query), headers: this.headers(true) };
  }

  async refresh(): Promise<void> {
    if (!this.tokens) throw new PlatformError(401, "UNAUTHENTICATED", "no session to refresh");
    const refreshToken = this.tokens.refreshToken;
    this.refreshing ??= this.call("refresh", { body: this.refreshBody(refreshToken) }, false)
      .then((pair) => this.adopt(pair))
      .catch((err: unknown) => {
        if (err instanceof PlatformError && err.status === 401) this.drop();
        throw err;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /** A refresh request: the token, the terminal, and the proof that this terminal holds its key. */
  private refreshBody(refreshToken: string): { refreshToken: string; terminalId: string; proof?: string } {
    const { terminalId, terminalKey } = this.opts;
    return { refreshToken, terminalId, ...(terminalKey ? { proof: terminalKey.sign(refreshProofMessage(terminalId, refreshToken)) } : {}) };
  }

  private adopt(pair: TokenPair): void {
    this.tokens = {
      accessToken: pair.accessToken,
      accessExpiresAt: Date.parse(pair.accessExpiresAt),
      refreshToken: pair.refreshToken,
    };
    this.opts.onTokens(this.tokens, pair);
  }

  private url(route: PlatformRouteName, query: CallInput["query"] = {}): string {
    const url = new URL(API_BASE_PATH + PLATFORM_ROUTES[route].path, this.opts.baseUrl);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  private headers(authed: boolean): Record<string, string> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (authed) {
      if (!this.tokens) throw new PlatformError(401, "UNAUTHENTICATED", "not logged in");
      headers.Authorization = `Bearer ${this.tokens.accessToken}`;
    }
    return headers;
  }

  private async send<T>(route: PlatformRouteName, schema: z.ZodType<T> | null, input: CallInput, authed: boolean): Promise<T> {
    const spec = PLATFORM_ROUTES[route];
    const headers = this.headers(authed);
    let body: string | undefined;
    if (input.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(input.body);
    } else if (spec.method === "POST") {
      headers["Content-Type"] = "application/json";
      body = "{}";
    }
    let res: Response;
    try {
      res = await (this.opts.fetchImpl ?? fetch)(this.url(route, input.query), {
        method: spec.method,
        headers,
        body,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
      });
    } catch (err) {
      const why = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      throw new PlatformError(0, "UNREACHABLE", `platform unreachable (${this.opts.baseUrl}): ${why}`);
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new PlatformError(res.status, res.status >= 500 ? "INTERNAL" : "MALFORMED", `platform answered ${res.status} without JSON`);
    }
    if (!res.ok) {
      const parsed = ErrorEnvelopeSchema.safeParse(json);
      if (parsed.success) throw new PlatformError(res.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.reason);
      throw new PlatformError(res.status, "MALFORMED", `platform answered ${res.status} with an unexpected body`);
    }
    if (!schema) throw new PlatformError(res.status, "MALFORMED", `${route} is a streaming route`);
    const parsed = okEnvelope(schema).safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PlatformError(res.status, "MALFORMED", `malformed ${route} answer at ${issue?.path.join(".")}: ${issue?.message}`);
    }
    return parsed.data.data as T;
  }
}

