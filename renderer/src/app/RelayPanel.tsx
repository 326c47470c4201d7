// Runs in the renderer. The relay panel, in the side panel beside the wall (app/SidePanel): the relay's own status on
// top, then one compact card per relay stream (state, codec, resolution, fps, bitrate, keyframes, viewers and their
// queues, reconnects, bytes, last error), troubled streams first. Opened from the header toggle; closed by the toggle,
// its × or Esc (use-wall-keys).
import { useEffect, useState } from "react";
import type { StreamStats } from "../../../contract/relay-control.js";
import { GbDeviceIdSchema } from "../../../contract/camera.js";
import type { MessageKey } from "../i18n/i18n.js";
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
          <ul className="relay-streams">
            {streams.map((s) => (
              <StreamRow key={s.channel} stats={s} />
            ))}
          </ul>
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
  const figure = (label: MessageKey, value: string, warn = false, title?: string) => (
    <div className={`relay-fig${warn ? " warn" : ""}`} title={title}>
      <dt>{t(label)}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <li className={`relay-row relay-row--${s.state}`} data-testid={`relay-stream-${s.channel}`} data-state={s.state}>
      <div className="relay-row__head" title={`${s.channel}${camera ? `\n${camera.address}` : ""}`}>
        <span className="relay-row__name">{camera ? camera.name : cameraId}</span>
        {camera && <span className="relay-row__region">{camera.regionName}</span>}
        <span className="relay-row__profile">{t(profile ? `relay.profile.${profile}` : "relay.profile.other")}</span>
        <span className={`stream-state stream-state--${s.state}`}>{t(`relay.stream.${s.state}`)}</span>
      </div>
      <dl className="relay-row__figures">
        <div className="relay-fig relay-fig--codec">
          <dt>{t("relay.panel.col.codec")}</dt>
          <dd>
            {codec ?? "–"}
            {s.transcoding && (
              <span className="badge badge--transcode" title={t("relay.transcodingTitle", { from: codec ?? "H.265" })}>
                {t("relay.transcoding")}
              </span>
            )}
          </dd>
        </div>
        {figure("relay.panel.col.resolution", formatResolution(s.width, s.height))}
        {figure("relay.panel.col.fps", formatNumber(s.fps, 1))}
        {figure("relay.panel.col.bitrate", formatKbps(s.bitrateKbps))}
        {figure("relay.panel.col.keyframeInterval", formatMs(s.keyframeIntervalMs))}
        {figure("relay.panel.col.keyframeAge", formatMs(s.keyframeAgeMs), late, late ? t("relay.panel.keyframeLate") : undefined)}
        {figure("relay.panel.col.viewers", String(viewers.count))}
        {figure(
          "relay.panel.col.queue",
          formatMs(viewers.worstQueueMs),
          queueWarn,
          viewers.count > 0 ? t("relay.panel.queueTitle", { ms: formatMs(viewers.worstQueueMs), bytes: formatBytes(viewers.worstQueueBytes) }) : undefined,
        )}
        {figure("relay.panel.col.skipped", String(viewers.skippedGops), viewers.skippedGops > 0)}
        {figure("relay.panel.col.reconnects", String(s.reconnects), s.reconnects > 0)}
        {figure("relay.panel.col.jumps", String(s.timestampJumps), s.timestampJumps > 0)}
        {figure("relay.panel.col.bytesIn", formatBytes(s.bytesIn))}
      </dl>
      {s.lastError && (
        <div className="relay-row__error" title={s.lastError}>
          {t("relay.panel.col.lastError")}: {s.lastError}
        </div>
      )}
    </li>
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
