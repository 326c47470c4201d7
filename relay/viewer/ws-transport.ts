// Runs in the relay. WS-FLV: each FLV chunk (header, then one tag) is one binary message.
import type { WebSocket } from "ws";
import type { ViewerTransport } from "./viewer-transport.js";

/** A peer that ignores our close frame is cut after this long. */
const CLOSE_GRACE_MS = 2000;

/** WebSocket close reasons are limited to 123 bytes of UTF-8. */
function closeReason(reason: string): string {
  let out = reason;
  while (Buffer.byteLength(out) > 123) out = out.slice(0, -1);
  return out;
}

export class WsTransport implements ViewerTransport {
  readonly kind = "ws";
  constructor(private readonly ws: WebSocket) {
    // Viewers have nothing to say; ignore anything they send (maxPayload bounds it).
    ws.on("message", () => {});
    ws.on("error", () => ws.terminate());
  }

  queuedBytes(): number {
    return this.ws.bufferedAmount;
  }

  begin(): void {}

  write(chunk: Buffer): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(chunk, { binary: true });
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.close(code, closeReason(reason));
    setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
  }

  fail(_status: number, message: string): void {
    this.close(1011, message);
  }

  destroy(): void {
    this.ws.terminate();
  }

  onClosed(listener: () => void): void {
    this.ws.once("close", listener);
  }
}
