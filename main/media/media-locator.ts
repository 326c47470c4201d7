// Runs in main. Where a camera's media comes from. Today: the demo clips under resources/demo.
// The platform issue adds play tickets from the central platform here.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Camera } from "../../contract/camera.js";
import type { SourceSpec } from "../../contract/relay-control.js";
import { demoClipFor } from "../catalog/demo-catalog.js";
import { CoreError } from "../core/core-error.js";

export class MediaLocator {
  constructor(private readonly demoDir: string) {}

  get mediaRoot(): string {
    return this.demoDir;
  }

  sourceFor(camera: Camera): SourceSpec {
    const path = join(this.demoDir, demoClipFor(camera.id));
    if (!existsSync(path)) {
      throw new CoreError("MEDIA_MISSING", `demo clip missing: ${path} (restore resources/demo from the repository)`);
    }
    return { kind: "file", path };
  }
}
