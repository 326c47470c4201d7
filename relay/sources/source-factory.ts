// Runs in the relay. Turns main's SourceSpec into a running source, with the checks each kind needs.
import type { SourceSpec } from "../../contract/relay-control.js";
import type { SourceFactory } from "../stream/stream-hub.js";
import { FileLoopSource } from "./file-loop-source.js";
import { resolveMediaPath } from "./media-path.js";
import type { StreamSource } from "./stream-source.js";

export function createSourceFactory(opts: { mediaRoot: string | null }): SourceFactory {
  return {
    check(spec: SourceSpec): void {
      if (spec.kind === "file") resolveMediaPath(opts.mediaRoot, spec.path);
    },
    create(spec: SourceSpec): StreamSource {
      switch (spec.kind) {
        case "file": {
          const path = resolveMediaPath(opts.mediaRoot, spec.path);
          // resolveMediaPath throws without a root, so it is set here.
          return new FileLoopSource({ path, mediaRoot: opts.mediaRoot ?? "" });
        }
      }
    },
  };
}
