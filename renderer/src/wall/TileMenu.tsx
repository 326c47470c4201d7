// Runs in the renderer. The tile context menu (right click; the Menu key or Shift+F10 on the selected tile): draws the
// items tile-menu.ts builds, with submenus (发送到 › 电视墙 2 › 第 3 格). Keyboard: ↑/↓ move, →/Enter open a submenu,
// ←/Esc close it, Enter runs an item, Esc or Tab or a click elsewhere closes the menu. Rendered into the fullscreen
// tile when there is one (anything outside the fullscreen element is not drawn).
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { createPortal } from "react-dom";
import type { WallState } from "../../../contract/wall.js";
import { sameLayout } from "../../../contract/wall-layout.js";
import type { Translate } from "../i18n/i18n.js";
import { fetchCamera, useCameraCache } from "../state/camera-cache.js";
import { consoleApi } from "../state/console-link.js";
import { useConsoleStore } from "../state/console-store.js";
import { useT } from "../state/use-t.js";
import { runTileCommand, tileElement } from "./tile-commands.js";
import { tileMenu, type MenuItem, type MenuText } from "./tile-menu.js";
import { actedOn } from "../state/tile-selection.js";
import { closeTileMenu, useTileUi, type TileMenuAnchor } from "./tile-ui-store.js";

export function TileMenuHost() {
  const anchor = useTileUi((s) => s.menu);
  const hasWall = useConsoleStore((s) => s.wall !== null);
  if (!anchor || !hasWall) return null;
  return <TileMenu key={anchor.seq} anchor={anchor} />;
}

/** The other walls' states while the menu is open (fresh when it opens and when walls come or go). */
function useOtherWalls(): readonly WallState[] | null {
  const wallId = useConsoleStore((s) => s.wallId);
  const walls = useConsoleStore((s) => s.walls);
  const [others, setOthers] = useState<readonly WallState[] | null>(null);
  useEffect(() => {
    let live = true;
    consoleApi()
      .listWalls({})
      .then((all) => live && setOthers(all.filter((w) => w.wall !== wallId).sort((a, b) => a.wall - b.wall)))
      // The send submenu then offers only a new wall window; anything else in the menu still works.
      .catch(() => live && setOthers([]));
    return () => {
      live = false;
    };
  }, [wallId, walls]);
  return others;
}

function text(t: Translate, m: MenuText): string {
  return t(m.key, m.params);
}

function TileMenu({ anchor }: { anchor: TileMenuAnchor }) {
  const t = useT();
  const wall = useConsoleStore((s) => s.wall)!;
  const wallCount = useConsoleStore((s) => s.walls.length);
  const selection = useConsoleStore((s) => s.selectedTiles);
  const focus = useConsoleStore((s) => s.selectedTile);
  const statsShown = useTileUi((s) => s.statsTiles.includes(anchor.tile));
  const others = useOtherWalls();
  const cameras = useCameraCache((s) => s.entries);
  const root = useRef<HTMLDivElement | null>(null);
  const fullscreen = typeof document !== "undefined" && document.fullscreenElement !== null && document.fullscreenElement === tileElement(anchor.tile);

  const tiles = useMemo(() => actedOn({ focus, tiles: selection, anchor: null }, anchor.tile), [focus, selection, anchor.tile]);
  const groups = useMemo(
    () =>
      tileMenu({
        wall,
        tile: anchor.tile,
        tiles,
        otherWalls: others,
        wallCount,
        fullscreen,
        statsShown,
        cameraName: (id) => {
          const e = cameras.get(id);
          return e?.status === "ready" ? e.camera.name : null;
        },
      }),
    [wall, anchor.tile, tiles, others, wallCount, fullscreen, statsShown, cameras],
  );

  // Names of the cameras a send would swap with, fetched when a wall's submenu opens.
  const onSubmenu = useCallback(
    (id: string) => {
      const target = others?.find((w) => `send-${w.wall}` === id);
      for (const camera of target?.tiles ?? []) if (camera && !useCameraCache.getState().entries.has(camera)) void fetchCamera(camera);
    },
    [others],
  );

  // A press outside, the window losing focus, a resize or the wall changing under it: the menu goes.
  useEffect(() => {
    const onPointer = (e: PointerEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) closeTileMenu();
    };
    document.addEventListener("pointerdown", onPointer, true);
    window.addEventListener("blur", closeTileMenu);
    window.addEventListener("resize", closeTileMenu);
    return () => {
      document.removeEventListener("pointerdown", onPointer, true);
      window.removeEventListener("blur", closeTileMenu);
      window.removeEventListener("resize", closeTileMenu);
    };
  }, []);
  const cellsAt = useRef(wall.layout);
  useEffect(() => {
    if (!sameLayout(cellsAt.current, wall.layout)) closeTileMenu();
  }, [wall.layout]);

  // Keep the menu inside the viewport.
  const [pos, setPos] = useState({ left: anchor.x, top: anchor.y });
  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos({ left: Math.max(4, Math.min(anchor.x, window.innerWidth - r.width - 4)), top: Math.max(4, Math.min(anchor.y, window.innerHeight - r.height - 4)) });
  }, [anchor.x, anchor.y]);

  const run = (item: Extract<MenuItem, { kind: "action" }>) => {
    if (item.disabled) return;
    closeTileMenu();
    // Return focus to the tile so the wall's keys act at once.
    tileElement(anchor.tile)?.focus({ preventScroll: true });
    void runTileCommand(item.command);
  };

  const label = tiles.length > 1 ? t("tileMenu.titleMany", { k: tiles.length }) : t("tileMenu.title", { n: anchor.tile + 1 });
  const menu = (
    <div ref={root} className="tile-menu" data-testid="tile-menu" data-tile={anchor.tile} style={{ left: pos.left, top: pos.top }} onContextMenu={(e) => e.preventDefault()}>
      <MenuList label={label} groups={groups} level={0} autoFocus run={run} onSubmenu={onSubmenu} onClose={closeTileMenu} t={t} />
    </div>
  );
  return createPortal(menu, document.fullscreenElement ?? document.body);
}

type ListProps = {
  label: string;
  groups: readonly (readonly MenuItem[])[];
  level: number;
  autoFocus: boolean;
  run: (item: Extract<MenuItem, { kind: "action" }>) => void;
  onSubmenu: (id: string) => void;
  /** Closes this list (a submenu: back to its parent item; the root: the whole menu). */
  onClose: () => void;
  t: Translate;
};

const MenuList = memo(function MenuList({ label, groups, level, autoFocus, run, onSubmenu, onClose, t }: ListProps) {
  const flat = useMemo(() => groups.flat(), [groups]);
  const focusable = useMemo(() => flat.flatMap((item, i) => (item.kind === "note" ? [] : [i])), [flat]);
  const [active, setActive] = useState<number | null>(autoFocus ? (focusable[0] ?? null) : null);
  const [open, setOpen] = useState<string | null>(null);
  const [openFocus, setOpenFocus] = useState(false);
  const list = useRef<HTMLUListElement | null>(null);
  const [place, setPlace] = useState<{ shift: number; flip: boolean }>({ shift: 0, flip: false });
  const leaf = !flat.some((item) => item.kind === "submenu");

  useEffect(() => {
    if (active === null || open !== null) return;
    list.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus({ preventScroll: false });
  }, [active, open]);

  // A submenu that would leave the viewport opens to the left of its item and moves up.
  useLayoutEffect(() => {
    if (level === 0 || !list.current) return;
    const r = list.current.getBoundingClientRect();
    const over = r.bottom - (window.innerHeight - 4);
    setPlace({ shift: over > 0 ? -Math.min(over, Math.max(0, r.top - 4)) : 0, flip: r.right > window.innerWidth - 4 });
  }, [level]);

  const openSub = (id: string, withFocus: boolean) => {
    setOpen(id);
    setOpenFocus(withFocus);
    onSubmenu(id);
  };

  const step = (dir: 1 | -1) => {
    if (focusable.length === 0) return;
    const at = active === null ? -1 : focusable.indexOf(active);
    const next = at === -1 ? (dir === 1 ? 0 : focusable.length - 1) : (at + dir + focusable.length) % focusable.length;
    setActive(focusable[next]!);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    // Keys inside a submenu belong to it.
    if (e.target instanceof HTMLElement && e.target.closest("ul") !== list.current) return;
    const item = active === null ? undefined : flat[active];
    let handled = true;
    switch (e.key) {
      case "ArrowDown":
        step(1);
        break;
      case "ArrowUp":
        step(-1);
        break;
      case "Home":
        setActive(focusable[0] ?? null);
        break;
      case "End":
        setActive(focusable[focusable.length - 1] ?? null);
        break;
      case "ArrowRight":
        if (item?.kind === "submenu") openSub(item.id, true);
        break;
      case "Enter":
      case " ":
        if (item?.kind === "submenu") openSub(item.id, true);
        else if (item?.kind === "action") run(item);
        break;
      case "ArrowLeft":
        if (level > 0) onClose();
        break;
      case "Escape":
        onClose();
        break;
      case "Tab":
        closeTileMenu();
        break;
      default:
        handled = false;
    }
    if (handled) {
      e.preventDefault();
      // The wall's own keys (Esc restores, arrows move the selection) never see a key the menu took.
      e.stopPropagation();
    }
  };

  const rows: ReactNode[] = [];
  let index = 0;
  groups.forEach((group, g) => {
    if (g > 0) rows.push(<li key={`sep-${g}`} role="separator" className="tile-menu__sep" />);
    for (const item of group) {
      const i = index++;
      if (item.kind === "note") {
        rows.push(
          <li key={item.id} role="none" className="tile-menu__note" data-testid={`menu-${item.id}`}>
            {text(t, item.text)}
          </li>,
        );
        continue;
      }
      const isOpen = item.kind === "submenu" && open === item.id;
      rows.push(
        <li key={item.id} role="none" className="tile-menu__row">
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            data-index={i}
            data-testid={`menu-${item.id}`}
            className={`tile-menu__item${item.kind === "action" && item.danger ? " tile-menu__item--danger" : ""}${isOpen ? " tile-menu__item--open" : ""}`}
            aria-haspopup={item.kind === "submenu" ? "menu" : undefined}
            aria-expanded={item.kind === "submenu" ? isOpen : undefined}
            aria-disabled={item.kind === "action" && item.disabled ? true : undefined}
            onPointerEnter={() => {
              setActive(i);
              if (item.kind === "submenu") openSub(item.id, false);
              else setOpen(null);
            }}
            onClick={() => {
              if (item.kind === "submenu") openSub(item.id, true);
              else run(item);
            }}
          >
            <span className="tile-menu__label">{text(t, item.text)}</span>
            {item.detail && <span className="tile-menu__detail">{text(t, item.detail)}</span>}
            {item.kind === "action" && item.shortcut && <kbd className="tile-menu__key">{t(item.shortcut)}</kbd>}
            {item.kind === "submenu" && (
              <span className="tile-menu__caret" aria-hidden="true">
                ›
              </span>
            )}
          </button>
          {isOpen && item.kind === "submenu" && (
            <MenuList
              label={text(t, item.text)}
              groups={[item.items]}
              level={level + 1}
              autoFocus={openFocus}
              run={run}
              onSubmenu={onSubmenu}
              onClose={() => {
                setOpen(null);
                list.current?.querySelector<HTMLElement>(`[data-index="${i}"]`)?.focus();
              }}
              t={t}
            />
          )}
        </li>,
      );
    }
  });

  return (
    <ul
      ref={list}
      role="menu"
      aria-label={label}
      className={`tile-menu__list${level > 0 ? " tile-menu__list--sub" : ""}${leaf ? " tile-menu__list--leaf" : ""}${place.flip ? " tile-menu__list--flip" : ""}`}
      data-level={level}
      style={place.shift !== 0 ? { transform: `translateY(${place.shift}px)` } : undefined}
      onKeyDown={onKeyDown}
    >
      {rows}
    </ul>
  );
});
