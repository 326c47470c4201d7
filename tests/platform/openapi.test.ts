// docs/api/openapi.yaml is what the contract generates, and lists exactly the routes the server registers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderOpenApiYaml } from "../../platform/openapi/openapi-document.js";
import { startFixture } from "./platform-fixture.js";

const file = join(import.meta.dirname, "..", "..", "docs", "api", "openapi.yaml");

describe("openapi.yaml", () => {
  it("equals what `npm run platform:openapi` generates", () => {
    expect(readFileSync(file, "utf8"), "docs/api/openapi.yaml is stale: run npm run platform:openapi").toBe(renderOpenApiYaml());
  });

  it("documents every route the server registers, and no other", async () => {
    const registered: string[] = [];
    const f = await startFixture({ onRoute: (method, url) => registered.push(`${method} ${url}`) });
    await f.close();
    const doc = parse(readFileSync(file, "utf8")) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(registered.sort()).toEqual(documented.sort());
    expect(registered.length).toBeGreaterThanOrEqual(14);
  });
});
