// `npm run platform:openapi`: writes docs/api/openapi.yaml from the contract (tests/platform/openapi.test.ts
// fails when the committed file differs).
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { renderOpenApiYaml } from "./openapi-document.js";

const root = resolve(process.argv[2] ?? process.cwd());
const target = join(root, "docs", "api", "openapi.yaml");
writeFileSync(target, renderOpenApiYaml());
process.stdout.write(`openapi: wrote ${target}\n`);
