// Runs in main. Owns the walls (windows 1..N): applies transitions, persists every change, tells listeners. Wall 1
// always exists; a window bound to a wall that is gone gets UNKNOWN_WALL and opens wall 1.
import { MAX_WALLS, WallStateSchema, type TileRef, type WallId, type WallState } from "../../contract/wall.js";
import type { Layout } from "../../contract/wall-layout.js";
import type { Database } from "../store/database.js";
import { fromLegacyWall } from "./legacy-wall.js";
import * as wall from "./wall-state.js";
import { WallRuleError } from "./wall-state.js";

export type WallEvents = {
  changed: (state: WallState) => void;
  /** A wall was added or removed. */
  walls: (ids: WallId[]) => void;
};

export class WallService {
  private readonly walls = new Map<WallId, WallState>([[1, wall.emptyWall(1)]]);
  private readonly listeners = new Set<(state: WallState) => void>();
  private readonly wallListeners = new Set<(ids: WallId[]) => void>();
  /** Serializes writes so persisted order equals applied order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Database) {}

  /** Loads every wall; converts the one-wall state of earlier versions on first start. */
  async load(): Promise<WallState[]> {
    const rows = await this.db.all<{ id: number; state: string }>("SELECT id, state FROM wall_window ORDER BY id");
    for (const row of rows) {
      const parsed = WallStateSchema.safeParse(safeJson(row.state));
      if (parsed.success && parsed.data.wall === row.id) this.walls.set(parsed.data.wall, parsed.data);
    }
    if (rows.length === 0) {
      const legacy = await this.db.get<{ state: string }>("SELECT state FROM wall WHERE id = 1");
      const converted = legacy ? fromLegacyWall(safeJson(legacy.state)) : null;
      if (converted) {
        await this.db.transaction(async () => {
          await this.persist(converted);
          await this.db.run("DELETE FROM wall WHERE id = 1");
        });
        this.walls.set(1, converted);
      }
    }
    return this.all();
  }

  /** Wall 1 (the console's own window). */
  get current(): WallState {
    return this.walls.get(1)!;
  }

  get(id: WallId = 1): WallState {
    const state = this.walls.get(id);
    if (!state) throw new WallRuleError("UNKNOWN_WALL", `there is no wall window ${id}`);
    return state;
  }

  all(): WallState[] {
    return [...this.walls.values()].sort((a, b) => a.wall - b.wall);
  }

  ids(): WallId[] {
    return this.all().map((s) => s.wall);
  }

  onChange(listener: (state: WallState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onWalls(listener: (ids: WallId[]) => void): () => void {
    this.wallListeners.add(listener);
    return () => this.wallListeners.delete(listener);
  }

  addWall(): Promise<WallState> {
    return this.serial(async () => {
      const id = ([...Array(MAX_WALLS).keys()].map((i) => (i + 1) as WallId)).find((n) => !this.walls.has(n));
      if (id === undefined) throw new WallRuleError("UNKNOWN_WALL", `a workstation has at most ${MAX_WALLS} wall windows`);
      const state = wall.emptyWall(id);
      await this.persist(state);
      this.walls.set(id, state);
      this.announceWalls();
      return state;
    });
  }

  removeWall(id: WallId): Promise<boolean> {
    return this.serial(async () => {
      if (id === 1 || !this.walls.has(id)) return false;
      await this.db.run("DELETE FROM wall_window WHERE id = ?", [id]);
      this.walls.delete(id);
      this.announceWalls();
      return true;
    });
  }

  setLayout(id: WallId, layout: Layout, layoutRef: string | null = null) {
    return this.apply(id, (s) => wall.setLayout(s, layout, layoutRef));
  }
  assign(id: WallId, tile: number, cameraId: string) {
    return this.apply(id, (s) => wall.assignTile(s, tile, cameraId));
  }
  swap(id: WallId, a: number, b: number) {
    return this.apply(id, (s) => wall.swapTiles(s, a, b));
  }
  clear(id: WallId, tile: number) {
    return this.apply(id, (s) => wall.clearTile(s, tile));
  }
  clearMany(id: WallId, tiles: readonly number[]) {
    return this.apply(id, (s) => wall.clearTiles(s, tiles));
  }
  maximize(id: WallId, tile: number | null) {
    return this.apply(id, (s) => wall.setMaximized(s, tile));
  }
  unpark(id: WallId) {
    return this.apply(id, (s) => wall.unparkCameras(s));
  }
  dismissParked(id: WallId, cameraId: string | null) {
    return this.apply(id, (s) => wall.dismissParked(s, cameraId));
  }

  async fill(id: WallId, cameraIds: readonly string[]): Promise<{ state: WallState; placed: number; overflow: string[] }> {
    let result: { placed: number; overflow: string[] } = { placed: 0, overflow: [] };
    const state = await this.apply(id, (s) => {
      const filled = wall.fillTiles(s, cameraIds);
      result = { placed: filled.placed, overflow: filled.overflow };
      return filled.state;
    });
    return { state, ...result };
  }

  /** Sends a tile's camera to any wall's tile; the target's camera (if any) goes back in exchange. */
  move(from: TileRef, to: TileRef): Promise<WallState[]> {
    if (from.wall === to.wall) return this.swap(from.wall, from.tile, to.tile).then((s) => [s]);
    return this.serial(async () => {
      const a = this.get(from.wall);
      const b = this.get(to.wall);
      const camera = a.tiles[from.tile];
      if (from.tile >= a.tiles.length || to.tile >= b.tiles.length) {
        throw new WallRuleError("TILE_OUT_OF_LAYOUT", `tile ${from.wall}-${from.tile + 1} or ${to.wall}-${to.tile + 1} is outside its layout`);
      }
      if (!camera) throw new WallRuleError("TILE_EMPTY", `tile ${from.tile + 1} of wall ${from.wall} has no camera to send`);
      const back = b.tiles[to.tile] ?? null;
      const nextB = wall.assignTile(b, to.tile, camera);
      const nextA = back ? wall.assignTile(a, from.tile, back) : wall.clearTile(a, from.tile);
      await this.db.transaction(async () => {
        await this.persist(nextA);
        await this.persist(nextB);
      });
      this.commit(nextA);
      this.commit(nextB);
      return [nextA, nextB];
    });
  }

  private apply(id: WallId, transition: (s: WallState) => WallState): Promise<WallState> {
    return this.serial(async () => {
      const before = this.get(id);
      const nextState = transition(before); // throws WallRuleError before anything changes
      if (nextState === before) return before;
      await this.persist(nextState);
      this.commit(nextState);
      return nextState;
    });
  }

  private commit(state: WallState): void {
    this.walls.set(state.wall, state);
    for (const listener of this.listeners) listener(state);
  }

  private persist(state: WallState): Promise<unknown> {
    return this.db.run("INSERT INTO wall_window (id, state) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET state = excluded.state", [state.wall, JSON.stringify(state)]);
  }

  private announceWalls(): void {
    const ids = this.ids();
    for (const listener of this.wallListeners) listener(ids);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
