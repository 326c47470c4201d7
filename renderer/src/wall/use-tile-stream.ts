// Runs in the renderer. React glue: one TileStream per (tile, camera, maximized), fed with the relay/core link state.
import { useEffect, useState, type RefObject } from "react";
import { consoleLink } from "../bridge/console-api.js";
import { mpegtsEngine } from "../player/mpegts-engine.js";
import { TileStream, type TileStatus } from "../player/tile-stream.js";
import { streamBlock, useConsoleStore } from "../state/console-store.js";

const IDLE: TileStatus = { state: "idle", message: null, retryAt: null };

export function useTileStream(
  tile: number,
  cameraId: string | null,
  maximized: boolean,
  hidden: boolean,
  video: RefObject<HTMLVideoElement | null>,
): { status: TileStatus; stream: TileStream | null } {
  const [stream, setStream] = useState<TileStream | null>(null);
  const [status, setStatus] = useState<TileStatus>(IDLE);

  useEffect(() => {
    const el = video.current;
    if (cameraId === null || !el) {
      setStream(null);
      setStatus(IDLE);
      return;
    }
    const s = new TileStream({
      tile,
      cameraId,
      video: el,
      engine: mpegtsEngine,
      api: consoleLink().api,
      blocked: streamBlock(useConsoleStore.getState()),
    });
    setStream(s);
    setStatus(s.status());
    const offStatus = s.subscribe(setStatus);
    const offStore = useConsoleStore.subscribe((st) => s.setBlocked(streamBlock(st)));
    return () => {
      offStatus();
      offStore();
      s.dispose();
    };
    // `maximized` recreates the stream on purpose: main serves a maximized tile its main stream, small tiles a sub-stream.
  }, [tile, cameraId, maximized, video]);

  useEffect(() => stream?.setVisible(!hidden), [stream, hidden]);

  return { status: cameraId === null ? IDLE : status, stream };
}
