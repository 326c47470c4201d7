// Runs in the renderer. The wall: a sqrt(layout)×sqrt(layout) grid of tiles, one of them optionally maximized.
import { useT } from "../state/use-t.js";
import { useConsoleStore } from "../state/console-store.js";
import { tileProfile } from "../state/relay-stats-view.js";
import { effectiveMaximized, gridSide, visibleTiles } from "./wall-grid.js";
import { Tile } from "./Tile.js";

export function Wall() {
  const t = useT();
  const wall = useConsoleStore((s) => s.wall);
  if (!wall) return null;
  const side = gridSide(wall.layout);
  const maximized = effectiveMaximized(wall);
  return (
    <section
      className={`wall${maximized !== null ? " wall--maximized" : ""}`}
      aria-label={t("wall.title")}
      data-testid="wall"
      data-layout={wall.layout}
      data-revision={wall.revision}
      style={{ gridTemplateColumns: `repeat(${side}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${side}, minmax(0, 1fr))` }}
    >
      {visibleTiles(wall.layout).map((i) => (
        <Tile
          key={i}
          index={i}
          cameraId={wall.tiles[i] ?? null}
          maximized={maximized === i}
          hidden={maximized !== null && maximized !== i}
          profile={tileProfile(wall.layout, maximized, i)}
        />
      ))}
    </section>
  );
}
