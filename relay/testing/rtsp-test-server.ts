// Test helper: a tiny RTSP/1.0 camera (RFC 2326) serving one H.264 track from a demo FLV clip, looped and paced in
// real time, RTP over the RTSP connection itself (interleaved, RFC 2326 §10.12) packetized per RFC 6184.
// This machine has no RTSP server (no mediamtx, no gst-rtsp-server, and ffmpeg 5.1 cannot serve RTSP), so the
// relay's RTSP source is tested against this. It implements just what a real camera's TCP path needs:
// OPTIONS, DESCRIBE, SETUP (TCP interleaved only), PLAY, GET_PARAMETER (keep-alive) and TEARDOWN. No auth, no UDP,
// no RTCP sender reports (one track: ffmpeg needs no inter-stream sync), no PAUSE or seeking.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { dirname } from "node:path";
import { parseAvcDecoderConfig } from "../flv/avc-config.js";
import { parseFlvBuffer } from "../flv/flv-parser.js";
import { FileLoopSource } from "../sources/file-loop-source.js";

export interface RtspTestServerOptions {
  /** An FLV clip with H.264 video (AVC sequence header first). */
  clip: string;
  /** 0 (default) picks a free port; pass an old server's port to bring a "camera" back on the same address. */
  port?: number;
  /** Path of the one stream; default "/live/cam". Other paths get 404 on DESCRIBE. */
  path?: string;
}

export interface RtspTestServer {
  port: number;
  /** rtsp://127.0.0.1:<port><path> */
  url: string;
  /** Request lines seen ("DESCRIBE rtsp://…"), oldest first. */
  requests: string[];
  /** Sessions currently playing. */
  readonly playing: number;
  /** Stops listening and drops every connection (a camera losing power). */
  close(): Promise<void>;
}

const MAX_RTP_PAYLOAD = 1400; // stays under a typical 1500-byte MTU with IP/UDP/RTP headers, as cameras do
const NAL_FU_A = 28;
const NAL_IDR = 5;
const PAYLOAD_TYPE = 96; // dynamic, bound to H264/90000 by the SDP's rtpmap

interface Track {
  sps: Buffer;
  pps: Buffer;
  nalLengthSize: number;
  /** "4d401e": profile_idc, constraint flags, level_idc from the SPS, for the fmtp profile-level-id. */
  profileLevelId: string;
}

/** Reads SPS/PPS and the NAL length size from the clip's AVC sequence header. */
function readTrack(clip: string): Track {
  const { tags } = parseFlvBuffer(readFileSync(clip));
  const config = tags.find((t) => t.video?.codec === "avc" && t.video.isSequenceHeader);
  if (!config?.video) throw new Error(`${clip}: no AVC sequence header`);
  const avc = parseAvcDecoderConfig(config.data.subarray(config.video.payloadOffset));
  const sps = avc.sps[0];
  const pps = avc.pps[0];
  if (!sps || !pps) throw new Error(`${clip}: AVC sequence header lacks SPS or PPS`);
  return { sps, pps, nalLengthSize: avc.nalLengthSize, profileLevelId: sps.subarray(1, 4).toString("hex") };
}

/** Splits an AVC frame body (length-prefixed NAL units, as in FLV/MP4) into NAL units. */
function splitLengthPrefixed(body: Buffer, lengthSize: number): Buffer[] {
  const nals: Buffer[] = [];
  for (let pos = 0; pos + lengthSize <= body.length; ) {
    const len = body.readUIntBE(pos, lengthSize);
    pos += lengthSize;
    if (len === 0 || pos + len > body.length) break;
    nals.push(body.subarray(pos, pos + len));
    pos += len;
  }
  return nals;
}

function sdp(track: Track): string {
  const sprop = `${track.sps.toString("base64")},${track.pps.toString("base64")}`;
  return [
    "v=0",
    `o=- ${Date.now()} 1 IN IP4 127.0.0.1`,
    "s=Vigil test camera",
    "c=IN IP4 0.0.0.0",
    "t=0 0",
    "a=control:*",
    "a=range:npt=0-",
    // Port 0: the media port is negotiated in SETUP (here: none, RTP rides the RTSP connection).
    "m=video 0 RTP/AVP 96",
    "a=rtpmap:96 H264/90000",
    // packetization-mode=1: single NAL unit packets and FU-A (non-interleaved mode, RFC 6184 §6.3).
    `a=fmtp:96 packetization-mode=1;sprop-parameter-sets=${sprop};profile-level-id=${track.profileLevelId}`,
    // Relative control URL: the client resolves it against Content-Base and SETUPs <base>/trackID=0.
    "a=control:trackID=0",
    "",
  ].join("\r\n");
}

/** One RTSP session: an RTP packetizer writing interleaved frames onto the client's connection. */
class RtpSession {
  readonly id = randomBytes(8).toString("hex");
  // Random initial sequence number, timestamp and SSRC (RFC 3550 §5.1), reported to the client in RTP-Info.
  readonly ssrc = randomBytes(4).readUInt32BE(0);
  seq = randomBytes(2).readUInt16BE(0);
  readonly rtpBase = randomBytes(4).readUInt32BE(0);
  channel = 0;
  private source: FileLoopSource | null = null;

  constructor(
    private readonly socket: Socket,
    private readonly clip: string,
    private readonly track: Track,
  ) {}

  get isPlaying(): boolean {
    return this.source !== null;
  }

  play(): void {
    if (this.source) return;
    // FileLoopSource paces the clip in real time and keeps timestamps continuous across loops.
    const source = new FileLoopSource({ path: this.clip, mediaRoot: dirname(this.clip) });
    source.on("tag", (tag) => {
      const v = tag.video;
      if (!v || v.codec !== "avc" || v.isSequenceHeader || v.isEndOfSequence) return;
      const nals = splitLengthPrefixed(tag.data.subarray(v.payloadOffset), this.track.nalLengthSize);
      // In-band SPS/PPS before every IDR: a client that lost the SDP's sprop (or joins late) can still decode.
      const idr = nals.some((n) => ((n[0] ?? 0) & 0x1f) === NAL_IDR);
      const unit = idr ? [this.track.sps, this.track.pps, ...nals] : nals;
      // RTP carries presentation time (pts = dts + composition offset) at 90 kHz, wrapping at 32 bits.
      this.sendAccessUnit(unit, (this.rtpBase + (tag.timestamp + v.compositionTime) * 90) >>> 0);
    });
    source.on("error", () => this.socket.destroy());
    this.source = source;
    source.start();
  }

  stop(): void {
    this.source?.stop();
    this.source = null;
  }

  private sendAccessUnit(nals: Buffer[], timestamp: number): void {
    nals.forEach((nal, i) => {
      const last = i === nals.length - 1;
      if (nal.length <= MAX_RTP_PAYLOAD) {
        // Single NAL unit packet: the payload is the NAL unit itself, header byte included.
        this.sendRtp(nal, timestamp, last);
        return;
      }
      // FU-A: the NAL header byte is not sent as such; its F/NRI bits go into the FU indicator and its type into
      // the FU header, with S on the first fragment and E on the last.
      const header = nal[0] ?? 0;
      const indicator = (header & 0xe0) | NAL_FU_A;
      const body = nal.subarray(1);
      const step = MAX_RTP_PAYLOAD - 2;
      for (let pos = 0; pos < body.length; pos += step) {
        const start = pos === 0;
        const end = pos + step >= body.length;
        const fuHeader = (start ? 0x80 : 0) | (end ? 0x40 : 0) | (header & 0x1f);
        this.sendRtp(Buffer.concat([Buffer.from([indicator, fuHeader]), body.subarray(pos, pos + step)]), timestamp, last && end);
      }
    });
  }

  /** RTP fixed header (RFC 3550 §5.1), wrapped in an interleaved frame: '$', channel, 16-bit length. */
  private sendRtp(payload: Buffer, timestamp: number, marker: boolean): void {
    if (this.socket.destroyed) return;
    const packet = Buffer.alloc(4 + 12);
    packet[0] = 0x24; // '$'
    packet[1] = this.channel;
    packet.writeUInt16BE(12 + payload.length, 2);
    packet[4] = 0x80; // version 2, no padding, no extension, no CSRC
    // The marker bit flags the last packet of an access unit: the depacketizer's cue that a frame is complete.
    packet[5] = (marker ? 0x80 : 0) | PAYLOAD_TYPE;
    packet.writeUInt16BE(this.seq, 6);
    this.seq = (this.seq + 1) & 0xffff;
    packet.writeUInt32BE(timestamp, 8);
    packet.writeUInt32BE(this.ssrc, 12);
    this.socket.write(Buffer.concat([packet, payload]));
  }
}

interface RtspRequest {
  method: string;
  uri: string;
  headers: Map<string, string>;
}

/** Takes one complete request (or interleaved frame) off the front of `buf`; null when more bytes are needed. */
function takeMessage(buf: Buffer): { request: RtspRequest | null; used: number } | null {
  if (buf[0] === 0x24) {
    // An interleaved frame from the client: RTCP receiver reports on channel 1. Skipped.
    if (buf.length < 4) return null;
    const used = 4 + buf.readUInt16BE(2);
    return buf.length < used ? null : { request: null, used };
  }
  const end = buf.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const [line = "", ...rest] = buf.toString("latin1", 0, end).split("\r\n");
  const headers = new Map<string, string>();
  for (const h of rest) {
    const colon = h.indexOf(":");
    if (colon > 0) headers.set(h.slice(0, colon).trim().toLowerCase(), h.slice(colon + 1).trim());
  }
  const used = end + 4 + (Number(headers.get("content-length")) || 0); // GET_PARAMETER may carry a body: skipped
  if (buf.length < used) return null;
  const [method = "", uri = ""] = line.split(" ");
  return { request: { method, uri, headers }, used };
}

export async function startRtspTestServer(options: RtspTestServerOptions): Promise<RtspTestServer> {
  const track = readTrack(options.clip);
  const streamPath = options.path ?? "/live/cam";
  const requests: string[] = [];
  const sessions = new Set<RtpSession>();
  const sockets = new Set<Socket>();
  let port = 0;

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    let session: RtpSession | null = null;
    let pending: Buffer = Buffer.alloc(0);

    const reply = (cseq: string | undefined, status: string, headers: Record<string, string> = {}, body = ""): void => {
      // CSeq is echoed on every response: the client matches responses to requests by it.
      const lines = [`RTSP/1.0 ${status}`, `CSeq: ${cseq ?? "0"}`, "Server: vigil-rtsp-test", ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
      socket.write(`${lines.join("\r\n")}\r\n\r\n${body}`);
    };

    const handle = ({ method, uri, headers }: RtspRequest): void => {
      requests.push(`${method} ${uri}`);
      const cseq = headers.get("cseq");
      const path = (() => {
        try {
          return new URL(uri).pathname;
        } catch {
          return "";
        }
      })();
      const known = path === streamPath || path === `${streamPath}/` || path === `${streamPath}/trackID=0`;
      // A session id from the client must be ours ("<id>" or "<id>;timeout=…").
      const claimed = headers.get("session")?.split(";")[0];
      const sessionHeader = (): Record<string, string> => (session ? { Session: `${session.id};timeout=60` } : {});
      if (claimed !== undefined && claimed !== session?.id) return reply(cseq, "454 Session Not Found");
      switch (method) {
        case "OPTIONS":
          return reply(cseq, "200 OK", { Public: "OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER" });
        case "DESCRIBE": {
          if (!known) return reply(cseq, "404 Not Found");
          const base = `rtsp://127.0.0.1:${port}${streamPath}/`;
          return reply(cseq, "200 OK", { "Content-Base": base, "Content-Type": "application/sdp" }, sdp(track));
        }
        case "SETUP": {
          if (!known) return reply(cseq, "404 Not Found");
          const transport = headers.get("transport") ?? "";
          // TCP only. 461 makes ffmpeg (without -rtsp_transport tcp) drop UDP and retry over TCP.
          if (!/RTP\/AVP\/TCP/i.test(transport)) return reply(cseq, "461 Unsupported Transport");
          const channel = Number(/interleaved=(\d+)/.exec(transport)?.[1] ?? 0);
          session ??= new RtpSession(socket, options.clip, track);
          sessions.add(session);
          session.channel = channel;
          const ssrc = session.ssrc.toString(16).padStart(8, "0").toUpperCase();
          return reply(cseq, "200 OK", { Transport: `RTP/AVP/TCP;unicast;interleaved=${channel}-${channel + 1};ssrc=${ssrc}`, ...sessionHeader() });
        }
        case "PLAY": {
          if (!session) return reply(cseq, "455 Method Not Valid in This State");
          // RTP-Info ties the first packet's sequence number and timestamp to the start of the range (npt 0).
          const info = `url=rtsp://127.0.0.1:${port}${streamPath}/trackID=0;seq=${session.seq};rtptime=${session.rtpBase}`;
          reply(cseq, "200 OK", { Range: "npt=0.000-", "RTP-Info": info, ...sessionHeader() });
          // After the response: RTP before the 200 would be read as a malformed response.
          session.play();
          return;
        }
        case "GET_PARAMETER":
          // The client's keep-alive (sent every timeout/2): an empty 200 keeps the session.
          return reply(cseq, "200 OK", sessionHeader());
        case "TEARDOWN":
          session?.stop();
          if (session) sessions.delete(session);
          reply(cseq, "200 OK", sessionHeader());
          session = null;
          return;
        default:
          return reply(cseq, "501 Not Implemented");
      }
    };

    socket.on("data", (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (let msg = takeMessage(pending); msg; msg = takeMessage(pending)) {
        pending = pending.subarray(msg.used);
        if (msg.request) handle(msg.request);
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      sockets.delete(socket);
      session?.stop();
      if (session) sessions.delete(session);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  port = (server.address() as { port: number }).port;
  return {
    port,
    url: `rtsp://127.0.0.1:${port}${streamPath}`,
    requests,
    get playing() {
      return [...sessions].filter((s) => s.isPlaying).length;
    },
    close: () => {
      for (const s of sessions) s.stop();
      sessions.clear();
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
