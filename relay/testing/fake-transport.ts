// Test helper: a viewer transport that records what it is given and lets a test decide how much is "queued".
import type { ViewerTransport } from "../viewer/viewer-transport.js";

export class FakeTransport implements ViewerTransport {
  readonly kind = "ws";
  readonly chunks: Buffer[] = [];
  began = false;
  closed: { code: number; reason: string } | null = null;
  failed: { status: number; message: string } | null = null;
  destroyed = false;
  /** When true, nothing written ever drains (a stalled peer). */
  stalled = false;
  /** Bytes reported as queued when not stalled. */
  queued = 0;
  private drained = 0;
  private readonly listeners: Array<() => void> = [];

  get written(): number {
    return this.chunks.reduce((n, c) => n + c.length, 0);
  }

  queuedBytes(): number {
    return this.stalled ? this.written - this.drained : this.queued;
  }

  /** The peer reads everything written so far. */
  drainAll(): void {
    this.drained = this.written;
    this.queued = 0;
  }

  begin(): void {
    this.began = true;
  }

  write(chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  close(code: number, reason: string): void {
    this.closed = { code, reason };
    this.emitClosed();
  }

  fail(status: number, message: string): void {
    this.failed = { status, message };
    this.emitClosed();
  }

  destroy(): void {
    this.destroyed = true;
    this.emitClosed();
  }

  onClosed(listener: () => void): void {
    this.listeners.push(listener);
  }

  private emitClosed(): void {
    for (const l of this.listeners.splice(0)) l();
  }
}
