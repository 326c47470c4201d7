// Runs in the relay. WS(S)-FLV pull: the FLV byte stream split over binary WebSocket messages.
import { WebSocket } from "ws";
import { MAX_TAG_DATA_SIZE } from "../flv/flv-parser.js";
import { FlvByteSource, redactUrl } from "./flv-byte-source.js";

const HANDSHAKE_TIMEOUT_MS = 10_000;

export class WsFlvSource extends FlvByteSource {
  readonly description: string;
  private ws: WebSocket | null = null;

  constructor(private readonly url: string) {
    super();
    this.description = `ws-flv ${redactUrl(url)}`;
  }

  start(): void {
    const ws = new WebSocket(this.url, {
      perMessageDeflate: false,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      // One message never needs to hold more than a whole tag.
      maxPayload: MAX_TAG_DATA_SIZE + 1024,
      headers: { "User-Agent": "Vigil-relay" },
    });
    this.ws = ws;
    ws.on("unexpected-response", (_req, res) => {
      res.resume();
      this.fail(`upstream answered ${res.statusCode ?? 0} ${res.statusMessage ?? ""}`.trim());
    });
    ws.on("message", (data, isBinary) => {
      if (!isBinary) return this.fail("upstream sent a text message, not FLV");
      this.feed(Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data));
    });
    ws.on("close", (code) => this.fail(this.endReason(`upstream closed the WebSocket (code ${code})`)));
    ws.on("error", (err) => this.fail(`cannot reach upstream: ${err.message}`));
  }

  protected teardown(): void {
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    ws.removeAllListeners();
    ws.on("error", () => {});
    ws.terminate();
  }
}
