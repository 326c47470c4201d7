// Runs in Chromium (bench:wall). The bare wall: N plain mpegts.js players (the console's engine and config, nothing
// else: no React, no watchdog, no stats strip) in a square grid filling the viewport, for comparison with the app.
import { mpegtsEngine } from "../../renderer/src/player/mpegts-engine.js";
import type { TilePlayer } from "../../renderer/src/player/tile-player.js";

let players: TilePlayer[] = [];

function start(urls: string[]): void {
  stop();
  const cols = Math.ceil(Math.sqrt(urls.length));
  const rows = Math.ceil(urls.length / cols);
  const w = Math.floor(window.innerWidth / cols);
  const h = Math.floor(window.innerHeight / rows);
  for (const url of urls) {
    const box = document.createElement("div");
    box.className = "tile";
    box.style.width = `${w}px`;
    box.style.height = `${h}px`;
    const video = document.createElement("video");
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    box.append(video);
    document.body.append(box);
    players.push(mpegtsEngine.create(video, { url }));
  }
}

function stop(): void {
  for (const p of players) p.destroy();
  players = [];
  document.body.replaceChildren();
}

const api = { start, stop };
export type WallPageApi = typeof api;
(window as unknown as { bench: WallPageApi }).bench = api;
document.title = "bench ready";
