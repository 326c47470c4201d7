// Runs in the relay. Turns main's SourceSpec into a running source, with the checks each kind needs.
// Every FLV source is wrapped so H.265 is transcoded when the display does not accept it.
import type { SourceSpec, VideoCodecName } from "../../contract/relay-control.js";
import type { SourceFactory } from "../stream/stream-hub.js";
import { HevcTranscodeSource } from "../transcode/hevc-transcode-source.js";
import { FfmpegSource } from "./ffmpeg-source.js";
import { findFfmpeg, type FfmpegLookup } from "./ffmpeg-locator.js";
import { FileLoopSource } from "./file-loop-source.js";
import { HttpFlvSource } from "./http-flv-source.js";
import { resolveMediaPath } from "./media-path.js";
import type { StreamSource } from "./stream-source.js";
import { WsFlvSource } from "./ws-flv-source.js";

export interface SourceFactoryOptions {
  mediaRoot: string | null;
  /** How to find ffmpeg; omitted: PATH only. */
  ffmpeg?: FfmpegLookup;
  /** Codecs the display decodes when a spec does not say (default: H.264 only). */
  defaultAccept?: readonly VideoCodecName[];
}

export function createSourceFactory(opts: SourceFactoryOptions): SourceFactory {
  const lookup: FfmpegLookup = opts.ffmpeg ?? { explicit: null, resourcesDirs: [], pathEnv: process.env.PATH };
  // Looked up on every use: ffmpeg may be installed while the relay runs. It is a few stat calls.
  const ffmpeg = (): string => findFfmpeg(lookup);
  const acceptOf = (spec: SourceSpec): readonly VideoCodecName[] => spec.accept ?? opts.defaultAccept ?? ["h264"];

  function flvSource(spec: SourceSpec): StreamSource {
    switch (spec.kind) {
      case "file": {
        const path = resolveMediaPath(opts.mediaRoot, spec.path);
        // resolveMediaPath throws without a root, so it is set here.
        return new FileLoopSource({ path, mediaRoot: opts.mediaRoot ?? "" });
      }
      case "http-flv":
        return new HttpFlvSource(spec.url);
      case "ws-flv":
        return new WsFlvSource(spec.url);
      case "rtsp":
      case "rtmp":
        return new FfmpegSource({ kind: spec.kind, url: spec.url, ffmpeg });
    }
  }

  return {
    check(spec: SourceSpec): void {
      if (spec.kind === "file") resolveMediaPath(opts.mediaRoot, spec.path);
    },
    create(spec: SourceSpec): StreamSource {
      const source = flvSource(spec);
      if (acceptOf(spec).includes("hevc")) return source;
      // ffmpeg 5.1 sources already turn H.265 into H.264 themselves; with a newer ffmpeg they copy it and this wrapper transcodes.
      return new HevcTranscodeSource(source, { ffmpeg });
    },
  };
}
