// Runs in ESLint (Node). The `vigil/import-boundaries` rule: which folder may import which, decided on the import's
// resolved path (not its string), so `main/platform/x` is never mistaken for the top-level `platform/`, and
// "../../platform/x.js", "./../platform/x.js" and an absolute path are the same import. The table itself is in
// eslint.config.js; this file holds the mechanics.
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";

/**
 * @typedef {{ from: string, allow: string[], packages?: string[], why: string }} Boundary
 *   from: files this entry governs (the first matching entry wins); allow: repo paths they may import;
 *   packages: restricted packages they may import; why: the message's reason.
 * @typedef {{ files: string[], allow: string[] }} TestSupport
 *   test code inside a governed folder (colocated *.test.ts, test-support folders) may also import `allow`.
 * @typedef {{ root: string, boundaries: Boundary[], restrictedPackages: string[], testSupport?: TestSupport }} BoundaryOptions
 */

/** Source extensions stripped before matching, so "x.js" in an import matches the pattern "x.ts". */
const SOURCE_EXT = /\.(?:[cm]?[jt]sx?)$/;

const globCache = new Map();
// Globs: "dir/**" is the folder and everything below it, a leading "**" + "/" any folders, "*" part of one name.
function globRegExp(pattern) {
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern
      .replace(SOURCE_EXT, "")
      .split(/(\*\*\/|\/\*\*$|\*)/)
      .map((part) => (part === "**/" ? "(?:.*/)?" : part === "/**" ? "(?:/.*)?" : part === "*" ? "[^/]*" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
      .join("");
    re = new RegExp(`^${body}$`);
    globCache.set(pattern, re);
  }
  return re;
}

/** A repo-relative path (forward slashes, no extension) against a glob pattern. */
export function matchesPath(path, pattern) {
  return globRegExp(pattern).test(path);
}

function toRepoPath(root, absolute) {
  const rel = relative(root, absolute);
  if (rel.startsWith("..") || isAbsolute(rel)) return null; // outside the repository
  return rel.split(sep).join("/").replace(SOURCE_EXT, "");
}

function packageName(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * Pure: why importing `specifier` from `filename` crosses a boundary, or null when it may.
 * @param {BoundaryOptions} options
 */
export function boundaryViolation(options, filename, specifier) {
  const from = toRepoPath(options.root, filename);
  if (from === null) return null;
  const boundary = options.boundaries.find((b) => matchesPath(from, b.from));
  if (!boundary) return null; // tests, benchmarks, scripts, root configs: free
  if (specifier.startsWith(".") || isAbsolute(specifier)) {
    const target = toRepoPath(options.root, resolve(dirname(filename), specifier));
    if (target === null) return `${boundary.why} (imports a file outside the repository: ${specifier})`;
    if (boundary.allow.some((pattern) => matchesPath(target, pattern))) return null;
    const support = options.testSupport;
    if (support && support.files.some((p) => matchesPath(from, p)) && support.allow.some((p) => matchesPath(target, p))) return null;
    return `${boundary.why} (imports ${target})`;
  }
  const name = packageName(specifier);
  if (options.restrictedPackages.includes(name) && !(boundary.packages ?? []).includes(name)) {
    return `${boundary.why} (imports the package "${name}")`;
  }
  return null;
}

/** The ESLint rule. Checks static and dynamic imports, re-exports, require() and TypeScript's import types. */
export const importBoundariesRule = {
  meta: {
    type: "problem",
    docs: { description: "Imports run one way between Vigil's folders (DESIGN.md → Layout)." },
    schema: [{ type: "object", additionalProperties: true }],
    messages: { crossed: "Import boundary: {{reason}}." },
  },
  create(context) {
    /** @type {BoundaryOptions} */
    const options = context.options[0];
    const filename = context.filename;
    const check = (node, specifier) => {
      if (typeof specifier !== "string") return;
      const reason = boundaryViolation(options, filename, specifier);
      if (reason) context.report({ node, messageId: "crossed", data: { reason } });
    };
    const checkSource = (node) => {
      if (node.source && node.source.type === "Literal") check(node.source, node.source.value);
    };
    return {
      ImportDeclaration: checkSource,
      ExportNamedDeclaration: checkSource,
      ExportAllDeclaration: checkSource,
      ImportExpression: checkSource,
      CallExpression(node) {
        const [arg] = node.arguments;
        if (node.callee.type === "Identifier" && node.callee.name === "require" && arg?.type === "Literal") check(arg, arg.value);
      },
      TSImportType(node) {
        // `import("x").T`: the specifier is `source` (typescript-eslint 8.x; `argument` is deprecated).
        if (node.source?.type === "Literal") check(node.source, node.source.value);
      },
      TSExternalModuleReference(node) {
        if (node.expression.type === "Literal") check(node.expression, node.expression.value);
      },
    };
  },
};

export default { rules: { "import-boundaries": importBoundariesRule } };
