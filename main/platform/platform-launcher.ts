// Runs in main. How the console gets a platform when no city platform is configured: the shell injects a launcher
// that starts the reference platform (web shell: Node children; Electron: utility processes, since a packaged app
// has the RunAsNode fuse off and cannot fork). The core knows only this interface and the URL it yields, never
// platform/ itself: to the core the reference platform is just another team's server.

export type PlatformLaunchOptions = {
  /** The platform's own data folder (its database and keys), apart from the console's. */
  dataDir: string;
  /** The demo clips the demo media server plays. */
  mediaRoot: string;
  /** The platform processes' output lines. */
  onLog: (line: string) => void;
};

export interface EmbeddedPlatformHandle {
  /** http://127.0.0.1:PORT (the API lives under /api/v1). */
  readonly apiUrl: string;
  readonly mediaUrl: string;
  /** Process ids, for outage tests. */
  readonly apiPid: number;
  readonly mediaPid: number;
  /** Stops the API alone (the media server keeps streaming); startApi brings it back on the same URL. */
  stopApi(): Promise<void>;
  startApi(): Promise<void>;
  stop(): Promise<void>;
}

export interface PlatformLauncher {
  start(options: PlatformLaunchOptions): Promise<EmbeddedPlatformHandle>;
}
