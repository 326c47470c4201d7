// Runs in the platform. Opaque cursors and page tokens. Both carry the catalog epoch: a catalog rebuilt from scratch
// (new epoch) makes every older cursor stale (410), so a console resyncs instead of mixing two catalogs.
import { ApiFailure } from "../api/api-failure.js";

export type ChangeCursor = { epoch: string; seq: number };
export type PageToken = ChangeCursor & { total: number; afterId: string };

const enc = (s: string): string => Buffer.from(s).toString("base64url");
const dec = (s: string): string => Buffer.from(s, "base64url").toString("utf8");

export function encodeCursor(c: ChangeCursor): string {
  return enc(`c1.${c.epoch}.${c.seq}`);
}

export function decodeCursor(raw: string): ChangeCursor {
  const m = /^c1\.([0-9a-f]{8,32})\.(\d{1,15})$/.exec(dec(raw));
  if (!m?.[1] || !m[2]) throw new ApiFailure(400, "BAD_REQUEST", "cursor: not a cursor this platform issued; pass it back exactly as received");
  return { epoch: m[1], seq: Number(m[2]) };
}

export function encodePageToken(t: PageToken): string {
  return enc(`p1.${t.epoch}.${t.seq}.${t.total}.${t.afterId}`);
}

export function decodePageToken(raw: string): PageToken {
  const m = /^p1\.([0-9a-f]{8,32})\.(\d{1,15})\.(\d{1,9})\.(\d{20})$/.exec(dec(raw));
  if (!m?.[1] || !m[2] || !m[3] || !m[4]) throw new ApiFailure(400, "BAD_REQUEST", "pageToken: not a page token this platform issued");
  return { epoch: m[1], seq: Number(m[2]), total: Number(m[3]), afterId: m[4] };
}
