// Runs as the platform API process. Config from env (PLATFORM_ENV); tells a parent (Node fork or Electron
// utilityProcess) its port once it listens.
import { envInt, envKey, envStreamProxies, openParentLink, PLATFORM_ENV } from "./platform-env.js";
import { startPlatformServer } from "./platform-server.js";

function fail(message: string): never {
  process.stderr.write(`[platform] fatal: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const env = process.env;
  const dataDir = env[PLATFORM_ENV.dataDir];
  const mediaUrl = env[PLATFORM_ENV.mediaUrl];
  if (!dataDir) fail(`${PLATFORM_ENV.dataDir} is required`);
  if (!mediaUrl) fail(`${PLATFORM_ENV.mediaUrl} is required (the media server's http://host:port)`);
  let settings;
  try {
    settings = {
      port: envInt(env, PLATFORM_ENV.port, 0, 0, 65535),
      scale: envInt(env, PLATFORM_ENV.scale, 0, 0, 2_000_000),
      statusIntervalMs: envInt(env, PLATFORM_ENV.statusIntervalMs, 20_000),
      accessTtlMs: envInt(env, PLATFORM_ENV.accessTtlMs, 10 * 60_000, 1000),
      ticketLeaseMs: envInt(env, PLATFORM_ENV.ticketLeaseMs, 5 * 60_000, 1000),
      mediaKey: envKey(env, PLATFORM_ENV.mediaKey),
      streamProxies: envStreamProxies(env),
    };
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const platform = await startPlatformServer({
    dataDir,
    mediaBaseUrl: mediaUrl,
    mediaKey: settings.mediaKey,
    scale: settings.scale,
    statusIntervalMs: settings.statusIntervalMs,
    config: { accessTtlMs: settings.accessTtlMs, ticketLeaseMs: settings.ticketLeaseMs, streamProxies: settings.streamProxies },
  });
  const url = await platform.listen(settings.port, env[PLATFORM_ENV.host] ?? "127.0.0.1");
  const parent = openParentLink();
  parent.ready(Number(new URL(url).port));
  process.stdout.write(`platform api: ${url}/api/v1\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void platform.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  parent.onGone(stop);
}

main().catch((err: unknown) => fail(err instanceof Error ? (err.stack ?? err.message) : String(err)));
