// Runs in the platform API process (and in tests, in-process). Opens the store, seeds the demo, loads the token key
// (its own 0600 file, platform/auth/token-key.ts), builds the app and listens.
import { mkdirSync } from "node:fs";
import { createPlatformApp, DEFAULT_CONFIG, type PlatformApp } from "./api/platform-app.js";
import type { PlatformConfig } from "./api/platform-services.js";
import { seedDemo } from "./demo/demo-seed.js";
import { startStatusSimulator } from "./demo/status-simulator.js";
import { loadTokenKey } from "./auth/token-key.js";
import { PlatformStore } from "./store/platform-store.js";

export interface PlatformServerOptions {
  dataDir: string;
  mediaBaseUrl: string;
  mediaKey: Buffer;
  scale?: number;
  /** 0: no simulated status flips. */
  statusIntervalMs?: number;
  config?: Partial<Omit<PlatformConfig, "mediaBaseUrl" | "mediaKey" | "tokenKey">>;
  now?: () => number;
  onRoute?: (method: string, url: string) => void;
}

export type PlatformServer = PlatformApp & { store: PlatformStore; listen(port: number, host?: string): Promise<string>; close(): Promise<void> };

export async function startPlatformServer(options: PlatformServerOptions): Promise<PlatformServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const now = options.now ?? Date.now;
  const store = await PlatformStore.open(options.dataDir);
  const config: PlatformConfig = {
    ...DEFAULT_CONFIG,
    ...options.config,
    mediaBaseUrl: options.mediaBaseUrl,
    mediaKey: options.mediaKey,
    tokenKey: await loadTokenKey(store, options.dataDir),
  };
  const built = await createPlatformApp({ store, config, now, ...(options.onRoute ? { onRoute: options.onRoute } : {}) });
  const { services } = built;
  if (config.demo) await seedDemo(store, services.catalog, { scale: options.scale ?? 0, now: now() });
  const interval = options.statusIntervalMs ?? 0;
  const stopSimulator =
    config.demo && interval > 0
      ? startStatusSimulator({ store, catalog: services.catalog, events: services.events, intervalMs: interval, onError: (err) => built.app.log.error({ err }, "status simulator") })
      : () => undefined;
  return {
    ...built,
    store,
    async listen(port: number, host = "127.0.0.1"): Promise<string> {
      await built.app.listen({ port, host });
      const addr = built.app.server.address();
      const bound = typeof addr === "object" && addr ? addr.port : port;
      return `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${bound}`;
    },
    async close(): Promise<void> {
      stopSimulator();
      // SSE connections never end by themselves.
      built.app.server.closeAllConnections();
      await built.app.close();
      await store.close();
    },
  };
}
