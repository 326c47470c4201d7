// Runs in tools and tests. docs/api/openapi.yaml, built from the contract: components from the zod schemas
// (z.toJSONSchema), paths from the route table. One source, so the document cannot drift from the code.
import { stringify } from "yaml";
import { z } from "zod";
import { API_BASE_PATH, PLATFORM_ROUTES, type RouteSpec } from "../../contract/platform-api.js";

type Json = { [key: string]: unknown };

const REF = "#/components/schemas/";
const ERROR_TEXT: Record<number, string> = {
  400: "Malformed request (BAD_REQUEST): the message names the field and the problem",
  401: "Not authenticated: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, TERMINAL_MISMATCH or BAD_CREDENTIALS",
  403: "Not allowed (FORBIDDEN): the role or department may not do this; play-ticket refusals carry a `reason`. SELF_APPROVAL: you asked for this application, grant or extension; another approver must decide or review it",
  404: "Unknown (or classified) resource (NOT_FOUND)",
  409: "Camera offline (CAMERA_OFFLINE, play tickets), or the record is no longer in a state that allows this (CONFLICT: already decided, not active): reload it",
  410: "Cursor or page token older than retained history, or the catalog was rebuilt (CURSOR_EXPIRED): take a new snapshot",
  413: "Request body too large (PAYLOAD_TOO_LARGE)",
  429: "Too many failed logins (RATE_LIMITED); see Retry-After",
  500: "Internal error (INTERNAL)",
};

/** Drops noise zod adds for formats (the format says it) and rewrites local $defs to components. */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (value === null || typeof value !== "object") return value;
  const out: Json = {};
  const obj = value as Json;
  for (const [k, v] of Object.entries(obj)) {
    if (k === "$schema" || k === "$id" || k === "$defs") continue;
    if (k === "pattern" && typeof obj.format === "string" && ["date-time", "date", "uuid"].includes(obj.format)) continue;
    if (k === "$ref" && typeof v === "string") out[k] = v.replace(/^#\/\$defs\//, REF);
    else out[k] = tidy(v);
  }
  return out;
}

function refOrInline(schema: z.ZodType): Json {
  const id = z.globalRegistry.get(schema)?.id;
  if (id) return { $ref: `${REF}${id}` };
  return tidy(z.toJSONSchema(schema, { io: "input" })) as Json;
}

function queryParameters(query: z.ZodObject): Json[] {
  const shape = query.shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([name, prop]) => {
    const optional = prop.safeParse(undefined).success;
    const schema = refOrInline(prop);
    const description = typeof schema.description === "string" ? schema.description : undefined;
    delete schema.description;
    return { name, in: "query", required: !optional, ...(description ? { description } : {}), schema };
  });
}

function operation(name: string, spec: RouteSpec): Json {
  const parameters = spec.query ? queryParameters(spec.query) : [];
  if (name === "events") {
    parameters.unshift({ name: "Last-Event-ID", in: "header", required: false, description: "resume after this event id", schema: { type: "string", pattern: "^\\d+$" } });
  }
  const ok =
    spec.response === null
      ? {
          description: "text/event-stream; each event's `event:` is its type and `data:` one PlatformEvent",
          content: { "text/event-stream": { schema: { $ref: `${REF}PlatformEvent` } } },
        }
      : {
          description: "OK",
          content: {
            "application/json": {
              schema: { type: "object", required: ["ok", "data"], properties: { ok: { const: true }, data: refOrInline(spec.response) } },
            },
          },
        };
  const statuses = [...new Set([400, ...(spec.auth ? [401] : []), ...spec.errors, 500])].sort((a, b) => a - b);
  const responses: Json = { "200": ok };
  for (const status of statuses) {
    responses[String(status)] = { description: ERROR_TEXT[status] ?? "Error", content: { "application/json": { schema: { $ref: `${REF}ErrorEnvelope` } } } };
  }
  return {
    operationId: name,
    summary: spec.summary,
    tags: [spec.path.split("/")[1] ?? "platform"],
    ...(spec.auth ? { security: [{ bearer: [] }] } : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(spec.body ? { requestBody: { required: true, content: { "application/json": { schema: refOrInline(spec.body) } } } } : {}),
    responses,
  };
}

export function buildOpenApiDocument(): Json {
  const components = z.toJSONSchema(z.globalRegistry, { uri: (id) => `${REF}${id}` });
  const schemas: Json = {};
  for (const id of Object.keys(components.schemas).sort()) schemas[id] = tidy(components.schemas[id]);
  const paths: Record<string, Json> = {};
  for (const [name, spec] of Object.entries(PLATFORM_ROUTES) as Array<[string, RouteSpec]>) {
    const path = `${API_BASE_PATH}${spec.path}`;
    paths[path] = { ...paths[path], [spec.method.toLowerCase()]: operation(name, spec) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Vigil central platform API",
      version: "1.0.0",
      description:
        "Central API v1 of a city public-video platform as the Vigil console uses it. Every JSON answer is an envelope: " +
        "{ok: true, data} or {ok: false, error: {code, message}}, with a real HTTP status. Generated from contract/platform-api.ts " +
        "by `npm run platform:openapi`; do not edit by hand.",
    },
    servers: [{ url: "http://127.0.0.1:8080", description: "npm run platform -- --port 8080" }],
    security: [{ bearer: [] }],
    paths,
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "accessToken from /auth/login or /auth/refresh" } }, schemas },
  };
}

export function renderOpenApiYaml(): string {
  return `# Generated from contract/platform-api.ts by \`npm run platform:openapi\`. Do not edit by hand.\n${stringify(buildOpenApiDocument(), { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
