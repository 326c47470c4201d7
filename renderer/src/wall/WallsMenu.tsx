// Runs in the renderer. The header's wall windows menu: which wall this window shows, the walls that exist, opening
// one in its window or a new one ("打开新的电视墙窗口": main adds the wall). Electron opens (or brings forward) the
// wall's window on its display itself; the web shell answers opened:false and this page opens `?wall=N` on the same
// origin in a browser window of its own (the session cookie comes along, no secret in the address). Closing a window
// keeps its wall; removing a wall (never wall 1) drops its tiles and layout.
import { useCallback, useEffect, useRef, useState } from "react";
import { MAX_WALLS, type WallId } from "../../../contract/wall.js";
import { wallWindowName } from "../program/program-view.js";
import { consoleActions } from "../state/console-actions.js";
import { useConsoleStore } from "../state/console-store.js";
import { useT } from "../state/use-t.js";
import { useDismiss } from "./use-dismiss.js";
import { openWallWindow } from "./wall-windows.js";

export function WallsMenu() {
  const t = useT();
  const wallId = useConsoleStore((s) => s.wallId);
  const walls = useConsoleStore((s) => s.walls);
  const web = useConsoleStore((s) => s.boot.status === "ready" && s.boot.shell === "web");
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState<WallId | null>(null);
  const root = useRef<HTMLDivElement | null>(null);
  const close = useCallback(() => {
    setOpen(false);
    setConfirm(null);
  }, []);
  useDismiss(root, open, close);

  // Named after its wall, so opening that wall from another window brings this one forward instead of a second copy.
  useEffect(() => {
    if (web) window.name = wallWindowName(wallId);
  }, [web, wallId]);

  return (
    <div className="picker" ref={root}>
      <button
        type="button"
        className={`btn picker__button${open ? " btn--active" : ""}`}
        data-testid="walls-menu"
        data-wall={wallId}
        data-walls={walls.join(",")}
        aria-haspopup="true"
        aria-expanded={open}
        title={t("walls.menuTitle")}
        onClick={() => setOpen(!open)}
      >
        <span>{t("walls.current", { n: wallId })}</span>
        {walls.length > 1 && <span className="picker__count">{walls.length}</span>}
        <span className="picker__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className="picker__menu picker__menu--walls" data-testid="walls-menu-list" role="menu">
          <ul className="walls">
            {walls.map((w) => (
              <li key={w} className={`walls__row${w === wallId ? " walls__row--this" : ""}`} data-testid={`wall-row-${w}`}>
                <span className="walls__name">{t("walls.current", { n: w })}</span>
                {w === wallId ? (
                  <span className="walls__this">{t("walls.thisWindow")}</span>
                ) : (
                  <button
                    type="button"
                    className="btn btn--small"
                    data-testid={`wall-open-${w}`}
                    onClick={() => {
                      close();
                      void openWallWindow(w);
                    }}
                  >
                    {t("walls.open", { n: w })}
                  </button>
                )}
                {w !== 1 && (
                  <button
                    type="button"
                    className={`btn btn--small${confirm === w ? " btn--danger" : " btn--quiet"}`}
                    data-testid={`wall-remove-${w}`}
                    title={t("walls.removeTitle", { n: w })}
                    onClick={() => {
                      if (confirm !== w) return setConfirm(w);
                      close();
                      void consoleActions.removeWall(w);
                    }}
                  >
                    {confirm === w ? t("walls.removeConfirm") : t("walls.remove")}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="btn btn--small picker__edit"
            data-testid="wall-new"
            disabled={walls.length >= MAX_WALLS}
            title={walls.length >= MAX_WALLS ? t("walls.full", { n: MAX_WALLS }) : undefined}
            onClick={async () => {
              close();
              const state = await consoleActions.addWall();
              if (state) await openWallWindow(state.wall);
            }}
          >
            {t("walls.new")}
          </button>
          {!web && <p className="picker__empty">{t("walls.electron")}</p>}
        </div>
      )}
    </div>
  );
}
