// Runs in Electron main. The app:// scheme serving the built renderer (instead of file://), with the renderer CSP
// and the same path-traversal guard as the web shell.
import { net, protocol } from "electron";
import { pathToFileURL } from "node:url";
import { RENDERER_CSP, resolveRendererFile } from "../renderer-files.js";
import { APP_HOST, APP_SCHEME } from "./app-origin.js";

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response("not found", { status: 404 });
    const found = resolveRendererFile(rendererDir, url.pathname);
    if (!found) return new Response("not found", { status: 404 });
    const response = await net.fetch(pathToFileURL(found.file).toString());
    return new Response(response.body, {
      status: 200,
      headers: {
        "Content-Type": found.contentType,
        "Content-Security-Policy": RENDERER_CSP,
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
