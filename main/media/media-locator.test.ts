import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDemoCatalog, demoClipFor } from "../catalog/demo-catalog.js";
import { CoreError } from "../core/core-error.js";
import { MediaLocator } from "./media-locator.js";

describe("media locator", () => {
  const camera = buildDemoCatalog()[0]!;

  it("points a demo camera at its clip", () => {
    const dir = mkdtempSync(join(tmpdir(), "vigil-demo-"));
    writeFileSync(join(dir, demoClipFor(camera.id)), "FLV");
    expect(new MediaLocator(dir).sourceFor(camera)).toEqual({ kind: "file", path: join(dir, demoClipFor(camera.id)) });
  });

  it("names the missing clip in a MEDIA_MISSING error", () => {
    const dir = mkdtempSync(join(tmpdir(), "vigil-demo-"));
    const attempt = () => new MediaLocator(dir).sourceFor(camera);
    expect(attempt).toThrow(CoreError);
    expect(attempt).toThrow(join(dir, demoClipFor(camera.id)));
  });
});
