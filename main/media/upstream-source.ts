// Runs in main. Pure: which of a play ticket's URLs the relay pulls. HTTP-FLV first (cheapest, resumable by the
// relay's reconnect), then WS-FLV; RTMP and RTSP (stream proxies) go through the relay's ffmpeg source.
import type { PlayTicket } from "../../contract/platform-api.js";
import type { SourceSpec } from "../../contract/relay-control.js";

export function upstreamSource(urls: PlayTicket["urls"]): SourceSpec {
  if (urls.httpFlv) return { kind: "http-flv", url: urls.httpFlv };
  if (urls.wsFlv) return { kind: "ws-flv", url: urls.wsFlv };
  if (urls.rtmp) return { kind: "rtmp", url: urls.rtmp };
  if (urls.rtsp) return { kind: "rtsp", url: urls.rtsp };
  throw new Error("play ticket without a URL");
}
