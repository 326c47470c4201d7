// Runs in the renderer. A zustand mirror of what main sent (wall, relay, locale, session, platform status) plus purely
// local UI state (selected tile, relay panel, notices). Main stays the source of truth: the wall here only ever changes to a
// WallState main returned. The catalog itself lives in main; the panel keeps what it shows in catalog/catalog-store.
import { create } from "zustand";
import type { ApiErrorCode, Bootstrap, Locale, PlatformStatus, RelayStatus, SessionState } from "../../../contract/console-api.js";
import type { WallId, WallState } from "../../../contract/wall.js";
import type { ConnectionState } from "../bridge/connection.js";
import type { MessageKey } from "../i18n/i18n.js";
import { pruneSelection, selectOnly, type TileSelection } from "./tile-selection.js";

/** The access drawer's tabs (授权与审计): applications, emergency grants, approvals (approver), audit (auditor, commander). */
export type AccessTab = "applications" | "grants" | "approvals" | "audit";
/** Cameras picked in the catalog for a new application (申请) or an emergency grant (特别授权). */
export type AccessCart = "application" | "grant";

/** A failed user action, shown until dismissed (or pushed out); rendered in the current locale. */
export type ErrorNotice = { id: number; kind: "error"; action: MessageKey; errorCode: ApiErrorCode };
/** A grant ends in 10, 5 or 1 minute(s) (main's grantWarning); stays until dismissed or the grant ends or is extended. */
export type GrantWarningNotice = { id: number; kind: "grantWarning"; refId: string; minutesLeft: 10 | 5 | 1; validUntil: number };
export type Notice = ErrorNotice | GrantWarningNotice;
/** What pushNotice takes: an error ({action, errorCode}) or a notice of another kind. */
export type NoticeInput = Omit<ErrorNotice, "id" | "kind"> | Omit<GrantWarningNotice, "id">;

export type ConsoleState = {
  boot: { status: "loading" } | { status: "ready"; shell: Bootstrap["shell"]; version: string } | { status: "failed"; code: ApiErrorCode; message: string };
  locale: Locale;
  /** The wall window this page shows (`?wall=N`; wall 1 when the one it was bound to is gone). */
  wallId: WallId;
  /** Its state, as main last sent it (null until it arrived). */
  wall: WallState | null;
  /** The wall windows that exist (bootstrap, wallsChanged). */
  walls: readonly WallId[];
  /** This page was bound to a wall that no longer exists and shows wall 1 instead (the notice says so). */
  wallGone: WallId | null;
  /** The custom layout editor is open beside the wall. */
  layoutEditorOpen: boolean;
  relay: RelayStatus;
  connection: ConnectionState;
  /** Null until the bootstrap arrived. */
  session: SessionState | null;
  platform: PlatformStatus;
  /** Last catalogChanged revision main announced (0 before any). */
  catalogRevision: number;
  /** The focused tile (keys act on it); one of selectedTiles. */
  selectedTile: number | null;
  /** Every selected tile (Ctrl/Shift+click, Shift+arrows: wall/tile-selection.ts), in tile order. */
  selectedTiles: readonly number[];
  /** Where a Shift range starts. */
  selectionAnchor: number | null;
  /** The relay panel (per-stream relay stats) is open. */
  relayPanelOpen: boolean;
  notices: readonly Notice[];
  // ui: the access drawer and the camera carts it applies or grants for
  accessDrawer: AccessTab | null;
  applicationCart: readonly string[];
  grantCart: readonly string[];
};

type ConsoleActions = {
  applyBootstrap(b: Bootstrap): void;
  bootFailed(code: ApiErrorCode, message: string): void;
  /** Takes a wall from main. `force` accepts a lower revision (the core restarted and counts from zero again). */
  applyWall(wall: WallState, force?: boolean): void;
  /** Binds the page to a wall window (before the first bootstrap). */
  bindWall(wall: WallId): void;
  setWalls(walls: readonly WallId[]): void;
  /** The bound wall is gone: show wall 1 and say so. */
  wallIsGone(wall: WallId): void;
  dismissWallGone(): void;
  setLayoutEditorOpen(open: boolean): void;
  setRelay(relay: RelayStatus): void;
  setLocale(locale: Locale): void;
  setConnection(c: ConnectionState): void;
  setSession(session: SessionState): void;
  setPlatform(platform: PlatformStatus): void;
  setCatalogRevision(revision: number): void;
  /** Selects one tile alone (or none). */
  selectTile(tile: number | null): void;
  setSelection(selection: TileSelection): void;
  setRelayPanelOpen(open: boolean): void;
  pushNotice(n: NoticeInput): void;
  dismissNotice(id: number): void;
  openAccessDrawer(tab: AccessTab): void;
  closeAccessDrawer(): void;
  addToCart(cart: AccessCart, cameraId: string): void;
  removeFromCart(cart: AccessCart, cameraId: string): void;
  clearCart(cart: AccessCart): void;
};

function setCart(set: (partial: Partial<ConsoleState>) => void, cart: AccessCart, ids: readonly string[]): void {
  set(cart === "application" ? { applicationCart: ids } : { grantCart: ids });
}

let noticeSeq = 0;
const MAX_NOTICES = 4;

export const useConsoleStore = create<ConsoleState & ConsoleActions>()((set, get) => ({
  boot: { status: "loading" },
  locale: "zh-CN",
  wallId: 1,
  wall: null,
  walls: [1],
  wallGone: null,
  layoutEditorOpen: false,
  relay: { state: "starting", restarts: 0, lastError: null },
  connection: { status: "connecting", attempt: 1 },
  session: null,
  platform: { state: "logged-out", lastContactAt: null, retryAt: null, cameras: 0, lastError: null },
  catalogRevision: 0,
  selectedTile: null,
  selectedTiles: [],
  selectionAnchor: null,
  relayPanelOpen: false,
  notices: [],
  accessDrawer: null,
  applicationCart: [],
  grantCart: [],

  applyBootstrap: (b) => {
    set({
      boot: { status: "ready", shell: b.shell, version: b.version },
      locale: b.locale,
      relay: b.relay,
      session: b.session,
      platform: b.platform,
      walls: b.walls,
    });
    // The bootstrap carries wall 1; a window bound to another wall fetches its own (use-console-sync).
    get().applyWall(b.wall, true);
  },
  bootFailed: (code, message) => set({ boot: { status: "failed", code, message } }),
  applyWall: (wall, force = false) => {
    // Every window hears every wall's changes; this page shows one wall.
    if (wall.wall !== get().wallId) return;
    const current = get().wall;
    if (!force && current && current.wall === wall.wall && wall.revision < current.revision) return;
    const s = get();
    const selection = pruneSelection({ focus: s.selectedTile, tiles: s.selectedTiles, anchor: s.selectionAnchor }, wall.tiles.length);
    set({ wall, selectedTile: selection.focus, selectedTiles: selection.tiles, selectionAnchor: selection.anchor });
  },
  bindWall: (wallId) => {
    if (wallId !== get().wallId) set({ wallId, wall: null, selectedTile: null, selectedTiles: [], selectionAnchor: null });
  },
  setWalls: (walls) => set({ walls }),
  wallIsGone: (gone) => set({ wallGone: gone, wallId: 1, wall: null, selectedTile: null, selectedTiles: [], selectionAnchor: null }),
  dismissWallGone: () => set({ wallGone: null }),
  setLayoutEditorOpen: (layoutEditorOpen) => set({ layoutEditorOpen }),
  setRelay: (relay) => set({ relay }),
  setLocale: (locale) => set({ locale }),
  setConnection: (connection) => set({ connection }),
  setSession: (session) => set({ session }),
  setPlatform: (platform) => set({ platform }),
  setCatalogRevision: (catalogRevision) => set({ catalogRevision }),
  selectTile: (tile) => get().setSelection(selectOnly(tile)),
  setSelection: ({ focus, tiles, anchor }) => set({ selectedTile: focus, selectedTiles: tiles, selectionAnchor: anchor }),
  setRelayPanelOpen: (relayPanelOpen) => set({ relayPanelOpen }),
  pushNotice: (n) => {
    const id = ++noticeSeq;
    if ("kind" in n) {
      // One warning per grant: the latest (5 min replaces 10 min); errors never push a warning out.
      set({ notices: [...get().notices.filter((o) => o.kind !== n.kind || o.refId !== n.refId), { ...n, id }] });
      return;
    }
    const notices = [...get().notices, { ...n, kind: "error" as const, id }];
    const errors = notices.filter((o) => o.kind === "error");
    const drop = new Set(errors.slice(0, Math.max(0, errors.length - MAX_NOTICES)).map((o) => o.id));
    set({ notices: notices.filter((o) => !drop.has(o.id)) });
  },
  dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  openAccessDrawer: (accessDrawer) => set({ accessDrawer }),
  closeAccessDrawer: () => set({ accessDrawer: null }),
  addToCart: (cart, cameraId) => {
    const ids = cart === "application" ? get().applicationCart : get().grantCart;
    if (!ids.includes(cameraId)) setCart(set, cart, [...ids, cameraId]);
  },
  removeFromCart: (cart, cameraId) => {
    const ids = cart === "application" ? get().applicationCart : get().grantCart;
    setCart(set, cart, ids.filter((id) => id !== cameraId));
  },
  clearCart: (cart) => setCart(set, cart, []),
}));

export type StreamBlock = "core" | "relay" | null;

/** Why tiles cannot reach a stream right now: the core link is down, or the relay is not up; null when they can. */
export function streamBlock(s: Pick<ConsoleState, "connection" | "relay">): StreamBlock {
  if (s.connection.status !== "open") return "core";
  return s.relay.state === "up" ? null : "relay";
}
