// Runs as the demo media server process (its own port; alive while the API restarts). Config from env (PLATFORM_ENV).
import { join, resolve } from "node:path";
import { envInt, envKey, openParentLink, PLATFORM_ENV } from "../platform-env.js";
import { findDemoClips } from "./demo-clips.js";
import { createMediaServer } from "./media-server.js";

function fail(message: string): never {
  process.stderr.write(`[media] fatal: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const env = process.env;
  let key: Buffer;
  let port: number;
  try {
    key = envKey(env, PLATFORM_ENV.mediaKey);
    port = envInt(env, PLATFORM_ENV.mediaPort, 0, 0, 65535);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const mediaRoot = resolve(env[PLATFORM_ENV.mediaRoot] ?? join(__dirname, "..", "..", "resources", "demo"));
  const clips = findDemoClips(mediaRoot);
  const media = createMediaServer({
    mediaRoot,
    clips,
    key,
    log: (level, message, channel) => process.stderr.write(`[media] ${level}${channel ? ` ${channel}` : ""}: ${message}\n`),
  });
  const bound = await media.listen(port, env[PLATFORM_ENV.mediaHost] ?? "127.0.0.1");
  // A Node fork (web shell) or an Electron utility process (packaged app): ready goes up either way.
  const parent = openParentLink();
  parent.ready(bound);
  process.stdout.write(`media: http://127.0.0.1:${bound} (${clips.length} clips from ${mediaRoot})\n`);
  const stop = (): void => void media.close().finally(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // Started by a parent: go when it goes.
  parent.onGone(stop);
}

main().catch((err: unknown) => fail(err instanceof Error ? (err.stack ?? err.message) : String(err)));
