// Runs in the relay. HTTP-FLV: one long chunked 200 response.
import type { ServerResponse } from "node:http";
import type { ViewerTransport } from "./viewer-transport.js";

export const FLV_RESPONSE_HEADERS = {
  "Content-Type": "video/x-flv",
  "Cache-Control": "no-cache, no-store, must-revalidate",
  Pragma: "no-cache",
  Expires: "0",
  // The renderer page is served from another origin (app:// or the web shell's port).
  "Access-Control-Allow-Origin": "*",
  "X-Content-Type-Options": "nosniff",
} as const;

export class HttpTransport implements ViewerTransport {
  readonly kind = "http";
  constructor(private readonly res: ServerResponse) {
    res.socket?.setNoDelay(true);
  }

  queuedBytes(): number {
    // Includes the socket's own buffer once the response is attached to it.
    return this.res.writableLength;
  }

  begin(): void {
    if (!this.res.headersSent) this.res.writeHead(200, FLV_RESPONSE_HEADERS);
  }

  write(chunk: Buffer): void {
    if (!this.res.writableEnded && !this.res.destroyed) this.res.write(chunk);
  }

  close(_code: number, _reason: string): void {
    if (!this.res.writableEnded) this.res.end();
  }

  fail(status: number, message: string): void {
    if (this.res.headersSent) {
      this.res.end();
      return;
    }
    this.res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Access-Control-Allow-Origin": "*" });
    this.res.end(message);
  }

  destroy(): void {
    this.res.destroy();
  }

  onClosed(listener: () => void): void {
    this.res.once("close", listener);
  }
}
