// Runs in the renderer. The relay's per-stream stats (pushed by main every second as `relayStats`), held only while
// something shows them: the relay panel is open, or a tile on the wall has a camera (codec, transcoding, upstream
// reconnects in its stats strip). Otherwise nothing listens and the last stats are dropped.
import { useEffect } from "react";
import { create } from "zustand";
import type { RelayStats } from "../../../contract/console-api.js";
import { consoleApi } from "./console-link.js";
import { useConsoleStore, type ConsoleState } from "./console-store.js";

type RelayStatsStore = {
  /** Last stats main sent (null while nobody listens or before the first arrived). */
  stats: RelayStats | null;
  /** Local wall-clock ms when they arrived, to tell stale stats (relay or core gone quiet). */
  receivedAt: number | null;
};

export const useRelayStats = create<RelayStatsStore>()(() => ({ stats: null, receivedAt: null }));

function accept(stats: RelayStats): void {
  const current = useRelayStats.getState().stats;
  // A getRelayStats answer may arrive after a newer pushed event; keep the newer.
  if (current && stats.at < current.at) return;
  useRelayStats.setState({ stats, receivedAt: Date.now() });
}

/** Whether anything on screen needs relay stats now. */
export function relayStatsWanted(s: Pick<ConsoleState, "relayPanelOpen" | "wall" | "session">): boolean {
  if (!s.session?.user) return false;
  if (s.relayPanelOpen) return true;
  const wall = s.wall;
  if (!wall) return false;
  return wall.tiles.some((t) => t !== null);
}

/** Listens to `relayStats` (and fetches a first snapshot, again on every reconnect) while they are wanted. */
export function useRelayStatsFeed(): void {
  const wanted = useConsoleStore(relayStatsWanted);
  const generation = useConsoleStore((s) => (s.connection.status === "open" ? s.connection.generation : null));
  useEffect(() => {
    if (!wanted) return;
    const api = consoleApi();
    const off = api.on("relayStats", accept);
    return () => {
      off();
      useRelayStats.setState({ stats: null, receivedAt: null });
    };
  }, [wanted]);
  useEffect(() => {
    if (!wanted || generation === null) return;
    let live = true;
    consoleApi()
      .getRelayStats({})
      .then((stats) => live && accept(stats))
      // Only a snapshot to fill the panel at once; the pushed stats follow within a second.
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [wanted, generation]);
}
