// Test helper: minimal WS-FLV and HTTP-FLV viewers that parse what the relay sends.
import { get, type IncomingHttpHeaders } from "node:http";
import { WebSocket } from "ws";
import { FlvParser, type FlvHeader, type FlvTag } from "../flv/flv-parser.js";

export interface FlvCapture {
  header: FlvHeader | null;
  tags: FlvTag[];
  bytes: number;
  firstByteMs: number | null;
  /** WS close code, or -1 when an HTTP response ended. null: still open when the capture stopped. */
  closeCode: number | null;
  closeReason: string;
  closedAfterMs: number | null;
  /** WS: first message was exactly the 13-byte FLV header. */
  headerFirst: boolean;
  raw: Buffer[];
}

function emptyCapture(): FlvCapture {
  return { header: null, tags: [], bytes: 0, firstByteMs: null, closeCode: null, closeReason: "", closedAfterMs: null, headerFirst: false, raw: [] };
}

/**
 * Connects over WebSocket and collects until `ms` passes or the relay closes. Rejects on a refused upgrade with the
 * status. `onTag` sees each tag as it arrives (to tell what came when).
 */
export function captureWs(url: string, ms: number, opts: { keepRaw?: boolean; onTag?: (tag: FlvTag) => void } = {}): Promise<FlvCapture> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cap = emptyCapture();
    const parser = new FlvParser();
    const ws = new WebSocket(url);
    const timer = setTimeout(() => {
      ws.terminate();
      resolve(cap);
    }, ms);
    ws.on("unexpected-response", (_req, res) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { statusCode: res.statusCode }));
      ws.terminate();
    });
    ws.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    ws.on("message", (data: Buffer, isBinary) => {
      if (!isBinary) return;
      if (cap.firstByteMs === null) {
        cap.firstByteMs = performance.now() - started;
        cap.headerFirst = data.length === 13 && data.toString("latin1", 0, 3) === "FLV";
      }
      cap.bytes += data.length;
      if (opts.keepRaw) cap.raw.push(data);
      const tags = parser.push(data);
      cap.tags.push(...tags);
      cap.header = parser.header;
      if (opts.onTag) for (const tag of tags) opts.onTag(tag);
    });
    ws.on("close", (code, reason) => {
      clearTimeout(timer);
      if (cap.closeCode === null && cap.closedAfterMs === null) {
        cap.closeCode = code;
        cap.closeReason = reason.toString();
        cap.closedAfterMs = performance.now() - started;
      }
      resolve(cap);
    });
  });
}

export interface HttpCapture extends FlvCapture {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** GETs an HTTP-FLV URL and collects until `ms` passes or the response ends. Non-200 responses resolve with their body. */
export function captureHttp(url: string, ms: number, opts: { keepRaw?: boolean } = {}): Promise<HttpCapture> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cap: HttpCapture = { ...emptyCapture(), status: 0, headers: {}, body: "" };
    const parser = new FlvParser();
    const req = get(url, (res) => {
      cap.status = res.statusCode ?? 0;
      cap.headers = res.headers;
      const timer = setTimeout(() => {
        req.destroy();
        resolve(cap);
      }, ms);
      res.on("data", (chunk: Buffer) => {
        if (cap.status !== 200) {
          cap.body += chunk.toString();
          return;
        }
        cap.firstByteMs ??= performance.now() - started;
        cap.bytes += chunk.length;
        if (opts.keepRaw) cap.raw.push(chunk);
        cap.tags.push(...parser.push(chunk));
        cap.header = parser.header;
      });
      const done = () => {
        clearTimeout(timer);
        if (cap.closedAfterMs === null) {
          cap.closeCode = -1;
          cap.closedAfterMs = performance.now() - started;
        }
        resolve(cap);
      };
      res.on("end", done);
      res.on("close", done);
      res.on("error", done);
    });
    req.on("error", reject);
  });
}

/** Checks the FLV start every viewer must get. Returns a problem description, or null. */
export function flvStartProblem(cap: FlvCapture): string | null {
  if (!cap.header) return "no FLV header";
  const firstMedia = cap.tags.findIndex((t) => t.type !== 18 && !t.video?.isSequenceHeader && !t.audio?.isSequenceHeader);
  if (firstMedia < 0) return "no media tags";
  const configIdx = cap.tags.findIndex((t) => t.video?.isSequenceHeader);
  if (configIdx < 0 || configIdx > firstMedia) return "video sequence header missing before the first frame";
  if (cap.tags[0]?.type !== 18) return "metadata is not the first tag";
  const first = cap.tags[firstMedia];
  if (!first?.video?.isKeyframe) return "first frame is not a keyframe";
  if (first.timestamp !== 0) return `first media timestamp is ${first.timestamp}, not 0`;
  for (let i = 1; i < cap.tags.length; i++) {
    if ((cap.tags[i]?.timestamp ?? 0) < (cap.tags[i - 1]?.timestamp ?? 0)) return `timestamp goes backwards at tag ${i}`;
  }
  return null;
}
