// Runs in bench orchestrators. Debian's Chromium through playwright-core (never a downloaded browser), with the
// flags the e2e tests use, plus a loopback server for the bundled bench pages.
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { join, normalize } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { chromiumPath } from "../../tests/e2e/fixtures/chromium.js";
import { repoRoot } from "./report.js";

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--autoplay-policy=no-user-gesture-required"];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

export interface PageServer {
  /** http://127.0.0.1:<port>/<name>.html loads .tmp/bench-build/pages/<name>.js. */
  pageUrl(name: string): string;
  close(): Promise<void>;
}

const SHELL = (name: string): string => `<!doctype html>
<html><head><meta charset="utf-8"><title>${name}</title>
<style>body{margin:0;background:#111;display:flex;flex-wrap:wrap;align-content:flex-start}
.tile{position:relative;overflow:hidden;background:#000}.tile video{width:100%;height:100%;object-fit:contain;display:block}
[data-engine]{width:640px;height:360px}</style></head>
<body><script type="module" src="./pages/${name}.js"></script></body></html>`;

export async function startPageServer(): Promise<PageServer> {
  const pagesDir = join(repoRoot, ".tmp", "bench-build", "pages");
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const html = /^\/([a-z-]+)\.html$/.exec(path);
    if (html) {
      res.writeHead(200, { "content-type": "text/html" }).end(SHELL(html[1]!));
      return;
    }
    const file = normalize(path).replace(/^\/pages\//, "");
    if (!path.startsWith("/pages/") || file.includes("..")) {
      res.writeHead(404).end();
      return;
    }
    readFile(join(pagesDir, file)).then(
      (body) => res.writeHead(200, { "content-type": file.endsWith(".js") ? "text/javascript" : "application/json" }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    pageUrl: (name) => `http://127.0.0.1:${port}/${name}.html`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
