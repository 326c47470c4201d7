// Runs in the renderer. The relay panel: a drawer docked at the bottom of the window with one dense row per relay stream
// (state, codec, resolution, fps, bitrate, keyframes, viewers and their queues, reconnects, bytes, last error) and the
// relay's own status on top. Opened from the header toggle; closed by the toggle, its × or Esc (use-wall-keys).
import { useEffect, useState } from "react";
import type { StreamStats } from "../../../contract/relay-control.js";
import { GbDeviceIdSchema } from "../../../contract/camera.js";
import { useT } from "../state/use-t.js";
import { useCameraView } from "../state/camera-cache.js";
import { useConsoleStore } from "../state/console-store.js";
import { useRelayStats } from "../state/relay-stats.js";
import {
  QUEUE_WARN_MS,
  codecLabel,
  formatBytes,
  formatKbps,
  formatMs,
  formatNumber,
  formatResolution,
  keyframeLate,
  parseChannel,
  sortStreams,
  viewerSummary,
} from "../state/relay-stats-view.js";

/** Stats older than this (while streams exist) are flagged stale: the relay sends them every second. */
const STALE_AFTER_MS = 3000;

export function RelayPanelToggle() {
  const t = useT();
  const open = useConsoleStore((s) => s.relayPanelOpen);
  return (
    <button
      type="button"
      className={`btn btn--small relay-toggle${open ? " btn--active" : ""}`}
      data-testid="relay-panel-toggle"
      aria-pressed={open}
      aria-controls="relay-panel"
      title={t("relay.panelToggleTitle")}
      onClick={() => useConsoleStore.getState().setRelayPanelOpen(!open)}
    >
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
        <rect x="1" y="6" width="2" height="5" fill="currentColor" />
        <rect x="5" y="3" width="2" height="8" fill="currentColor" />
        <rect x="9" y="1" width="2" height="10" fill="currentColor" />
      </svg>
      <span>{t("relay.panelToggle")}</span>
    </button>
  );
}

export function RelayPanel() {
  const t = useT();
  const open = useConsoleStore((s) => s.relayPanelOpen);
  const relay = useConsoleStore((s) => s.relay);
  const linked = useConsoleStore((s) => s.connection.status === "open");
  const stats = useRelayStats((s) => s.stats);
  const receivedAt = useRelayStats((s) => s.receivedAt);
  const now = useNow(open);
  if (!open) return null;

  const shown = linked ? relay.state : "unknown";
  const streams = stats ? sortStreams(stats.streams) : [];
  const staleS = receivedAt !== null && streams.length > 0 && now - receivedAt > STALE_AFTER_MS ? Math.round((now - receivedAt) / 1000) : null;
  const close = () => useConsoleStore.getState().setRelayPanelOpen(false);

  return (
    <section id="relay-panel" className="relay-panel" data-testid="relay-panel" aria-label={t("relay.panel.title")}>
      <div className="relay-panel__head">
        <h2 className="relay-panel__title">{t("relay.panel.title")}</h2>
        <div className={`relay relay--${shown}`} data-testid="relay-panel-status" data-state={shown}>
          <span className="relay__dot" aria-hidden="true" />
          <span className="relay__label">{t("relay.label")}</span>
          <span className="relay__state">{t(`relay.${shown}`)}</span>
          {relay.restarts > 0 && <span className="relay__restarts">{t("relay.restarts", { n: relay.restarts })}</span>}
        </div>
        {relay.lastError && (
          <span className="relay-panel__error" title={relay.lastError}>
            {t("relay.lastError", { error: relay.lastError })}
          </span>
        )}
        <span className="relay-panel__count">{stats ? t("relay.panel.streams", { n: streams.length }) : t("relay.panel.waiting")}</span>
        {!linked && <span className="relay-panel__stale">{t("relay.panel.unlinked")}</span>}
        {linked && staleS !== null && (
          <span className="relay-panel__stale" data-testid="relay-panel-stale">
            {t("relay.panel.stale", { s: staleS })}
          </span>
        )}
        <button type="button" className="relay-panel__close" aria-label={t("relay.panel.close")} title={t("relay.panel.close")} onClick={close}>
          ×
        </button>
      </div>
      <div className="relay-panel__body">
        {stats && streams.length === 0 ? (
          <div className="relay-panel__empty">{t("relay.panel.empty")}</div>
        ) : (
          <table className="relay-table">
            <thead>
              <tr>
                <th className="relay-table__camera">{t("relay.panel.col.camera")}</th>
                <th>{t("relay.panel.col.profile")}</th>
                <th>{t("relay.panel.col.state")}</th>
                <th>{t("relay.panel.col.codec")}</th>
                <th className="num">{t("relay.panel.col.resolution")}</th>
                <th className="num">{t("relay.panel.col.fps")}</th>
                <th className="num">{t("relay.panel.col.bitrate")}</th>
                <th className="num">{t("relay.panel.col.keyframeInterval")}</th>
                <th className="num">{t("relay.panel.col.keyframeAge")}</th>
                <th className="num">{t("relay.panel.col.viewers")}</th>
                <th className="num">{t("relay.panel.col.queue")}</th>
                <th className="num">{t("relay.panel.col.skipped")}</th>
                <th className="num">{t("relay.panel.col.reconnects")}</th>
                <th className="num">{t("relay.panel.col.jumps")}</th>
                <th className="num">{t("relay.panel.col.bytesIn")}</th>
                <th className="relay-table__error">{t("relay.panel.col.lastError")}</th>
              </tr>
            </thead>
            <tbody>
              {streams.map((s) => (
                <StreamRow key={s.channel} stats={s} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

function StreamRow({ stats: s }: { stats: StreamStats }) {
  const t = useT();
  const { cameraId, profile } = parseChannel(s.channel);
  const isCamera = GbDeviceIdSchema.safeParse(cameraId).success;
  const camera = useCameraView(isCamera ? cameraId : null);
  const viewers = viewerSummary(s.viewers);
  const codec = codecLabel(s.codec);
  const late = keyframeLate(s);
  const queueWarn = viewers.worstQueueMs !== null && viewers.worstQueueMs >= QUEUE_WARN_MS;
  return (
    <tr className={`relay-row relay-row--${s.state}`} data-testid={`relay-stream-${s.channel}`} data-state={s.state}>
      <td className="relay-table__camera" title={`${s.channel}${camera ? `\n${camera.address}` : ""}`}>
        <span className="relay-row__name">{camera ? camera.name : cameraId}</span>
        {camera && <span className="relay-row__region">{camera.regionName}</span>}
      </td>
      <td>{t(profile ? `relay.profile.${profile}` : "relay.profile.other")}</td>
      <td>
        <span className={`stream-state stream-state--${s.state}`}>{t(`relay.stream.${s.state}`)}</span>
      </td>
      <td className="relay-row__codec">
        {codec ?? "–"}
        {s.transcoding && (
          <span className="badge badge--transcode" title={t("relay.transcodingTitle", { from: codec ?? "H.265" })}>
            {t("relay.transcoding")}
          </span>
        )}
      </td>
      <td className="num">{formatResolution(s.width, s.height)}</td>
      <td className="num">{formatNumber(s.fps, 1)}</td>
      <td className="num">{formatKbps(s.bitrateKbps)}</td>
      <td className="num">{formatMs(s.keyframeIntervalMs)}</td>
      <td className={`num${late ? " warn" : ""}`} title={late ? t("relay.panel.keyframeLate") : undefined}>
        {formatMs(s.keyframeAgeMs)}
      </td>
      <td className="num">{viewers.count}</td>
      <td
        className={`num${queueWarn ? " warn" : ""}`}
        title={viewers.count > 0 ? t("relay.panel.queueTitle", { ms: formatMs(viewers.worstQueueMs), bytes: formatBytes(viewers.worstQueueBytes) }) : undefined}
      >
        {formatMs(viewers.worstQueueMs)}
      </td>
      <td className={`num${viewers.skippedGops > 0 ? " warn" : ""}`}>{viewers.skippedGops}</td>
      <td className={`num${s.reconnects > 0 ? " warn" : ""}`}>{s.reconnects}</td>
      <td className={`num${s.timestampJumps > 0 ? " warn" : ""}`}>{s.timestampJumps}</td>
      <td className="num">{formatBytes(s.bytesIn)}</td>
      <td className="relay-table__error" title={s.lastError ?? undefined}>
        {s.lastError ?? "–"}
      </td>
    </tr>
  );
}

/** The current time, ticking every second while `active` (to age the stats when the relay falls silent). */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
