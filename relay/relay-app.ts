// Runs in the relay. The parts both entry points share (relay-main under main, relay-cli standalone):
// source factory with its ffmpeg lookup, hub and HTTP server, wired with one set of knobs.
import { dirname, join, resolve } from "node:path";
import type { SourceSpec, VideoCodecName } from "../contract/relay-control.js";
import type { RelayTuning } from "./relay-config.js";
import type { RelayLog } from "./relay-log.js";
import { createRelayServer, type RelayServer } from "./relay-server.js";
import { findFfmpeg, type FfmpegLookup } from "./sources/ffmpeg-locator.js";
import { realMediaPath, resolveMediaPath } from "./sources/media-path.js";
import { createSourceFactory } from "./sources/source-factory.js";
import { StreamHub } from "./stream/stream-hub.js";

export interface RelayAppOptions {
  tokenKey: Buffer | null;
  noAuth?: boolean;
  mediaRoot: string | null;
  tuning: RelayTuning;
  log: RelayLog;
  defaultAccept?: readonly VideoCodecName[];
}

export interface RelayApp {
  hub: StreamHub;
  server: RelayServer;
  /** ensureSource plus early warnings (missing clip, missing ffmpeg); throws when the spec can never work. */
  ensureSource(channel: string, spec: SourceSpec): void;
}

/** Where a bundled ffmpeg may live: Electron's resources folder, or resources/ next to the repo's dist/. */
function resourcesDirs(): string[] {
  const dirs: string[] = [];
  const electronResources = (process as { resourcesPath?: unknown }).resourcesPath;
  if (typeof electronResources === "string") dirs.push(electronResources);
  // dist/relay/relay-*.cjs → <repo>/resources
  if (process.argv[1]) dirs.push(resolve(dirname(process.argv[1]), "..", "..", "resources"));
  dirs.push(join(process.cwd(), "resources"));
  return dirs;
}

export function createRelayApp(options: RelayAppOptions): RelayApp {
  const { tuning, log } = options;
  const ffmpeg: FfmpegLookup = { explicit: tuning.ffmpegPath, resourcesDirs: resourcesDirs(), pathEnv: process.env.PATH };
  const sources = createSourceFactory({ mediaRoot: options.mediaRoot, ffmpeg, ...(options.defaultAccept ? { defaultAccept: options.defaultAccept } : {}) });
  const hub = new StreamHub({ sources, log, lingerMs: tuning.lingerMs, timeouts: { keyframeTimeoutMs: tuning.keyframeTimeoutMs } });
  const server = createRelayServer({ hub, tokenKey: options.tokenKey, noAuth: options.noAuth === true, maxViewers: tuning.maxViewers, maxViewersPerSession: tuning.maxViewersPerSession, maxViewersPerChannel: tuning.maxViewersPerChannel, log });
  return {
    hub,
    server,
    ensureSource(channel, spec) {
      hub.ensureSource(channel, spec);
      // Reported now rather than when the first viewer arrives; the source stays registered (the cause may be fixed).
      if (spec.kind === "file" && options.mediaRoot) {
        const target = resolveMediaPath(options.mediaRoot, spec.path);
        realMediaPath(options.mediaRoot, target).catch((err: unknown) => log("error", err instanceof Error ? err.message : String(err), channel));
      }
      if (spec.kind === "rtsp" || spec.kind === "rtmp") {
        try {
          findFfmpeg(ffmpeg);
        } catch (err) {
          log("error", err instanceof Error ? err.message : String(err), channel);
        }
      }
    },
  };
}
