import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveRendererFile } from "./renderer-files.js";
import { parseWebShellArgs } from "./web/web-args.js";

describe("renderer file resolution", () => {
  const root = mkdtempSync(join(tmpdir(), "vigil-renderer-"));
  mkdirSync(join(root, "assets"));
  writeFileSync(join(root, "index.html"), "<!doctype html>");
  writeFileSync(join(root, "assets", "app.js"), "1");
  writeFileSync(join(tmpdir(), "vigil-secret.txt"), "secret");

  it("serves index.html for / and files inside the folder", () => {
    expect(resolveRendererFile(root, "/")?.file).toBe(join(root, "index.html"));
    expect(resolveRendererFile(root, "/assets/app.js")?.contentType).toMatch(/javascript/);
  });
  it("refuses traversal, encoded traversal, NUL and missing files", () => {
    for (const p of ["/../vigil-secret.txt", "/%2e%2e/vigil-secret.txt", "/assets/..%2f..%2fvigil-secret.txt", "/a%00b", "/nope.js", "/assets", "/%E0%A4%A"]) {
      expect(resolveRendererFile(root, p)).toBeNull();
    }
  });
});

describe("web shell arguments", () => {
  it("parses the documented options", () => {
    expect(parseWebShellArgs([])).toEqual({ open: true, port: 0, dataDir: null, platformUrl: null, printUrl: false });
    expect(parseWebShellArgs(["--web", "--no-open", "--port", "4100", "--data-dir", "/tmp/x", "--platform", "https://vp.zunyi.example/"])).toEqual({
      open: false,
      port: 4100,
      dataDir: "/tmp/x",
      platformUrl: "https://vp.zunyi.example",
      printUrl: false,
    });
    expect(parseWebShellArgs(["--web", "--print-url"]).printUrl).toBe(true);
  });
  it("rejects unknown options and bad ports with a clear message", () => {
    expect(() => parseWebShellArgs(["--frobnicate"])).toThrow(/unknown option --frobnicate/);
    expect(() => parseWebShellArgs(["--port", "70000"])).toThrow(/port/);
    expect(() => parseWebShellArgs(["--port"])).toThrow(/needs a value/);
    expect(() => parseWebShellArgs(["--platform", "ftp://x"])).toThrow(/must be http/);
    expect(() => parseWebShellArgs(["--platform", "not a url"])).toThrow(/not a URL/);
  });
});
