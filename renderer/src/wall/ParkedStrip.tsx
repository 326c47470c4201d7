// Runs in the renderer. The cameras a layout change took off this wall ("已移出的摄像机 (N)"), kept by main until the
// operator puts them back (all into the empty tiles, one by its button or double-click, or by dragging it onto a
// tile) or lets them go. A compact strip under the wall: it never covers a tile.
import { memo } from "react";
import { useShallow } from "zustand/shallow";
import { consoleActions } from "../state/console-actions.js";
import { useCameraView } from "../state/camera-cache.js";
import { useConsoleStore } from "../state/console-store.js";
import { useT } from "../state/use-t.js";
import { setCameraDrag } from "./dnd.js";
import { firstEmptyTile } from "./wall-grid.js";

export function ParkedStrip() {
  const t = useT();
  const parked = useConsoleStore(useShallow((s) => s.wall?.parked ?? []));
  const hasRoom = useConsoleStore((s) => (s.wall ? firstEmptyTile(s.wall) !== null : false));
  if (parked.length === 0) return null;
  return (
    <section className="parked" data-testid="parked" data-count={parked.length} aria-label={t("parked.title", { n: parked.length })}>
      <strong className="parked__title" data-testid="parked-count" title={t("parked.hint")}>
        {t("parked.title", { n: parked.length })}
      </strong>
      <ul className="parked__list">
        {parked.map((id) => (
          <ParkedCamera key={id} cameraId={id} hasRoom={hasRoom} />
        ))}
      </ul>
      <button
        type="button"
        className="btn btn--small"
        data-testid="parked-unpark-all"
        disabled={!hasRoom}
        title={hasRoom ? t("parked.unparkAllTitle") : t("parked.noRoom")}
        onClick={() => void consoleActions.unparkCameras()}
      >
        {t("parked.unparkAll")}
      </button>
      <button type="button" className="btn btn--small btn--quiet" data-testid="parked-dismiss-all" onClick={() => void consoleActions.dismissParked(null)}>
        {t("parked.dismissAll")}
      </button>
    </section>
  );
}

/** Puts a parked camera on the first empty tile (main takes it off the parked list). */
function putBack(cameraId: string): void {
  const wall = useConsoleStore.getState().wall;
  const tile = wall ? firstEmptyTile(wall) : null;
  if (tile !== null) void consoleActions.assignTile(tile, cameraId);
}

const ParkedCamera = memo(function ParkedCamera({ cameraId, hasRoom }: { cameraId: string; hasRoom: boolean }) {
  const t = useT();
  const camera = useCameraView(cameraId);
  const name = camera?.name ?? cameraId;
  return (
    <li
      className="parked__camera"
      data-testid={`parked-${cameraId}`}
      draggable
      title={`${name}\n${cameraId}\n${t("parked.hint")}`}
      onDragStart={(e) => setCameraDrag(e.dataTransfer, cameraId)}
      onDoubleClick={() => putBack(cameraId)}
    >
      <span className="parked__name">{name}</span>
      <button
        type="button"
        className="parked__action"
        data-testid={`parked-unpark-${cameraId}`}
        disabled={!hasRoom}
        title={hasRoom ? t("parked.putBack") : t("parked.noRoom")}
        aria-label={t("parked.putBack")}
        onClick={() => putBack(cameraId)}
      >
        ↩
      </button>
      <button
        type="button"
        className="parked__action"
        data-testid={`parked-dismiss-${cameraId}`}
        title={t("parked.dismiss", { name })}
        aria-label={t("parked.dismiss", { name })}
        onClick={() => void consoleActions.dismissParked(cameraId)}
      >
        ×
      </button>
    </li>
  );
});
