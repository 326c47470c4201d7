// Runs in main. The running web shell's private handle for minting launch links: `<data dir>/web-shell.json`,
// readable by its owner only (0600), naming the shell's address and a mint key. `--print-url` reads it and asks the
// running shell for a fresh one-time link. Other users cannot read the file, and a web page cannot send the key.
import { readFileSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { writePrivateFile } from "../../store/private-files.js";

const LaunchFileSchema = z.object({ pid: z.number().int(), origin: z.string().regex(/^http:\/\/127\.0\.0\.1:\d+$/), mintKey: z.string().min(16) });
export type LaunchFile = z.infer<typeof LaunchFileSchema>;

export function launchFilePath(dataDir: string): string {
  return join(dataDir, "web-shell.json");
}

/** Writes the handle (0600, in the private data folder: main/store/private-files). */
export function writeLaunchFile(dataDir: string, info: LaunchFile): void {
  writePrivateFile(launchFilePath(dataDir), JSON.stringify(info));
}

/** Removes the handle if it is still this shell's (another run on the folder may have replaced it). */
export function removeLaunchFile(dataDir: string, mintKey: string): void {
  try {
    if (readLaunchFile(dataDir).mintKey === mintKey) unlinkSync(launchFilePath(dataDir));
  } catch {
    // gone already
  }
}

function readLaunchFile(dataDir: string): LaunchFile {
  return LaunchFileSchema.parse(JSON.parse(readFileSync(launchFilePath(dataDir), "utf8")));
}

/** Asks the web shell running on `dataDir` for a fresh one-time link; the error says what to do when there is none. */
export async function requestLaunchUrl(dataDir: string): Promise<string> {
  let info: LaunchFile;
  try {
    info = readLaunchFile(dataDir);
  } catch {
    throw new Error(`no web shell is running on ${dataDir} (start one with: npm start -- --web)`);
  }
  let res: Response;
  try {
    res = await fetch(`${info.origin}/launch-link`, { method: "POST", headers: { Authorization: `Bearer ${info.mintKey}` } });
  } catch {
    throw new Error(`the web shell that wrote ${launchFilePath(dataDir)} is not running any more (start one with: npm start -- --web)`);
  }
  if (!res.ok) throw new Error(`the web shell at ${info.origin} refused to mint a link (HTTP ${res.status}); is it another run's file?`);
  const body = z.object({ url: z.string().startsWith(`${info.origin}/?code=`) }).parse(await res.json());
  return body.url;
}
