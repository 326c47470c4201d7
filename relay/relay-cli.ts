// Standalone relay for benchmarks and diagnostics: `npm run relay -- --port 8090 --no-auth --source cam=<url>`.
// No main, no tokens: it binds 127.0.0.1 only and insists on --no-auth so nobody mistakes it for the secure setup.
import { parse as parsePath, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ChannelNameSchema, SourceSpecSchema, VideoCodecSchema, type SourceSpec, type VideoCodecName } from "../contract/relay-control.js";
import { createRelayApp } from "./relay-app.js";
import { DEFAULT_TUNING, readInt, RelayConfigError, type RelayTuning } from "./relay-config.js";
import { stderrLog } from "./relay-log.js";

const USAGE = `usage: npm run relay -- --no-auth [--port <p>] --source <name>=<url> [--source …]
  urls: http(s)://…flv  ws(s)://…  rtsp://…  rtmp://…  file:<path>
  --linger-ms <ms>            keep an upstream open this long after its last viewer (default ${DEFAULT_TUNING.lingerMs})
  --max-viewers <n>           viewers beyond this get 503 (default ${DEFAULT_TUNING.maxViewers})
  --max-viewers-per-channel <n>  viewers of one stream beyond this get 503 (default: --max-viewers; no tokens here)
  --keyframe-timeout-ms <ms>  reconnect an upstream that sends no keyframe this long (default ${DEFAULT_TUNING.keyframeTimeoutMs})
  --ffmpeg <path>             ffmpeg binary (default: $VIGIL_FFMPEG, resources/ffmpeg/, PATH)
  --accept h264[,hevc]        codecs the player decodes; others are transcoded to H.264 (default h264)
  --media-root <dir>          folder file: sources must be inside (default: the filesystem root)
streams: http://127.0.0.1:<p>/live/<name>.flv (HTTP-FLV) and ws://127.0.0.1:<p>/live/<name>.flv (WS-FLV); stats: /stats`;

export class CliError extends Error {
  override readonly name = "CliError";
}

export interface CliConfig {
  port: number;
  sources: Array<{ name: string; spec: SourceSpec }>;
  tuning: RelayTuning;
  accept: VideoCodecName[];
  mediaRoot: string;
}

/** Maps a CLI url to a source spec; the contract's schema checks the rest. */
export function specFromUrl(url: string): SourceSpec {
  let candidate: unknown;
  if (url.startsWith("file:")) {
    const path = url.startsWith("file://") ? new URL(url).pathname : url.slice("file:".length);
    candidate = { kind: "file", path: resolve(path) };
  } else {
    const scheme = /^([a-z]+):/i.exec(url)?.[1]?.toLowerCase() ?? "";
    const kinds: Record<string, string> = { http: "http-flv", https: "http-flv", ws: "ws-flv", wss: "ws-flv", rtsp: "rtsp", rtsps: "rtsp", rtmp: "rtmp", rtmps: "rtmp" };
    const kind = kinds[scheme];
    if (!kind) throw new CliError(`unsupported source url "${url}" (http(s), ws(s), rtsp, rtmp or file:)`);
    candidate = { kind, url };
  }
  const parsed = SourceSpecSchema.safeParse(candidate);
  if (!parsed.success) throw new CliError(`bad source url "${url}": ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}

export function parseCli(argv: string[]): CliConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string", default: "0" },
        "no-auth": { type: "boolean", default: false },
        source: { type: "string", multiple: true, default: [] },
        "linger-ms": { type: "string" },
        "max-viewers": { type: "string" },
        "max-viewers-per-channel": { type: "string" },
        "keyframe-timeout-ms": { type: "string" },
        ffmpeg: { type: "string" },
        accept: { type: "string", default: "h264" },
        "media-root": { type: "string" },
        help: { type: "boolean", default: false },
      },
      strict: true,
    }));
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  if (values.help) throw new CliError("");
  if (!values["no-auth"]) {
    throw new CliError("the standalone relay has no token issuer: pass --no-auth to serve without access control (loopback only, for benchmarks and diagnostics)");
  }
  try {
    const port = readInt("--port", values.port, 0, 0, 65535);
    const maxViewers = readInt("--max-viewers", values["max-viewers"], DEFAULT_TUNING.maxViewers, 1, 100_000);
    const tuning: RelayTuning = {
      lingerMs: readInt("--linger-ms", values["linger-ms"], DEFAULT_TUNING.lingerMs, 0, 3_600_000),
      maxViewers,
      // Without tokens there are no sessions to cap, and a benchmark fans one stream out to many viewers.
      maxViewersPerSession: maxViewers,
      maxViewersPerChannel: readInt("--max-viewers-per-channel", values["max-viewers-per-channel"], maxViewers, 1, 100_000),
      keyframeTimeoutMs: readInt("--keyframe-timeout-ms", values["keyframe-timeout-ms"], DEFAULT_TUNING.keyframeTimeoutMs, 500, 600_000),
      ffmpegPath: values.ffmpeg ?? process.env.VIGIL_FFMPEG ?? null,
    };
    const accept = values.accept.split(",").map((c) => {
      const codec = VideoCodecSchema.safeParse(c.trim());
      if (!codec.success) throw new CliError(`--accept: unknown codec "${c}" (h264, hevc)`);
      return codec.data;
    });
    if (values.source.length === 0) throw new CliError("give at least one --source <name>=<url>");
    const sources = values.source.map((arg) => {
      const eq = arg.indexOf("=");
      if (eq <= 0) throw new CliError(`--source expects <name>=<url>, got "${arg}"`);
      const name = ChannelNameSchema.safeParse(arg.slice(0, eq));
      if (!name.success) throw new CliError(`--source name "${arg.slice(0, eq)}": 1-64 of [A-Za-z0-9_-]`);
      return { name: name.data, spec: specFromUrl(arg.slice(eq + 1)) };
    });
    const mediaRoot = resolve(values["media-root"] ?? parsePath(process.cwd()).root);
    return { port, sources, tuning, accept, mediaRoot };
  } catch (err) {
    if (err instanceof RelayConfigError) throw new CliError(err.message);
    throw err;
  }
}

async function main(): Promise<void> {
  let config: CliConfig;
  try {
    config = parseCli(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    if (err.message) process.stderr.write(`relay: ${err.message}\n`);
    process.stderr.write(`${USAGE}\n`);
    process.exit(err.message ? 2 : 0);
  }
  process.stderr.write(
    [
      "",
      "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
      "!! WARNING: relay running with --no-auth: NO ACCESS CONTROL on any stream.   !!",
      "!! Any local process can watch every camera below. Loopback only; for        !!",
      "!! benchmarks and diagnostics, never for operators.                          !!",
      "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
      "",
    ].join("\n"),
  );
  const app = createRelayApp({ tokenKey: null, noAuth: true, mediaRoot: config.mediaRoot, tuning: config.tuning, log: stderrLog, defaultAccept: config.accept });
  for (const { name, spec } of config.sources) app.ensureSource(name, spec);
  let port: number;
  try {
    port = await app.server.listen(config.port);
  } catch (err) {
    process.stderr.write(`relay: cannot listen on 127.0.0.1:${config.port}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  for (const { name } of config.sources) process.stderr.write(`[relay] stream ${name}: /live/${name}.flv\n`);
  // The one line tools wait for.
  process.stdout.write(`relay: http://127.0.0.1:${port}\n`);
  const shutdown = (): void => {
    app.hub.close();
    void app.server.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

// Only when run as the entry point or through scripts/relay-cli.mjs (tests import parseCli).
if (process.argv[1] && /relay-cli\.[cm]?[jt]s$/.test(process.argv[1])) void main();
