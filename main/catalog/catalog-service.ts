// Runs in main. The camera catalog the console works from: loaded from a CatalogSource (today the embedded demo,
// later the central platform) and cached in SQLite so the console can start without its source.
import { CameraSchema, type Camera } from "../../contract/camera.js";
import type { Database } from "../store/database.js";
import type { Logger } from "../log/logger.js";

export interface CatalogSource {
  readonly name: string;
  load(): Promise<Camera[]>;
}

export class CatalogService {
  private cameras = new Map<string, Camera>();

  constructor(
    private readonly db: Database,
    private readonly source: CatalogSource,
    private readonly log: Logger,
  ) {}

  /** Loads from the source and refreshes the cache; falls back to the cache when the source fails. */
  async refresh(): Promise<void> {
    try {
      const loaded = await this.source.load();
      const valid = this.keepValid(loaded, this.source.name);
      const now = Date.now();
      await this.db.transaction(async () => {
        await this.db.run("DELETE FROM catalog_camera");
        for (const cam of valid) {
          await this.db.run("INSERT INTO catalog_camera (id, record, updated_at) VALUES (?, ?, ?)", [cam.id, JSON.stringify(cam), now]);
        }
      });
      this.cameras = new Map(valid.map((c) => [c.id, c]));
      this.log.info(`catalog loaded from ${this.source.name}`, { cameras: valid.length });
    } catch (err) {
      const rows = await this.db.all<{ record: string }>("SELECT record FROM catalog_camera");
      const cached = this.keepValid(rows.map((r) => JSON.parse(r.record) as unknown), "cache");
      this.cameras = new Map(cached.map((c) => [c.id, c]));
      this.log.warn(`catalog source ${this.source.name} failed; using ${cached.length} cached cameras`, {
        error: String(err),
      });
    }
  }

  list(): Camera[] {
    return [...this.cameras.values()];
  }

  get(id: string): Camera | undefined {
    return this.cameras.get(id);
  }

  /** A malformed record is dropped and reported; the rest of the batch is kept. */
  private keepValid(records: unknown[], origin: string): Camera[] {
    const valid: Camera[] = [];
    for (const record of records) {
      const parsed = CameraSchema.safeParse(record);
      if (parsed.success) valid.push(parsed.data);
      else this.log.warn(`rejected a camera record from ${origin}`, { issue: parsed.error.issues[0]?.message });
    }
    return valid;
  }
}
