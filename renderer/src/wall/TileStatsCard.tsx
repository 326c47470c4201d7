// Runs in the renderer. The stream stats card a tile shows when asked from its context menu (显示码流统计): what this
// tile's player measures (resolution, frame rate, bitrate, buffer latency) and what the relay reports for the
// tile's channel (state, codec, keyframes, viewers and their queue, reconnects, bytes, last error).
import { useEffect, useState } from "react";
import type { TileStats, TileStream } from "../player/tile-stream.js";
import { useRelayStats } from "../state/relay-stats.js";
import {
  channelFor,
  codecLabel,
  formatBytes,
  formatKbps,
  formatMs,
  formatNumber,
  formatResolution,
  statsForTile,
  viewerSummary,
  type StreamProfile,
} from "../state/relay-stats-view.js";
import { useT } from "../state/use-t.js";
import { showTileStats } from "./tile-ui-store.js";

type Props = { index: number; cameraId: string; profile: StreamProfile; stream: TileStream | null };

export function TileStatsCard({ index, cameraId, profile, stream }: Props) {
  const t = useT();
  const [player, setPlayer] = useState<TileStats | null>(() => stream?.stats() ?? null);
  useEffect(() => {
    if (!stream) return setPlayer(null);
    setPlayer(stream.stats());
    const timer = setInterval(() => setPlayer(stream.stats()), 1000);
    return () => clearInterval(timer);
  }, [stream]);
  const relay = useRelayStats((s) => statsForTile(s.stats?.streams, cameraId, profile));
  const viewers = relay ? viewerSummary(relay.viewers) : null;
  const stop = (e: { stopPropagation(): void }) => e.stopPropagation();

  const row = (label: string, value: string, testId?: string) => (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );

  return (
    <section className="tile-stats" data-testid={`tile-stats-card-${index}`} aria-label={t("tileStats.title")} onClick={stop} onDoubleClick={stop}>
      <header className="tile-stats__head">
        <span>{t("tileStats.title")}</span>
        <button type="button" className="tile-stats__close" aria-label={t("tileStats.close")} title={t("tileStats.close")} onClick={() => showTileStats(index, false)}>
          ×
        </button>
      </header>
      <h4>{t("tileStats.player")}</h4>
      <dl>
        {row(t("relay.panel.col.resolution"), formatResolution(player?.width ?? null, player?.height ?? null), `tile-stats-resolution-${index}`)}
        {row(t("relay.panel.col.fps"), formatNumber(player?.fps ?? null, 1))}
        {row(t("relay.panel.col.bitrate"), formatKbps(player?.kbps ?? null))}
        {row(t("tile.stats.latency"), player?.latency == null ? "–" : `${player.latency.toFixed(2)} s`)}
      </dl>
      <h4>{t("tileStats.relay", { channel: channelFor(cameraId, profile) })}</h4>
      {relay && viewers ? (
        <dl>
          {row(t("relay.panel.col.state"), t(`relay.stream.${relay.state}`), `tile-stats-relay-state-${index}`)}
          {row(t("relay.panel.col.codec"), `${codecLabel(relay.codec) ?? "–"}${relay.transcoding ? ` · ${t("relay.transcoding")}` : ""}`)}
          {row(t("relay.panel.col.resolution"), formatResolution(relay.width, relay.height))}
          {row(t("relay.panel.col.bitrate"), formatKbps(relay.bitrateKbps))}
          {row(t("relay.panel.col.keyframeInterval"), formatMs(relay.keyframeIntervalMs))}
          {row(t("relay.panel.col.viewers"), String(viewers.count))}
          {row(t("relay.panel.col.queue"), formatMs(viewers.worstQueueMs))}
          {row(t("relay.panel.col.skipped"), String(viewers.skippedGops))}
          {row(t("relay.panel.col.reconnects"), String(relay.reconnects))}
          {row(t("relay.panel.col.bytesIn"), formatBytes(relay.bytesIn))}
          {relay.lastError && row(t("relay.panel.col.lastError"), relay.lastError)}
        </dl>
      ) : (
        <p className="tile-stats__none">{t("tileStats.noRelay")}</p>
      )}
    </section>
  );
}
