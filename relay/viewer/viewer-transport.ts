// Runs in the relay. The byte pipe under a viewer: a WebSocket (WS-FLV) or a chunked HTTP response (HTTP-FLV).

export interface ViewerTransport {
  readonly kind: "ws" | "http";
  /** Bytes accepted but not yet handed to the kernel: the viewer's queue. */
  queuedBytes(): number;
  /** Called once, right before the first write (HTTP sends its 200 head here). */
  begin(): void;
  write(chunk: Buffer): void;
  /** Orderly close; `code` is a WebSocket close code (HTTP ignores it and ends the response). */
  close(code: number, reason: string): void;
  /** Nothing was sent yet and the stream cannot start: answer with an error status where possible. */
  fail(status: number, message: string): void;
  /** Hard close for a peer that stopped reading: drops whatever is still queued. */
  destroy(): void;
  /** Called once when the peer goes away by itself (or after close/destroy). */
  onClosed(listener: () => void): void;
}
