// Runs in the viewer-fleet child. One FLV viewer over WS-FLV or HTTP-FLV that feeds a FlvTagCounter.
import { get, type ClientRequest } from "node:http";
import { WebSocket } from "ws";
import { FlvTagCounter, type VideoTagEvent } from "../common/flv-tag-counter.js";
import type { Transport } from "./fleet-protocol.js";

export interface FlvViewer {
  counter: FlvTagCounter;
  close(): void;
}

export function openViewer(
  url: string,
  transport: Transport,
  handlers: { onVideo?: (e: VideoTagEvent) => void; onError?: (err: Error) => void; onClose?: () => void },
): FlvViewer {
  const counter = new FlvTagCounter();
  const feed = (chunk: Buffer): void => counter.push(chunk, handlers.onVideo);
  if (transport === "ws") {
    const ws = new WebSocket(url.replace(/^http/, "ws"), { perMessageDeflate: false });
    ws.on("message", (data: Buffer, isBinary) => {
      if (isBinary) feed(data);
    });
    ws.on("error", (err) => handlers.onError?.(err));
    ws.on("unexpected-response", (_req, res) => handlers.onError?.(new Error(`WS upgrade refused: HTTP ${res.statusCode}`)));
    ws.on("close", () => handlers.onClose?.());
    return { counter, close: () => ws.terminate() };
  }
  let req: ClientRequest | null = null;
  req = get(url, { agent: false }, (res) => {
    if (res.statusCode !== 200) {
      handlers.onError?.(new Error(`HTTP ${res.statusCode}`));
      res.resume();
      return;
    }
    res.on("data", feed);
    res.on("end", () => handlers.onClose?.());
  });
  req.on("error", (err) => handlers.onError?.(err));
  return { counter, close: () => req?.destroy() };
}
