// Standalone CLI argument handling: loud about --no-auth, strict about sources.
import { expect, it } from "vitest";
import { mintStreamToken, verifyStreamToken } from "../contract/stream-token.js";
import { parseCli, specFromUrl } from "./relay-cli.js";

it("requires --no-auth and at least one source", () => {
  expect(() => parseCli(["--source", "a=http://x/y.flv"])).toThrow(/pass --no-auth/);
  expect(() => parseCli(["--no-auth"])).toThrow(/at least one --source/);
  expect(() => parseCli(["--no-auth", "--source", "bad name=http://x/y.flv"])).toThrow(/1-64 of/);
  expect(() => parseCli(["--no-auth", "--source", "a=gopher://x"])).toThrow(/unsupported source url/);
  expect(() => parseCli(["--no-auth", "--source", "a=http://x/y.flv", "--accept", "vp9"])).toThrow(/unknown codec "vp9"/);
  expect(() => parseCli(["--no-auth", "--source", "a=http://x/y.flv", "--port", "99999"])).toThrow(/--port must be/);
});

it("maps urls to source kinds and reads the knobs", () => {
  const cli = parseCli(["--no-auth", "--port", "8090", "--linger-ms", "0", "--accept", "h264,hevc", "--source", "a=ws://h/app/s.live.flv", "--source", "b=rtsp://cam/1", "--source", "c=file:/media/x.flv"]);
  expect(cli.port).toBe(8090);
  expect(cli.tuning.lingerMs).toBe(0);
  expect(cli.accept).toEqual(["h264", "hevc"]);
  expect(cli.sources).toEqual([
    { name: "a", spec: { kind: "ws-flv", url: "ws://h/app/s.live.flv" } },
    { name: "b", spec: { kind: "rtsp", url: "rtsp://cam/1" } },
    { name: "c", spec: { kind: "file", path: "/media/x.flv" } },
  ]);
  expect(specFromUrl("https://h/a/s.live.flv?token=1")).toEqual({ kind: "http-flv", url: "https://h/a/s.live.flv?token=1" });
  expect(specFromUrl("rtmp://h/live/s")).toEqual({ kind: "rtmp", url: "rtmp://h/live/s" });
});

it("carries an optional grant in stream tokens and still reads tokens without one", () => {
  const key = Buffer.alloc(32, 7);
  const withGrant = mintStreamToken(key, { channel: "c", session: "s", deadline: 2e12, grant: "g1" });
  expect(verifyStreamToken(key, withGrant, "c", 1e12)).toEqual({ ok: true, claims: { channel: "c", session: "s", deadline: 2e12, grant: "g1" } });
  const plain = mintStreamToken(key, { channel: "c", session: "s", deadline: 2e12 });
  const check = verifyStreamToken(key, plain, "c", 1e12);
  expect(check.ok && "grant" in check.claims).toBe(false);
});
