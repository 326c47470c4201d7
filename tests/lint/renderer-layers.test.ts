// Runs in Vitest (Node). The renderer's folders (renderer/src/) depend one way (docs/architecture.md, "Renderer"):
// a folder imports only folders below it in LAYERS, the access drawer's sub-features only those below them in
// ACCESS_LAYERS, nothing forms a cycle, only state/console-link.ts asks bridge/ for the link, and the parts loaded on
// demand are never imported statically (that would pull them back into the first chunk). Imports are read with
// TypeScript's own pre-processor.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/** Bottom first. */
const LAYERS = ["shared", "i18n", "bridge", "state", "player", "program", "wall", "access", "catalog", "app"] as const;
/** Inside access/: bottom first; folders on one line do not import each other. The drawer (access/ itself) is on top. */
const ACCESS_LAYERS = [["access/shared"], ["access/applications", "access/grants", "access/audit"], ["access/approvals"], ["access"]] as const;
/** Loaded with React.lazy: only `import()` may name them. */
const LAZY = ["app/App.tsx", "program/ProgramOutput.tsx", "access/AccessDrawer.tsx"];
/** The one file that may call into bridge/console-api.ts. */
const LINK = "state/console-link.ts";

type Edge = { from: string; to: string; dynamic: boolean };

const root = resolve(import.meta.dirname, "..", "..", "renderer", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [relative(root, join(dir, e.name))] : [],
  );
}

/** Every import between two files of renderer/src ("a/b.ts" paths); CSS and packages are left out. */
function importEdges(files: ReadonlyMap<string, string>): Edge[] {
  const edges: Edge[] = [];
  for (const [file, text] of files) {
    const info = ts.preProcessFile(text, true, true);
    const dynamicAt = new Set<number>();
    for (const m of text.matchAll(/import\s*\(\s*["']/g)) dynamicAt.add(m.index + m[0].length - 1);
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith(".")) continue;
      const target = relative(root, resolve(root, dirname(file), ref.fileName)).replace(/\.js$/, "");
      const to = [`${target}.ts`, `${target}.tsx`].find((f) => files.has(f));
      if (to) edges.push({ from: file, to, dynamic: dynamicAt.has(ref.pos) });
    }
  }
  return edges;
}

const folderOf = (file: string) => (file.includes("/") ? dirname(file) : ".");
const topOf = (folder: string) => folder.split("/")[0]!;

/** Everything the tree does against the rules, as readable lines (empty when it keeps them). */
function violations(files: ReadonlyMap<string, string>): string[] {
  const edges = importEdges(files);
  const out: string[] = [];
  const accessRank = (folder: string) => ACCESS_LAYERS.findIndex((layer) => (layer as readonly string[]).includes(folder));
  for (const e of edges) {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    if (a === b || a === ".") continue;
    const [ta, tb] = [topOf(a), topOf(b)];
    if (ta !== tb) {
      const [ra, rb] = [LAYERS.indexOf(ta as (typeof LAYERS)[number]), LAYERS.indexOf(tb as (typeof LAYERS)[number])];
      if (ra < 0 || rb < 0) out.push(`${e.from} → ${e.to}: folder ${ra < 0 ? ta : tb} is not in LAYERS`);
      else if (rb >= ra) out.push(`${e.from} → ${e.to}: ${ta} may not import ${tb} (${tb} is not below it)`);
    } else if (ta === "access") {
      const [ra, rb] = [accessRank(a), accessRank(b)];
      if (ra < 0 || rb < 0) out.push(`${e.from} → ${e.to}: folder ${ra < 0 ? a : b} is not in ACCESS_LAYERS`);
      else if (rb >= ra) out.push(`${e.from} → ${e.to}: ${a} may not import ${b}`);
    }
    if (e.to === "bridge/console-api.ts" && e.from !== LINK && topOf(a) !== "bridge") out.push(`${e.from} → ${e.to}: reach main through ${LINK}`);
    if (LAZY.includes(e.to) && !e.dynamic) out.push(`${e.from} → ${e.to}: loaded on demand, import it with import()`);
  }
  // Acyclic between folders at every depth (the layer checks above imply it; this names a cycle if one slips in).
  const graph = new Map<string, Set<string>>();
  for (const e of edges) {
    const [a, b] = [folderOf(e.from), folderOf(e.to)];
    if (a !== b) graph.set(a, (graph.get(a) ?? new Set()).add(b));
  }
  const state = new Map<string, "open" | "done">();
  const visit = (node: string, path: string[]): void => {
    if (state.get(node) === "done") return;
    if (state.get(node) === "open") {
      out.push(`folder cycle: ${[...path.slice(path.indexOf(node)), node].join(" → ")}`);
      return;
    }
    state.set(node, "open");
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, "done");
  };
  for (const node of graph.keys()) visit(node, []);
  return out;
}

describe("renderer import layers", () => {
  const files = new Map(sourceFiles(root).map((f) => [f, readFileSync(join(root, f), "utf8")]));

  it("are kept by the renderer's sources", () => {
    expect(violations(files)).toEqual([]);
  });

  it("are read from real imports (the check is not vacuous)", () => {
    const edges = importEdges(files);
    expect(edges.length).toBeGreaterThan(300);
    expect(edges).toContainEqual({ from: "wall/TileOverlay.tsx", to: "program/program-actions.ts", dynamic: false });
    expect(edges).toContainEqual({ from: "access/AccessLayer.tsx", to: "access/AccessDrawer.tsx", dynamic: true });
  });

  it("catch an upward import, a cycle, a sibling import, a stray link and a static import of a lazy part", () => {
    const bad = new Map([
      ["state/a.ts", `import { x } from "../catalog/b.js";`],
      ["catalog/b.ts", `import type { A } from "../state/a.js";\nexport const x = 1;`],
      ["access/grants/g.ts", `export { y } from "../applications/h.js";`],
      ["access/applications/h.ts", `export const y = 2;`],
      ["wall/w.ts", `import { consoleLink } from "../bridge/console-api.js";`],
      ["bridge/console-api.ts", `export const consoleLink = 1;`],
      ["app/App.tsx", `export const App = 1;`],
      ["app/Other.tsx", `import { App } from "./App.js";`],
      ["program/p.ts", `import { App } from "../app/App.js";`],
    ]);
    const found = violations(bad).join("\n");
    expect(found).toMatch(/state\/a\.ts → catalog\/b\.ts: state may not import catalog/);
    expect(found).toMatch(/folder cycle: .*state.*catalog|folder cycle: .*catalog.*state/);
    expect(found).toMatch(/access\/grants may not import access\/applications/);
    expect(found).toMatch(/wall\/w\.ts → bridge\/console-api\.ts: reach main through state\/console-link\.ts/);
    expect(found).toMatch(/program\/p\.ts → app\/App\.tsx: program may not import app/);
    expect(found).toMatch(/program\/p\.ts → app\/App\.tsx: loaded on demand/);
  });
});
