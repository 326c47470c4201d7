// Runs in the renderer. One camera in the catalog: draggable onto the wall, double-click/Enter puts it on the selected tile.
import { memo } from "react";
import type { Camera } from "../../../contract/camera.js";
import { useT } from "../i18n/use-t.js";
import { consoleActions } from "../state/console-actions.js";
import { useConsoleStore } from "../state/console-store.js";
import { setCameraDrag } from "../wall/dnd.js";
import { targetTileForCamera } from "../wall/wall-grid.js";

function placeOnWall(cameraId: string): void {
  const s = useConsoleStore.getState();
  if (!s.wall) return;
  void consoleActions.assignTile(targetTileForCamera(s.wall, s.selectedTile), cameraId);
}

export const CameraRow = memo(function CameraRow({ camera }: { camera: Camera }) {
  const t = useT();
  const onWall = useConsoleStore((s) => s.wall?.tiles.slice(0, s.wall.layout).includes(camera.id) ?? false);
  const title = t("catalog.rowTitle", {
    name: camera.name,
    address: camera.address,
    id: camera.id,
    department: camera.ownerDepartment,
    sharing: t(`sharing.${camera.sharingClass}`),
  });
  return (
    <li
      role="treeitem"
      tabIndex={0}
      className={`camera${camera.online ? "" : " camera--offline"}${onWall ? " camera--on-wall" : ""}`}
      data-testid={`camera-${camera.id}`}
      data-online={camera.online}
      draggable
      title={title}
      onDragStart={(e) => setCameraDrag(e.dataTransfer, camera.id)}
      onDoubleClick={() => placeOnWall(camera.id)}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          placeOnWall(camera.id);
        }
      }}
    >
      <span className={`dot ${camera.online ? "dot--online" : "dot--offline"}`} aria-label={t(camera.online ? "catalog.online" : "catalog.offline")} />
      <span className="camera__name">{camera.name}</span>
      <span className={`sharing sharing--${camera.sharingClass}`}>{t(`sharing.short.${camera.sharingClass}`)}</span>
    </li>
  );
});
