// Runs in main. Owns the wall: applies transitions, persists every change, tells listeners.
import { WallStateSchema, type WallLayout, type WallState } from "../../contract/wall.js";
import type { Database } from "../store/database.js";
import * as wall from "./wall-state.js";

export class WallService {
  private state: WallState = wall.emptyWall();
  private readonly listeners = new Set<(state: WallState) => void>();
  /** Serializes writes so persisted order equals applied order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Database) {}

  async load(): Promise<WallState> {
    const row = await this.db.get<{ state: string }>("SELECT state FROM wall WHERE id = 1");
    if (row) {
      const parsed = WallStateSchema.safeParse(JSON.parse(row.state));
      if (parsed.success) this.state = parsed.data;
    }
    return this.state;
  }

  get current(): WallState {
    return this.state;
  }

  onChange(listener: (state: WallState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setLayout(layout: WallLayout) {
    return this.apply((s) => wall.setLayout(s, layout));
  }
  assign(tile: number, cameraId: string) {
    return this.apply((s) => wall.assignTile(s, tile, cameraId));
  }
  swap(a: number, b: number) {
    return this.apply((s) => wall.swapTiles(s, a, b));
  }
  clear(tile: number) {
    return this.apply((s) => wall.clearTile(s, tile));
  }
  maximize(tile: number | null) {
    return this.apply((s) => wall.setMaximized(s, tile));
  }

  private apply(transition: (s: WallState) => WallState): Promise<WallState> {
    const run = this.queue.then(async () => {
      const nextState = transition(this.state); // throws WallRuleError before anything changes
      if (nextState === this.state) return this.state;
      await this.db.run(
        "INSERT INTO wall (id, state) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET state = excluded.state",
        [JSON.stringify(nextState)],
      );
      this.state = nextState;
      for (const listener of this.listeners) listener(nextState);
      return nextState;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
