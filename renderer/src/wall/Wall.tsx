// Runs in the renderer. The wall area: the wall itself — a CSS grid of layout.rows × layout.cols where tile i sits in
// cell i by its row/column span, one tile optionally maximized over the others — with the layout editor docked beside
// it (the wall shrinks, its tiles keep playing) and the cameras a layout change took off listed under it.
import { memo, useMemo } from "react";
import type { LayoutCell } from "../../../contract/wall-layout.js";
import type { WallState } from "../../../contract/wall.js";
import { useT } from "../state/use-t.js";
import { useConsoleStore } from "../state/console-store.js";
import { tileProfile, type StreamProfile } from "../state/relay-stats-view.js";
import { cellDensity, cellPlacement, effectiveMaximized, gridTemplate } from "./wall-grid.js";
import { LayoutEditor } from "./LayoutEditor.js";
import { ParkedStrip } from "./ParkedStrip.js";
import { Tile } from "./Tile.js";

export function Wall() {
  const t = useT();
  const wall = useConsoleStore((s) => s.wall);
  const editorOpen = useConsoleStore((s) => s.layoutEditorOpen);
  return (
    <div className="wall-area">
      <WallGoneNotice />
      <div className="wall-area__main">
        {wall ? <WallGrid wall={wall} /> : <div className="wall wall--loading">{t("app.loading")}</div>}
        {editorOpen && <LayoutEditor />}
      </div>
      {wall && wall.parked.length > 0 && <ParkedStrip />}
    </div>
  );
}

function WallGrid({ wall }: { wall: WallState }) {
  const t = useT();
  const { rows, cols, cells } = wall.layout;
  const maximized = effectiveMaximized(wall);
  const template = useMemo(() => gridTemplate({ rows, cols }), [rows, cols]);
  return (
    <section
      className={`wall${maximized !== null ? " wall--maximized" : ""}`}
      aria-label={t("wall.title")}
      data-testid="wall"
      data-wall={wall.wall}
      data-layout={`${rows}x${cols}`}
      data-layout-ref={wall.layoutRef ?? ""}
      data-cells={cells.length}
      data-revision={wall.revision}
      style={template}
    >
      {cells.map((cell, i) => (
        <WallCell
          key={i}
          index={i}
          row={cell.row}
          col={cell.col}
          rowSpan={cell.rowSpan}
          colSpan={cell.colSpan}
          dense={maximized !== i && cellDensity(wall.layout, cell) === "dense"}
          cameraId={wall.tiles[i] ?? null}
          maximized={maximized === i}
          hidden={maximized !== null && maximized !== i}
          profile={tileProfile(wall.layout, maximized, i)}
        />
      ))}
    </section>
  );
}

type CellProps = LayoutCell & { index: number; dense: boolean; cameraId: string | null; maximized: boolean; hidden: boolean; profile: StreamProfile };

/**
 * One grid cell holding tile `index`. Props are primitives, so a wall change (a new WallState every time) re-renders
 * only the cells whose camera, place or state changed; a layout change keeps tile i's player when it keeps its camera.
 */
const WallCell = memo(function WallCell({ index, row, col, rowSpan, colSpan, dense, cameraId, maximized, hidden, profile }: CellProps) {
  const style = useMemo(() => cellPlacement({ row, col, rowSpan, colSpan }), [row, col, rowSpan, colSpan]);
  return (
    <div className={`wall__cell${dense ? " wall__cell--dense" : ""}`} style={style} data-cell={index}>
      <Tile index={index} cameraId={cameraId} maximized={maximized} hidden={hidden} profile={profile} />
    </div>
  );
});

/** This window was bound to a wall that no longer exists: it says so, and shows wall 1. */
function WallGoneNotice() {
  const t = useT();
  const gone = useConsoleStore((s) => s.wallGone);
  const dismiss = useConsoleStore((s) => s.dismissWallGone);
  if (gone === null) return null;
  return (
    <div className="banner banner--warn wall-gone" role="status" data-testid="wall-gone" data-wall={gone}>
      <span>{t("walls.gone", { n: gone })}</span>
      <button type="button" className="notice__close" aria-label={t("notice.dismiss")} onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
