// Test helper: minimal WS-FLV and HTTP-FLV viewers that parse what the relay sends. `watch*` gives a live handle
// (wait until a condition holds on what arrived, then act, then stop); `capture*` collects in one go, until the
// relay closes, a condition holds, or at most `ms` passes.
import { get, type IncomingHttpHeaders } from "node:http";
import { WebSocket } from "ws";
import { within } from "../../tests/support/wait-for.js";
import { FlvParser, type FlvHeader, type FlvTag } from "../flv/flv-parser.js";

export interface FlvCapture {
  header: FlvHeader | null;
  tags: FlvTag[];
  bytes: number;
  /** performance.now() when the viewer connected; closedAfterMs and firstByteMs count from here. */
  startedAt: number;
  firstByteMs: number | null;
  /** WS close code, or -1 when an HTTP response ended. null: still open when the capture stopped. */
  closeCode: number | null;
  closeReason: string;
  closedAfterMs: number | null;
  /** WS: first message was exactly the 13-byte FLV header. */
  headerFirst: boolean;
  raw: Buffer[];
}

export interface HttpCapture extends FlvCapture {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A viewer still connected: what arrived so far, and ways to wait on it. */
export interface FlvWatch<C extends FlvCapture> {
  /** Filled as bytes arrive. */
  readonly cap: C;
  /** Settles when the connection ends (the relay closed it, or stop()); rejects on a refused WS upgrade or a socket error. */
  readonly ended: Promise<C>;
  /** Resolves once `pred` holds for what arrived; rejects naming `what` when the connection ends first or after `timeoutMs`. */
  until(what: string, pred: (cap: C) => boolean, timeoutMs?: number): Promise<C>;
  /** Drops the connection from this side (closeCode stays null) and returns what arrived. */
  stop(): Promise<C>;
}

export interface WatchOptions {
  keepRaw?: boolean;
  /** Sees each tag as it arrives (to tell what came when). */
  onTag?: (tag: FlvTag) => void;
}

export interface CaptureOptions<C extends FlvCapture> extends WatchOptions {
  /** Ends the capture as soon as this holds (`ms` stays the upper bound). */
  until?: (cap: C) => boolean;
}

/** Video frames (not sequence headers) in arrival order. */
export const videoFrames = (cap: FlvCapture): FlvTag[] => cap.tags.filter((t) => t.video && !t.video.isSequenceHeader);

/** Media has started: at least `n` video frames arrived (a viewer gets data only once the relay registered it). */
export const hasFrames =
  (n = 1) =>
  (cap: FlvCapture): boolean =>
    videoFrames(cap).length >= n;

function emptyCapture(): FlvCapture {
  return { header: null, tags: [], bytes: 0, startedAt: performance.now(), firstByteMs: null, closeCode: null, closeReason: "", closedAfterMs: null, headerFirst: false, raw: [] };
}

const summary = (cap: FlvCapture): string =>
  `${videoFrames(cap).length} video frame(s), ${cap.bytes} bytes, ${cap.closeCode === null ? "open" : `closed ${cap.closeCode} "${cap.closeReason}"`}`;

/** The shared half of both viewers: condition waiters woken on every chunk and at the end. */
function watchState<C extends FlvCapture>(cap: C, ended: Promise<C>, stop: () => void): { watch: FlvWatch<C>; progress: () => void; end: () => void } {
  const waiters = new Set<() => void>();
  let over = false;
  const progress = () => {
    for (const w of [...waiters]) w();
  };
  const watch: FlvWatch<C> = {
    cap,
    ended,
    until(what, pred, timeoutMs = 10_000) {
      let check = () => {};
      const reached = new Promise<C>((resolve, reject) => {
        check = () => {
          if (pred(cap)) resolve(cap);
          else if (over) reject(new Error(`the viewer ended before ${what}: ${summary(cap)}`));
        };
      });
      waiters.add(check);
      check();
      return within(what, reached, timeoutMs, () => summary(cap)).finally(() => waiters.delete(check));
    },
    stop() {
      stop();
      return ended;
    },
  };
  return {
    watch,
    progress,
    end: () => {
      over = true;
      progress();
    },
  };
}

/** Connects over WebSocket. `ended` rejects on a refused upgrade, with the status as `statusCode`. */
export function watchWs(url: string, opts: WatchOptions = {}): FlvWatch<FlvCapture> {
  const cap = emptyCapture();
  const parser = new FlvParser();
  const ws = new WebSocket(url);
  let stopped = false;
  let settle: { resolve: (c: FlvCapture) => void; reject: (e: Error) => void } | undefined;
  const ended = new Promise<FlvCapture>((resolve, reject) => (settle = { resolve, reject }));
  ended.catch(() => {}); // a refusal is the caller's to read from `ended`; not unhandled when it only uses until()
  const state = watchState(cap, ended, () => {
    if (stopped) return;
    stopped = true;
    ws.terminate();
    finish();
  });
  const finish = (err?: Error) => {
    if (err) settle?.reject(err);
    else settle?.resolve(cap);
    state.end();
  };
  ws.on("unexpected-response", (_req, res) => {
    stopped = true;
    ws.terminate();
    finish(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { statusCode: res.statusCode }));
  });
  ws.on("error", (err) => {
    if (!stopped) finish(err);
  });
  ws.on("message", (data: Buffer, isBinary) => {
    if (!isBinary || stopped) return;
    if (cap.firstByteMs === null) {
      cap.firstByteMs = performance.now() - cap.startedAt;
      cap.headerFirst = data.length === 13 && data.toString("latin1", 0, 3) === "FLV";
    }
    cap.bytes += data.length;
    if (opts.keepRaw) cap.raw.push(data);
    const tags = parser.push(data);
    cap.tags.push(...tags);
    cap.header = parser.header;
    if (opts.onTag) for (const tag of tags) opts.onTag(tag);
    state.progress();
  });
  ws.on("close", (code, reason) => {
    if (stopped) return;
    cap.closeCode = code;
    cap.closeReason = reason.toString();
    cap.closedAfterMs = performance.now() - cap.startedAt;
    finish();
  });
  return state.watch;
}

/** GETs an HTTP-FLV URL. Non-200 responses end with their body; `ended` rejects only on a socket error. */
export function watchHttp(url: string, opts: Omit<WatchOptions, "onTag"> = {}): FlvWatch<HttpCapture> {
  const cap: HttpCapture = { ...emptyCapture(), status: 0, headers: {}, body: "" };
  const parser = new FlvParser();
  let stopped = false;
  let finished = false;
  let settle: { resolve: (c: HttpCapture) => void; reject: (e: Error) => void } | undefined;
  const ended = new Promise<HttpCapture>((resolve, reject) => (settle = { resolve, reject }));
  ended.catch(() => {});
  const finish = (err?: Error) => {
    if (finished) return;
    finished = true;
    if (err) settle?.reject(err);
    else settle?.resolve(cap);
    state.end();
  };
  const req = get(url, (res) => {
    cap.status = res.statusCode ?? 0;
    cap.headers = res.headers;
    res.on("data", (chunk: Buffer) => {
      if (stopped) return;
      if (cap.status !== 200) cap.body += chunk.toString();
      else {
        cap.firstByteMs ??= performance.now() - cap.startedAt;
        cap.bytes += chunk.length;
        if (opts.keepRaw) cap.raw.push(chunk);
        cap.tags.push(...parser.push(chunk));
        cap.header = parser.header;
      }
      state.progress();
    });
    const done = () => {
      if (stopped) return;
      cap.closeCode = -1;
      cap.closedAfterMs = performance.now() - cap.startedAt;
      finish();
    };
    res.on("end", done);
    res.on("close", done);
    res.on("error", done);
    state.progress();
  });
  req.on("error", (err) => {
    if (!stopped) finish(err);
  });
  const state = watchState(cap, ended, () => {
    if (stopped) return;
    stopped = true;
    req.destroy();
    finish();
  });
  return state.watch;
}

/** Ends `watch` when `until` holds or `ms` after `started` resolves (the connection, or an HTTP answer's headers). */
function capture<C extends FlvCapture>(watch: FlvWatch<C>, ms: number, until: ((cap: C) => boolean) | undefined, started: Promise<unknown> = Promise.resolve()): Promise<C> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  started.then(
    () => (timer = setTimeout(() => void watch.stop(), ms)),
    () => {},
  );
  if (until) watch.until("the capture's condition", until, 600_000).then(() => watch.stop(), () => {});
  return watch.ended.finally(() => clearTimeout(timer));
}

/** Connects over WebSocket and collects until the relay closes, `until` holds, or `ms` passes. Rejects on a refused upgrade. */
export function captureWs(url: string, ms: number, opts: CaptureOptions<FlvCapture> = {}): Promise<FlvCapture> {
  return capture(watchWs(url, opts), ms, opts.until);
}

/** GETs an HTTP-FLV URL and collects until the response ends, `until` holds, or `ms` passes after the headers. Non-200 responses resolve with their body. */
export function captureHttp(url: string, ms: number, opts: CaptureOptions<HttpCapture> = {}): Promise<HttpCapture> {
  const watch = watchHttp(url, opts);
  // `ms` counts from the answer's headers, so an error answer is always read whole.
  return capture(watch, ms, opts.until, watch.until("the answer's headers", (c) => c.status !== 0, 600_000));
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
