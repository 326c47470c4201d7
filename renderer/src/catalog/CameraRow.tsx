// Runs in the renderer. One camera in the catalog: online dot, name, favorite star, sharing class, lock badge (with
// its action: 申请 / 特别授权, which add the camera to the access drawer's application or grant form).
// Draggable onto the wall (locked ones too: the tile then says why it cannot play); double-click/Enter puts it on
// the selected tile.
import { memo } from "react";
import type { CameraView } from "../../../contract/catalog-view.js";
import { applyForCamera, requestGrantForCamera } from "../access/access-requests.js";
import { lockAction } from "./lock-actions.js";
import { useT } from "../state/use-t.js";
import { consoleActions } from "../state/console-actions.js";
import { useConsoleStore } from "../state/console-store.js";
import { setCameraDrag } from "../wall/dnd.js";
import { isOnWall, targetTileForCamera } from "../wall/wall-grid.js";
import { setFavorite } from "./catalog-store.js";
import { lockBadgeKey, lockDetailKey, lockReasonOf } from "../shared/lock-reason.js";

function placeOnWall(cameraId: string): void {
  const s = useConsoleStore.getState();
  if (!s.wall) return;
  void consoleActions.assignTile(targetTileForCamera(s.wall, s.selectedTile), cameraId);
}

type Props = { camera: CameraView; depth: number; style: React.CSSProperties; index: number; showRegion: boolean };

export const CameraRow = memo(function CameraRow({ camera, depth, style, index, showRegion }: Props) {
  const t = useT();
  const onWall = useConsoleStore((s) => isOnWall(s.wall, camera.id));
  const lock = lockReasonOf(camera.access);
  const action = useConsoleStore((s) => lockAction(lock, s.session?.user?.roles ?? []));
  const title = t("catalog.rowTitle", {
    name: camera.name,
    address: camera.address,
    id: camera.id,
    department: camera.ownerDepartment,
    sharing: t(`sharing.${camera.sharingClass}`),
  });
  const classes = ["camera", `depth-${depth}`];
  if (!camera.online) classes.push("camera--offline");
  if (onWall) classes.push("camera--on-wall");
  if (lock) classes.push("camera--locked");
  return (
    <div
      role="treeitem"
      aria-level={depth + 1}
      tabIndex={0}
      className={classes.join(" ")}
      style={style}
      data-index={index}
      data-testid={`camera-${camera.id}`}
      data-online={camera.online}
      data-locked={lock ?? undefined}
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
      <span className={`dot ${camera.online ? "dot--online" : "dot--offline"}`} role="img" aria-label={t(camera.online ? "catalog.online" : "catalog.offline")} />
      <span className="camera__name">{camera.name}</span>
      {showRegion && <span className="camera__region">{camera.regionName}</span>}
      {lock && (
        <span className={`lock lock--${lock}`} data-testid={`lock-${camera.id}`} data-reason={lock} title={t(lockDetailKey(lock))}>
          <LockIcon />
          {t(lockBadgeKey(lock))}
        </span>
      )}
      {action && <LockActionButton cameraId={camera.id} action={action} />}
      {!lock && <span className={`sharing sharing--${camera.sharingClass}`}>{t(`sharing.short.${camera.sharingClass}`)}</span>}
      <button
        type="button"
        className={`star${camera.favorite ? " star--on" : ""}`}
        data-testid={`favorite-${camera.id}`}
        aria-pressed={camera.favorite}
        aria-label={t(camera.favorite ? "catalog.unfavorite" : "catalog.favorite")}
        title={t(camera.favorite ? "catalog.unfavorite" : "catalog.favorite")}
        tabIndex={-1}
        draggable={false}
        onClick={(e) => {
          e.stopPropagation();
          void setFavorite(camera, !camera.favorite);
        }}
        onDoubleClick={(e) => e.stopPropagation()}
      >
        {camera.favorite ? "★" : "☆"}
      </button>
    </div>
  );
});

function LockActionButton({ cameraId, action }: { cameraId: string; action: "apply" | "grant" }) {
  const t = useT();
  const apply = action === "apply";
  return (
    <button
      type="button"
      className={`lock-action lock-action--${action}`}
      data-testid={`${apply ? "apply" : "request-grant"}-${cameraId}`}
      title={t(apply ? "access.catalog.applyTitle" : "access.catalog.grantTitle")}
      tabIndex={-1}
      draggable={false}
      onClick={(e) => {
        e.stopPropagation();
        if (apply) applyForCamera(cameraId);
        else requestGrantForCamera(cameraId);
      }}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      {t(apply ? "access.catalog.apply" : "access.catalog.grant")}
    </button>
  );
}

function LockIcon() {
  return (
    <svg className="lock__icon" width="9" height="10" viewBox="0 0 9 10" aria-hidden="true">
      <rect x="0.5" y="4.5" width="8" height="5" rx="1" fill="currentColor" />
      <path d="M2.2 4.5V3a2.3 2.3 0 0 1 4.6 0v1.5" fill="none" stroke="currentColor" strokeWidth="1.2" />
    </svg>
  );
}
