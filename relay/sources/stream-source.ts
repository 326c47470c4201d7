// Runs in the relay. What every upstream (file loop today; HTTP-FLV, WS-FLV, RTSP via ffmpeg later) looks like to a stream.
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
  abstract start(): void;
  /** Idempotent. No events after stop(). */
  abstract stop(): void;
}
