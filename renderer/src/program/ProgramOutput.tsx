// Runs in the renderer. The program output (media live coverage): one wall tile clean and full screen, black, video
// contained, watermarked, no catalog, header or controls; the cursor hides after 2 s still. It follows the wall: when
// the tile's camera changes, it switches. Main opens the stream only for media-use cameras or under a media grant
// (openStream output "program"); a refusal is said here in the operator's language.
import { useEffect, useRef, useState } from "react";
import type { WallId } from "../../../contract/wall.js";
import { useConsoleSync } from "../state/use-console-sync.js";
import type { Translate } from "../i18n/i18n.js";
import { useT } from "../state/use-t.js";
import { endHintKey, endRefKey } from "../player/stream-end.js";
import type { TileStatus, TileStream } from "../player/tile-stream.js";
import { useCameraView } from "../state/camera-cache.js";
import { useConsoleStore, type ConsoleState } from "../state/console-store.js";
import { useTileStream } from "../player/use-tile-stream.js";
import { PrivacyMasks } from "../player/PrivacyMasks.js";
import { Watermark } from "../player/Watermark.js";
import { showsWatermark, watermarkGrantId } from "../player/watermark-text.js";

const CURSOR_IDLE_MS = 2000;

export function ProgramOutput({ wall, tile }: { wall: WallId; tile: number | null }) {
  useConsoleSync(wall);
  const t = useT();
  const locale = useConsoleStore((s) => s.locale);
  const boot = useConsoleStore((s) => s.boot);
  const loggedIn = useConsoleStore((s) => s.session?.user != null);
  const tiles = useConsoleStore((s) => s.wall?.tiles.length ?? null);
  const wallCamera = useConsoleStore((s) => (tile !== null && s.wall && tile < s.wall.tiles.length ? (s.wall.tiles[tile] ?? null) : null));
  const cameraId = loggedIn ? wallCamera : null;
  const video = useRef<HTMLVideoElement | null>(null);
  const { status, stream } = useTileStream(tile ?? 0, cameraId, false, false, video, "program");
  const camera = useCameraView(cameraId);
  const idle = useCursorIdle(CURSOR_IDLE_MS);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = tile === null ? t("app.name") : `${t("program.title", { n: tile + 1 })} · ${t("app.name")}`;
  }, [locale, t, tile]);

  const message = pageMessage(t, { boot, tile, loggedIn, tiles, cameraId });
  return (
    <div
      className={`program${idle ? " program--idle" : ""}`}
      data-testid="program-output"
      data-state={cameraId === null ? "idle" : status.state}
      data-tile={tile ?? undefined}
      data-camera-id={cameraId ?? ""}
      data-end-reason={status.end?.reason}
      onDoubleClick={toggleFullscreen}
    >
      {/* Hidden until the camera record (and so its privacy masks) is known: nothing unmasked ever reaches the output. */}
      {cameraId !== null && (
        <video key={cameraId} ref={video} className="program__video" style={camera ? undefined : { visibility: "hidden" }} muted autoPlay playsInline disablePictureInPicture />
      )}
      {/* Public dissemination: the platform's privacy masks always cover the program output. */}
      {cameraId !== null && camera && <PrivacyMasks video={video} masks={camera.privacyMasks} testId="privacy-program" />}
      {cameraId !== null && showsWatermark(status.state, cameraId) && (
        <Watermark testId="watermark-program" cameraId={cameraId} grantId={watermarkGrantId(status.access, camera?.access)} large />
      )}
      {message !== null ? (
        <div className="program__message" data-testid="program-message">
          {message}
        </div>
      ) : (
        cameraId !== null && <StreamMessage t={t} status={status} stream={stream} />
      )}
    </div>
  );
}

/** Why the page shows no stream at all (no tile, no login, no camera), or null. */
function pageMessage(
  t: Translate,
  p: { boot: ConsoleState["boot"]; tile: number | null; loggedIn: boolean; tiles: number | null; cameraId: string | null },
): string | null {
  if (p.tile === null) return t("program.badTile");
  if (p.boot.status === "failed") return t("app.bootFailed", { reason: t(`error.${p.boot.code}`) });
  if (p.boot.status === "loading" || p.tiles === null) return t("program.loading");
  if (!p.loggedIn) return t("program.notLoggedIn");
  if (p.tile >= p.tiles) return t("program.outOfLayout", { n: p.tile + 1 });
  if (p.cameraId === null) return t("program.noCamera", { n: p.tile + 1 });
  return null;
}

/** The stream's own state: nothing while playing (clean picture), otherwise what happens and what to do. */
function StreamMessage({ t, status, stream }: { t: Translate; status: TileStatus; stream: TileStream | null }) {
  if (status.state === "playing" || status.message === null) return null;
  if (status.state === "expired" && status.end) {
    return (
      <div className="program__message program__message--ended" data-testid="program-message" role="status">
        <strong>{t(status.message)}</strong>
        {status.end.refId !== null && <span>{t(endRefKey(status.access?.basis ?? null), { id: status.end.refId })}</span>}
        <span className="program__hint">{t(endHintKey(status.end.reason))}</span>
        {stream && (
          <button type="button" className="btn" data-testid="program-retry" onClick={() => stream.retryNow()} onDoubleClick={(e) => e.stopPropagation()}>
            {t("tile.retry")}
          </button>
        )}
      </div>
    );
  }
  if (status.state === "locked") {
    return (
      <div className="program__message program__message--refused" data-testid="program-message" role="alert">
        <strong>{t("program.refused")}</strong>
        <span className="program__hint">{t(status.message)}</span>
      </div>
    );
  }
  return (
    <div className={`program__message program__message--${status.state}`} data-testid="program-message">
      {status.state === "connecting" && <span className="spinner" aria-hidden="true" />}
      <span>{t(status.message)}</span>
    </div>
  );
}

/** True after `ms` without pointer movement (the cursor hides then). */
function useCursorIdle(ms: number): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    let timer = setTimeout(() => setIdle(true), ms);
    const wake = () => {
      setIdle(false);
      clearTimeout(timer);
      timer = setTimeout(() => setIdle(true), ms);
    };
    window.addEventListener("pointermove", wake);
    window.addEventListener("pointerdown", wake);
    window.addEventListener("keydown", wake);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("pointermove", wake);
      window.removeEventListener("pointerdown", wake);
      window.removeEventListener("keydown", wake);
    };
  }, [ms]);
  return idle;
}

function toggleFullscreen(): void {
  const done = document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen();
  done.catch(() => {
    /* denied (no user gesture, or the shell does not allow it): the window stays as it is */
  });
}
