// Runs in the renderer. Text over a tile: number, camera name + region, state message (and the relay's "upstream
// reconnecting"), why an ended tile ended (授权已到期…) and what to do, the program output button (media-use cameras,
// media grants), close button, stats strip (player figures plus the relay's upstream codec and transcoding marker).
import { useEffect, useState } from "react";
import type { CameraView } from "../../../contract/catalog-view.js";
import { useT } from "../state/use-t.js";
import { endHintKey, endRefKey } from "../player/stream-end.js";
import type { TileStats, TileStatus, TileStream } from "../player/tile-stream.js";
import { openProgramOutput } from "../program/program-actions.js";
import { offersProgramOutput } from "../program/program-view.js";
import { consoleActions } from "../state/console-actions.js";
import { codecLabel, type TileUpstream } from "../state/relay-stats-view.js";

type Props = {
  index: number;
  cameraId: string | null;
  camera: CameraView | undefined;
  status: TileStatus;
  stream: TileStream | null;
  /** What the relay reports for this tile's channel (null when it reports nothing or is unreachable). */
  upstream: TileUpstream | null;
};

export function TileOverlay({ index, cameraId, camera, status, stream, upstream }: Props) {
  const t = useT();
  const stop = (e: { stopPropagation(): void }) => e.stopPropagation();
  // A locked or expired tile has no stream of its own; the relay's channel may still serve someone else.
  const upstreamLine =
    upstream?.reconnecting && status.state !== "locked" && status.state !== "expired" ? (
      <span className="tile__upstream" data-testid={`tile-upstream-${index}`}>
        <span>{t("tile.upstreamReconnecting")}</span>
        {upstream.reconnects > 0 && <span className="tile__upstream-count">{t("tile.upstreamReconnects", { n: upstream.reconnects })}</span>}
      </span>
    ) : null;
  return (
    <div className="tile__overlay">
      <div className="tile__top">
        <span className="tile__index">{index + 1}</span>
        {cameraId !== null && (
          <>
            <span className="tile__name" title={camera?.address}>
              {camera ? camera.name : t("tile.unknownCamera", { id: cameraId })}
            </span>
            {camera && <span className="tile__region">{camera.regionName}</span>}
            {offersProgramOutput(camera, status.state) && (
              <button
                type="button"
                className="tile__program"
                data-testid={`program-output-${index}`}
                title={t("tile.programOutputTitle")}
                onClick={(e) => {
                  stop(e);
                  void openProgramOutput(index);
                }}
                onDoubleClick={stop}
              >
                {t("tile.programOutput")}
              </button>
            )}
            <button
              type="button"
              className="tile__close"
              data-testid={`tile-close-${index}`}
              aria-label={t("tile.close")}
              title={t("tile.close")}
              onClick={(e) => {
                stop(e);
                void consoleActions.clearTile(index);
              }}
              onDoubleClick={stop}
            >
              ×
            </button>
          </>
        )}
      </div>
      {cameraId === null ? (
        <div className="tile__empty">
          <span>{t("tile.empty", { n: index + 1 })}</span>
          <span className="tile__hint">{t("tile.emptyHint")}</span>
        </div>
      ) : status.message === null ? (
        upstreamLine && <div className="tile__status tile__status--upstream">{upstreamLine}</div>
      ) : status.state === "expired" && status.end ? (
        <div className="tile__status tile__status--expired tile__ended" data-testid={`tile-status-${index}`} role="status">
          <svg className="tile__ended-icon" width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
            <path d="M12 6.5V12l3.5 2.2" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
          <strong className="tile__ended-title" data-testid={`tile-ended-${index}`}>
            {t(status.message)}
          </strong>
          {status.end.refId !== null && (
            <span className="tile__ended-ref">{t(endRefKey(status.access?.basis ?? null), { id: status.end.refId })}</span>
          )}
          <span className="tile__ended-hint">{t(endHintKey(status.end.reason))}</span>
          <RetryLine index={index} status={status} stream={stream} />
        </div>
      ) : (
        <div className={`tile__status tile__status--${status.state}`} data-testid={`tile-status-${index}`}>
          {status.state === "connecting" && <span className="spinner" aria-hidden="true" />}
          {status.state === "locked" && (
            <svg className="tile__lock" width="22" height="24" viewBox="0 0 9 10" aria-hidden="true">
              <rect x="0.5" y="4.5" width="8" height="5" rx="1" fill="currentColor" />
              <path d="M2.2 4.5V3a2.3 2.3 0 0 1 4.6 0v1.5" fill="none" stroke="currentColor" strokeWidth="1.1" />
            </svg>
          )}
          <span>{t(status.message)}</span>
          {upstreamLine}
          <RetryLine index={index} status={status} stream={stream} />
        </div>
      )}
      {cameraId !== null && stream && status.state === "playing" && <StatsStrip index={index} stream={stream} upstream={upstream} />}
    </div>
  );
}

function RetryLine({ index, status, stream }: { index: number; status: TileStatus; stream: TileStream | null }) {
  const t = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (status.retryAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [status.retryAt]);
  const manual = status.state === "error" || status.state === "expired" || status.state === "stalled";
  const seconds = status.retryAt === null ? null : Math.max(0, Math.ceil((status.retryAt - now) / 1000));
  if (!manual && seconds === null) return null;
  return (
    <span className="tile__retry">
      {seconds !== null && seconds > 0 && <span>{t("tile.retryIn", { s: seconds })}</span>}
      {manual && stream && (
        <button
          type="button"
          className="btn btn--small"
          data-testid={`tile-retry-${index}`}
          onClick={(e) => {
            e.stopPropagation();
            stream.retryNow();
          }}
          onDoubleClick={(e) => e.stopPropagation()}
        >
          {t("tile.retry")}
        </button>
      )}
    </span>
  );
}

function fmt(v: number | null, digits = 0): string {
  return v === null ? "–" : v.toFixed(digits);
}

function StatsStrip({ index, stream, upstream }: { index: number; stream: TileStream; upstream: TileUpstream | null }) {
  const t = useT();
  const [stats, setStats] = useState<TileStats | null>(() => stream.stats());
  useEffect(() => {
    setStats(stream.stats());
    const timer = setInterval(() => setStats(stream.stats()), 1000);
    return () => clearInterval(timer);
  }, [stream]);
  const codec = codecLabel(upstream?.codec ?? null);
  if (!stats && !codec) return null;
  return (
    <div className="tile__stats" data-testid="tile-stats">
      {upstream?.transcoding && (
        <span className="tile__transcode" data-testid={`tile-transcoding-${index}`}>
          {t("tile.transcoding", { from: codec ?? "H.265" })}
        </span>
      )}
      {codec && !upstream?.transcoding && (
        <span className="tile__codec" data-testid={`tile-codec-${index}`} title={t("tile.stats.codecTitle")}>
          {codec}
        </span>
      )}
      {stats && (
        <span className="tile__figures">
          {t("tile.stats.value", {
            w: fmt(stats.width),
            h: fmt(stats.height),
            fps: fmt(stats.fps),
            kbps: fmt(stats.kbps),
            latency: fmt(stats.latency, 2),
          })}
        </span>
      )}
    </div>
  );
}
