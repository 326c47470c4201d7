// Runs in main. Command-line options of the web shell (pure, tested).
import { parsePlatformUrl } from "../platform-url.js";

export type WebShellArgs = {
  open: boolean;
  port: number;
  dataDir: string | null;
  platformUrl: string | null;
  /** Start nothing: ask the web shell already running on this data folder for a fresh one-time link, print it, exit. */
  printUrl: boolean;
};

export function parseWebShellArgs(argv: string[]): WebShellArgs {
  const args: WebShellArgs = { open: true, port: 0, dataDir: null, platformUrl: null, printUrl: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case "--web":
        break; // the launcher's choice of shell; harmless here
      case "--no-open":
        args.open = false;
        break;
      case "--print-url":
        args.printUrl = true;
        break;
      case "--port": {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number`);
        args.port = port;
        break;
      }
      case "--data-dir":
        args.dataDir = value();
        break;
      case "--platform":
        args.platformUrl = parsePlatformUrl(value());
        break;
      default:
        throw new Error(`unknown option ${arg} (options: --web --no-open --print-url --port <n> --data-dir <dir> --platform <url>)`);
    }
  }
  return args;
}

