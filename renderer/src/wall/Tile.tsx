// Runs in the renderer. One wall tile: video, overlay, drop target for cameras, other tiles and catalog folders,
// selection (click, Ctrl/Shift+click: tile-selection.ts), maximize (double-click), context menu (right click), and the
// stream stats card when asked. Each tile subscribes to its own slice of the stores, so a selection change
// re-renders only the tiles whose selected state flips.
import { useRef, useState, type MouseEvent } from "react";
import { useT } from "../state/use-t.js";
import { consoleActions } from "../state/console-actions.js";
import { useCameraView } from "../state/camera-cache.js";
import { streamBlock, useConsoleStore } from "../state/console-store.js";
import { useRelayStats } from "../state/relay-stats.js";
import { statsForTile, tileUpstream, type StreamProfile } from "../state/relay-stats-view.js";
import { useShallow } from "zustand/shallow";
import { acceptsDrag, dropFolderOnWall, readDrop, setTileDrag } from "./dnd.js";
import { TileOverlay } from "./TileOverlay.js";
import { TileStatsCard } from "./TileStatsCard.js";
import { clickSelection, selectOnly } from "../state/tile-selection.js";
import { keyboardMenuJustOpened, openTileMenu, useTileUi } from "./tile-ui-store.js";
import { useTileStream } from "../player/use-tile-stream.js";
import { masksApply } from "../player/privacy-mask-geometry.js";
import { PrivacyMasks } from "../player/PrivacyMasks.js";
import { Watermark } from "../player/Watermark.js";
import { showsWatermark, watermarkGrantId } from "../player/watermark-text.js";

type Props = { index: number; cameraId: string | null; maximized: boolean; hidden: boolean; profile: StreamProfile };

export function Tile({ index, cameraId, maximized, hidden, profile }: Props) {
  const t = useT();
  const video = useRef<HTMLVideoElement | null>(null);
  const selected = useConsoleStore((s) => s.selectedTiles.includes(index));
  const focused = useConsoleStore((s) => s.selectedTile === index);
  const statsShown = useTileUi((s) => s.statsTiles.includes(index));
  const menuOpen = useTileUi((s) => s.menu?.tile === index);
  const camera = useCameraView(cameraId);
  const masked = useConsoleStore((s) => masksApply("wall", s.session?.user?.roles ?? []));
  const [dropHover, setDropHover] = useState(false);
  const { status, stream } = useTileStream(index, cameraId, maximized, hidden, video);
  // What the relay reports for this tile's channel; ignored while the relay or core link is down (stale then).
  const blocked = useConsoleStore((s) => streamBlock(s) !== null);
  const upstream = useRelayStats(useShallow((s) => (blocked ? null : tileUpstream(statsForTile(s.stats?.streams, cameraId, profile)))));

  const classes = ["tile", `tile--${status.state}`];
  if (selected) classes.push("tile--selected");
  if (focused) classes.push("tile--focus");
  if (menuOpen) classes.push("tile--menu");
  if (statsShown && cameraId !== null) classes.push("tile--stats");
  if (maximized) classes.push("tile--max");
  if (hidden) classes.push("tile--behind");
  if (dropHover) classes.push("tile--drop");

  return (
    <div
      className={classes.join(" ")}
      data-testid={`tile-${index}`}
      data-state={status.state}
      data-lock-reason={status.state === "locked" ? lockReasonOfMessage(status.message) : undefined}
      data-end-reason={status.end?.reason}
      data-end-ref={status.end?.refId ?? undefined}
      data-camera-id={cameraId ?? ""}
      data-upstream={upstream?.reconnecting ? "reconnecting" : undefined}
      data-selected={selected}
      data-focus={focused || undefined}
      aria-selected={selected}
      aria-hidden={hidden || undefined}
      role="gridcell"
      tabIndex={-1}
      title={t("tile.maximizeHint")}
      draggable={cameraId !== null}
      onClick={(e) => select(index, e)}
      onContextMenu={(e) => {
        e.preventDefault();
        if (keyboardMenuJustOpened()) return;
        // A right click outside the selection acts on that tile alone (as in a file manager).
        const s = useConsoleStore.getState();
        if (!s.selectedTiles.includes(index)) s.setSelection(selectOnly(index));
        e.currentTarget.focus({ preventScroll: true });
        openTileMenu(index, e.clientX, e.clientY, false);
      }}
      onDoubleClick={() => void consoleActions.setMaximized(maximized ? null : index)}
      onDragStart={(e) => {
        if (cameraId === null) return e.preventDefault();
        setTileDrag(e.dataTransfer, useConsoleStore.getState().wallId, index);
      }}
      onDragOver={(e) => {
        const effect = acceptsDrag(e.dataTransfer);
        if (!effect) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = effect;
        if (!dropHover) setDropHover(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropHover(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDropHover(false);
        const drop = readDrop(e.dataTransfer);
        if (drop?.kind === "camera") void consoleActions.assignTile(index, drop.cameraId);
        else if (drop?.kind === "tile" && drop.wall !== useConsoleStore.getState().wallId) {
          // From another wall window: the camera moves here (this tile's camera goes back in exchange).
          void consoleActions.moveTiles([{ from: { wall: drop.wall, tile: drop.tile }, to: { wall: useConsoleStore.getState().wallId, tile: index } }]);
        } else if (drop?.kind === "tile" && drop.tile !== index) void consoleActions.swapTiles(drop.tile, index);
        else if (drop?.kind === "folder") dropFolderOnWall(drop.folder);
      }}
    >
      {/* A fresh element per stream: players never inherit a previous decoder. */}
      {cameraId !== null && (
        <video key={`${cameraId}:${maximized}`} ref={video} className="tile__video" muted autoPlay playsInline disablePictureInPicture />
      )}
      {cameraId !== null && masked && camera && <PrivacyMasks video={video} masks={camera.privacyMasks} testId={`privacy-${index}`} />}
      {cameraId !== null && showsWatermark(status.state, cameraId) && (
        <Watermark testId={`watermark-${index}`} cameraId={cameraId} grantId={watermarkGrantId(status.access, camera?.access)} />
      )}
      <TileOverlay index={index} cameraId={cameraId} camera={camera} status={status} stream={stream} upstream={upstream} />
      {cameraId !== null && statsShown && <TileStatsCard index={index} cameraId={cameraId} profile={profile} stream={stream} />}
    </div>
  );
}

/** A click on a tile: plain selects it alone, Ctrl/⌘ adds or removes it, Shift selects the rectangle from the anchor. */
function select(index: number, e: MouseEvent): void {
  const s = useConsoleStore.getState();
  if (!s.wall) return;
  const current = { focus: s.selectedTile, tiles: s.selectedTiles, anchor: s.selectionAnchor };
  s.setSelection(clickSelection(current, index, { toggle: e.ctrlKey || e.metaKey, range: e.shiftKey }, s.wall.layout));
}

/** The lock reason a locked tile's message names ("lock.detail.NOT_SHARED" → NOT_SHARED), for tests and styling. */
function lockReasonOfMessage(message: string | null): string {
  return message?.startsWith("lock.detail.") ? message.slice("lock.detail.".length) : "UNKNOWN";
}
