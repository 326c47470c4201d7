// Runs in the relay. HTTP(S)-FLV pull (ZLMediaKit-style /{app}/{stream}.live.flv). Checks that the answer
// really is FLV before trusting it: media servers answer errors as HTML/JSON pages with status 200 surprisingly often.
import { request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { FlvByteSource, redactUrl } from "./flv-byte-source.js";

const MAX_REDIRECTS = 3;
const CONNECT_TIMEOUT_MS = 10_000;
/** Content types that are certainly not a video stream. */
const NOT_FLV = /^(text\/|application\/(json|xml|problem\+json|javascript))/i;

export class HttpFlvSource extends FlvByteSource {
  readonly description: string;
  private req: ClientRequest | null = null;
  private res: IncomingMessage | null = null;

  constructor(private readonly url: string) {
    super();
    this.description = `http-flv ${redactUrl(url)}`;
  }

  start(): void {
    this.request(new URL(this.url), 0);
  }

  protected teardown(): void {
    this.res?.destroy();
    this.req?.destroy();
    this.req = this.res = null;
  }

  private request(url: URL, redirects: number): void {
    if (this.isStopped) return;
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(url, { headers: { "User-Agent": "Vigil-relay", Accept: "video/x-flv, */*" }, timeout: CONNECT_TIMEOUT_MS });
    this.req = req;
    req.on("timeout", () => this.fail(`upstream did not answer within ${CONNECT_TIMEOUT_MS} ms`));
    req.on("error", (err) => this.fail(`cannot reach upstream: ${err.message}`));
    req.on("response", (res) => this.onResponse(url, res, redirects));
    req.end();
  }

  private onResponse(url: URL, res: IncomingMessage, redirects: number): void {
    this.res = res;
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (status >= 300 && status < 400 && location) {
      res.resume();
      const next = new URL(location, url);
      if (redirects >= MAX_REDIRECTS) return this.fail(`upstream redirected more than ${MAX_REDIRECTS} times`);
      if (next.protocol !== "http:" && next.protocol !== "https:") return this.fail(`upstream redirected to a ${next.protocol} URL`);
      this.request(next, redirects + 1);
      return;
    }
    if (status < 200 || status >= 300) {
      res.resume();
      return this.fail(`upstream answered ${status} ${res.statusMessage ?? ""}`.trim());
    }
    const type = (res.headers["content-type"] ?? "").split(";")[0]?.trim() ?? "";
    if (NOT_FLV.test(type)) {
      res.resume();
      return this.fail(`upstream answered ${type}, not FLV`);
    }
    // The connect timeout no longer applies: silence is the stream's watchdog's business.
    this.req?.setTimeout(0);
    res.on("data", (chunk: Buffer) => this.feed(chunk));
    res.on("end", () => this.fail(this.endReason("upstream ended the stream")));
    res.on("error", (err) => this.fail(`upstream connection broke: ${err.message}`));
    res.on("close", () => this.fail(this.endReason("upstream closed the connection")));
  }
}
