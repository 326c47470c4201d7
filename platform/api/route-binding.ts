// Runs in the platform API. Binds the contract's route table to fastify: zod-validated query and body, bearer
// authentication, the {ok, data} envelope, and error answers with real HTTP statuses.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { API_BASE_PATH, PLATFORM_ROUTES, type ErrorEnvelope, type PlatformRouteName, type RouteData } from "../../contract/platform-api.js";
import type { AuthContext, SessionService } from "../auth/session-service.js";
import { ApiFailure } from "./api-failure.js";

type Spec<K extends PlatformRouteName> = (typeof PLATFORM_ROUTES)[K];
type QueryOf<K extends PlatformRouteName> = Spec<K> extends { query: infer Q extends z.ZodType } ? z.infer<Q> : undefined;
type BodyOf<K extends PlatformRouteName> = Spec<K> extends { body: infer B extends z.ZodType } ? z.infer<B> : undefined;
type AuthOf<K extends PlatformRouteName> = Spec<K> extends { auth: true } ? AuthContext : null;

export type RouteInput<K extends PlatformRouteName> = {
  query: QueryOf<K>;
  body: BodyOf<K>;
  auth: AuthOf<K>;
  request: FastifyRequest;
  reply: FastifyReply;
};

/** A handler returns the route's data; an event-stream route (response null) answers on the raw reply itself. */
export type RouteHandlers = {
  [K in PlatformRouteName]: (input: RouteInput<K>) => Promise<Spec<K>["response"] extends null ? void : RouteData<K>>;
};

export function describeIssues(where: string, error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${[where, ...i.path.map(String)].join(".")}: ${i.message}`)
    .join("; ");
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> | undefined {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new ApiFailure(400, "BAD_REQUEST", describeIssues(where, result.error));
  return result.data;
}

export function bindRoutes(app: FastifyInstance, sessions: SessionService, handlers: RouteHandlers): void {
  for (const name of Object.keys(PLATFORM_ROUTES) as PlatformRouteName[]) {
    const spec: Spec<PlatformRouteName> = PLATFORM_ROUTES[name];
    const handler = handlers[name] as (input: RouteInput<PlatformRouteName>) => Promise<unknown>;
    app.route({
      method: spec.method,
      url: `${API_BASE_PATH}${spec.path}`,
      handler: async (request, reply) => {
        const auth = spec.auth ? await sessions.authenticate(request.headers.authorization) : null;
        const input = {
          query: parse("query" in spec ? spec.query : undefined, request.query, "query"),
          body: parse("body" in spec ? spec.body : undefined, request.body, "body"),
          auth,
          request,
          reply,
        } as RouteInput<PlatformRouteName>;
        const data = await handler(input);
        if (spec.response === null) return reply;
        return reply.header("Cache-Control", "no-store").send({ ok: true, data });
      },
    });
  }
}

type FastifyLikeError = { statusCode?: number; message?: string; code?: string };

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request, reply) => {
    let status = 500;
    let body: ErrorEnvelope;
    if (err instanceof ApiFailure) {
      status = err.status;
      body = { ok: false, error: err.toError() };
      if (err.extra.retryAfterS !== undefined) void reply.header("Retry-After", String(err.extra.retryAfterS));
    } else {
      const e = (err ?? {}) as FastifyLikeError;
      status = typeof e.statusCode === "number" && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
      if (status === 413) body = { ok: false, error: { code: "PAYLOAD_TOO_LARGE", message: "request body too large" } };
      else if (status < 500) body = { ok: false, error: { code: "BAD_REQUEST", message: `malformed request: ${e.message ?? "unreadable body"}` } };
      else {
        request.log.error({ err }, "unhandled error");
        body = { ok: false, error: { code: "INTERNAL", message: "internal error; the platform logged it" } };
      }
    }
    void reply.code(status).header("Cache-Control", "no-store").send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorEnvelope = { ok: false, error: { code: "NOT_FOUND", message: `no route ${request.method} ${request.url.split("?")[0] ?? ""}` } };
    void reply.code(404).send(body);
  });
}
