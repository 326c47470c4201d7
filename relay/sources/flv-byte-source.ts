// Runs in the relay. Common part of every upstream that delivers FLV bytes (HTTP-FLV, WS-FLV, ffmpeg's pipe):
// one push parser, the header once, tags as they complete, and one error that ends the source.
import { FlvParseError, FlvParser } from "../flv/flv-parser.js";
import { StreamSource } from "./stream-source.js";

export abstract class FlvByteSource extends StreamSource {
  private parser = new FlvParser();
  private headerSent = false;
  private stopped = false;

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Idempotent; subclasses release their connection or child in teardown(). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.teardown();
  }

  protected abstract teardown(): void;

  /** Bytes from upstream. Corrupt FLV ends the source with the parser's reason (the stream reconnects). */
  protected feed(chunk: Buffer): void {
    if (this.stopped) return;
    let tags;
    try {
      tags = this.parser.push(chunk);
    } catch (err) {
      const reason = err instanceof FlvParseError ? err.message : String(err);
      this.fail(`upstream sent bad FLV: ${reason}`);
      return;
    }
    if (!this.headerSent && this.parser.header) {
      this.headerSent = true;
      this.emit("header", this.parser.header);
    }
    for (const tag of tags) {
      if (this.stopped) return;
      this.emit("tag", tag);
    }
  }

  /** Why the upstream's end is an error: mentions a tag cut in half. */
  protected endReason(what: string): string {
    const pending = this.parser.pendingBytes;
    return pending > 0 ? `${what} in the middle of a tag (truncated tag, ${pending} bytes held)` : what;
  }

  /** Starts over with a fresh parser (a child restarted in another mode). */
  protected resetParser(): void {
    this.parser = new FlvParser();
    this.headerSent = false;
  }

  protected fail(message: string): void {
    if (this.stopped) return;
    this.stop();
    this.emit("error", new Error(message));
  }
}

/** URL for logs and errors: no credentials, no query (play tokens travel there). */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = "";
    url.password = "";
    const query = url.search ? "?…" : "";
    url.search = "";
    return `${url.toString()}${query}`;
  } catch {
    return "(invalid url)";
  }
}
