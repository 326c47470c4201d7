// Runs in the renderer. React glue: one TileStream per (tile, camera, maximized), fed with the relay/core link state,
// main's streamEnded events and the console's access clock. The wall's tiles and the program output share it.
import { useEffect, useState, type RefObject } from "react";
import { consoleApi } from "../state/console-link.js";
import { mpegtsEngine } from "./mpegts-engine.js";
import { TileStream, type TileStatus } from "./tile-stream.js";
import { accessNow } from "../state/access-state.js";
import { streamBlock, useConsoleStore } from "../state/console-store.js";
import { recordEnd, recordedEnd } from "./tile-ends.js";

const IDLE: TileStatus = { state: "idle", message: null, retryAt: null, end: null, access: null };

export function useTileStream(
  tile: number,
  cameraId: string | null,
  maximized: boolean,
  hidden: boolean,
  video: RefObject<HTMLVideoElement | null>,
  output: "wall" | "program" = "wall",
): { status: TileStatus; stream: TileStream | null } {
  const [stream, setStream] = useState<TileStream | null>(null);
  const [status, setStatus] = useState<TileStatus>(IDLE);
  // The wall window this page shows (its tiles, or the program output's tile, belong to it).
  const wall = useConsoleStore((s) => s.wallId);

  useEffect(() => {
    const el = video.current;
    // Drops what was recorded for another camera (or none) on this tile.
    const ended = recordedEnd(output, tile, cameraId);
    if (cameraId === null || !el) {
      setStream(null);
      setStatus(IDLE);
      return;
    }
    const api = consoleApi();
    const s = new TileStream({
      wall,
      tile,
      cameraId,
      video: el,
      engine: mpegtsEngine,
      api,
      blocked: streamBlock(useConsoleStore.getState()),
      output,
      now: accessNow,
      ended,
    });
    setStream(s);
    setStatus(s.status());
    const offStatus = s.subscribe((st) => {
      recordEnd(output, tile, cameraId, st.end);
      setStatus(st);
    });
    const offStore = useConsoleStore.subscribe((st) => s.setBlocked(streamBlock(st)));
    const offEnded = api.on("streamEnded", (e) => s.streamEnded(e));
    return () => {
      offStatus();
      offStore();
      offEnded();
      s.dispose();
    };
    // `maximized` recreates the stream on purpose: main serves a maximized tile its main stream, small tiles a sub-stream.
  }, [wall, tile, cameraId, maximized, video, output]);

  useEffect(() => stream?.setVisible(!hidden), [stream, hidden]);

  return { status: cameraId === null ? IDLE : status, stream };
}
