// Runs in bench pages. The engines a page can play through, by the names reports use.
import { mpegtsEngine } from "../../renderer/src/player/mpegts-engine.js";
import type { TilePlayerEngine } from "../../renderer/src/player/tile-player.js";
import { flvjsEngine } from "../players/flvjs-engine.js";

export type EngineName = "mpegts" | "flvjs";
export const engines: Record<EngineName, TilePlayerEngine> = { mpegts: mpegtsEngine, flvjs: flvjsEngine };
