// Runs in programs that embed the relay's FLV fan-out (today: the platform's demo media server). This file is the
// relay's public API for other programs: they import it and nothing else under relay/ (the lint config holds them
// to it), so the relay's internals stay free to change. What it offers: looped FLV clips under a media root as live
// channels (pulled on demand, GOP-cached, kept a while after the last viewer), and viewers over HTTP-FLV or WS-FLV,
// each cut at its own deadline or on demand.
import type { ServerResponse } from "node:http";
import type { WebSocket } from "ws";
import type { SourceSpec } from "../../contract/relay-control.js";
import { FileLoopSource } from "../sources/file-loop-source.js";
import { resolveMediaPath } from "../sources/media-path.js";
import { StreamHub, type SourceFactory } from "../stream/stream-hub.js";
import { CLOSE_CODES, FlvViewer } from "../viewer/flv-viewer.js";
import { HttpTransport } from "../viewer/http-transport.js";
import { WsTransport } from "../viewer/ws-transport.js";

export type FanoutLog = (level: "info" | "warn" | "error", message: string, channel?: string) => void;

/** WebSocket close codes a fan-out viewer may see (HTTP viewers see their response end). */
export const FANOUT_CLOSE_CODES = { expired: CLOSE_CODES.tokenExpired, revoked: CLOSE_CODES.revoked } as const;

export interface FlvFanoutOptions {
  /** Clips are files inside this folder; nothing outside it is ever opened. */
  mediaRoot: string;
  log: FanoutLog;
  /** How long a channel keeps its clip open after its last viewer left (default 20 s). */
  lingerMs?: number;
  /** Wall clock the viewers' deadlines are read on (default Date.now). */
  now?: () => number;
}

export interface FanoutViewerSpec {
  channel: string;
  /** Who the viewer belongs to (the fan-out's log names it). */
  session: string;
  /** Wall-clock ms when the viewer is cut. */
  deadline: number;
}

export interface FanoutViewer {
  readonly deadline: number;
  readonly closed: boolean;
  /** Moves the cut later, never earlier (revoke() ends a viewer early). True when it moved. */
  extendDeadline(deadline: number): boolean;
  /** Ends the viewer now: WS-FLV viewers get close code FANOUT_CLOSE_CODES.revoked, HTTP-FLV responses end. */
  revoke(reason: string): void;
  /** Called once when the viewer ends, for whatever reason. */
  onClose(listener: () => void): void;
}

export interface FlvFanout {
  /** Registers `clip` (a path inside the media root) as `channel`; throws when it resolves outside the root. */
  addClip(channel: string, clip: string): void;
  serveHttp(res: ServerResponse, spec: FanoutViewerSpec): FanoutViewer;
  serveWs(ws: WebSocket, spec: FanoutViewerSpec): FanoutViewer;
  readonly viewerCount: number;
  close(): void;
}

function clipSources(mediaRoot: string): SourceFactory {
  const path = (spec: SourceSpec): string => {
    if (spec.kind !== "file") throw new Error("the FLV fan-out plays clip files only");
    return resolveMediaPath(mediaRoot, spec.path);
  };
  return {
    check: (spec) => void path(spec),
    create: (spec) => new FileLoopSource({ path: path(spec), mediaRoot }),
  };
}

export function createFlvFanout(options: FlvFanoutOptions): FlvFanout {
  const now = options.now ?? Date.now;
  const hub = new StreamHub({ sources: clipSources(options.mediaRoot), log: options.log, lingerMs: options.lingerMs ?? 20_000 });

  function serve(spec: FanoutViewerSpec, transport: HttpTransport | WsTransport): FanoutViewer {
    const viewer = new FlvViewer({ channel: spec.channel, session: spec.session, deadline: spec.deadline, transport, now });
    const handle: FanoutViewer = {
      get deadline() {
        return viewer.deadline;
      },
      get closed() {
        return viewer.isClosed;
      },
      extendDeadline: (deadline) => viewer.extendDeadline(deadline),
      revoke: (reason) => viewer.close(CLOSE_CODES.revoked, reason),
      onClose: (listener) => viewer.onClose(() => listener()),
    };
    // Attached a microtask later, so the caller's onClose listener is in place even when the channel is unknown.
    queueMicrotask(() => {
      if (!viewer.isClosed && !hub.attach(viewer)) viewer.fail("stream unavailable");
    });
    return handle;
  }

  return {
    addClip: (channel, clip) => hub.ensureSource(channel, { kind: "file", path: clip }),
    serveHttp: (res, spec) => serve(spec, new HttpTransport(res)),
    serveWs: (ws, spec) => serve(spec, new WsTransport(ws)),
    get viewerCount() {
      return hub.viewerCount;
    },
    close: () => hub.close(),
  };
}
