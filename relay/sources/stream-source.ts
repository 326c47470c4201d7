// Runs in the relay. What every upstream (file loop, HTTP-FLV, WS-FLV, RTSP/RTMP via ffmpeg) looks like to a stream.
import { EventEmitter } from "node:events";
import type { FlvHeader, FlvTag } from "../flv/flv-parser.js";

export interface StreamSourceEvents {
  /** Once, before the first tag: which tracks the upstream carries. */
  header: [FlvHeader];
  /** Tags in decode order, timestamps monotonic across the source's life. */
  tag: [FlvTag];
  /** The source has stopped for good; the stream decides whether to reopen. */
  error: [Error];
}

export abstract class StreamSource extends EventEmitter<StreamSourceEvents> {
  /** Human-readable origin for logs, e.g. the file name. */
  abstract readonly description: string;
  protected transcodedFromCodec: string | null = null;
  /** Set when the tags are transcoded: the upstream's own codec (e.g. "hevc"); stats show it with transcoding: true. */
  get transcodedFrom(): string | null {
    return this.transcodedFromCodec;
  }
  abstract start(): void;
  /** Idempotent. No events after stop(). */
  abstract stop(): void;
}
