// Runs in Vitest (Node). The packaging resources electron-builder reads from build/ are there, in the sizes and
// forms the Linux and Windows installers need, and electron.config.ts points at them: the Linux icon set (a PNG per
// size, the size in its name), the Windows .ico (up to 256×256, which electron-builder requires), the macOS source
// PNG (at least 512), the .desktop categories, and the NSIS licence text.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import config, { BUILD_RESOURCES } from "../../electron.config.js";

const root = resolve(import.meta.dirname, "..", "..");
const buildDir = join(root, BUILD_RESOURCES);
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

/** electron-builder resolves a resource path against the build resources folder first. */
function resource(path: string | null | undefined): string {
  expect(path, "a path in electron.config.ts").toBeTruthy();
  const full = join(buildDir, path!);
  expect(existsSync(full), `${full} exists`).toBe(true);
  return full;
}

/** Width, height, bit depth and colour type from a PNG's IHDR. */
function pngHeader(buf: Buffer): { width: number; height: number; depth: number; colorType: number } {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(buf.toString("ascii", 12, 16)).toBe("IHDR");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), depth: buf[24]!, colorType: buf[25]! };
}

type IcoImage = { size: number; form: "png" | "bmp" };

function icoImages(buf: Buffer): IcoImage[] {
  expect([buf.readUInt16LE(0), buf.readUInt16LE(2)]).toEqual([0, 1]); // reserved, type 1 = icon
  const count = buf.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + 16 * i;
    const size = buf[entry] === 0 ? 256 : buf[entry]!;
    expect(buf[entry + 1] === 0 ? 256 : buf[entry + 1]).toBe(size);
    expect(buf.readUInt16LE(entry + 6)).toBe(32); // 32 bits per pixel: alpha
    const length = buf.readUInt32LE(entry + 8);
    const offset = buf.readUInt32LE(entry + 12);
    expect(offset + length).toBeLessThanOrEqual(buf.length);
    const data = buf.subarray(offset, offset + length);
    if (data[0] === 0x89) {
      expect(pngHeader(data)).toMatchObject({ width: size, height: size });
      return { size, form: "png" as const };
    }
    // A DIB: BITMAPINFOHEADER with the height doubled (colour rows, then the AND mask).
    expect([data.readUInt32LE(0), data.readInt32LE(4), data.readInt32LE(8), data.readUInt16LE(14)]).toEqual([40, size, size * 2, 32]);
    return { size, form: "bmp" as const };
  });
}

describe("build resources", () => {
  it("electron.config.ts takes its resources from build/, and passes electron-builder's own schema", async () => {
    expect(config.directories?.buildResources).toBe("build");
    expect(statSync(buildDir).isDirectory()).toBe(true);
    // The check `npm run dist` makes first (not on electron-builder's public index, hence the deep import).
    const { validateConfiguration } = await import("app-builder-lib/out/util/config/config.js");
    const { DebugLogger } = await import("builder-util");
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it("the Linux icon set: one RGBA PNG per size, 16 to 1024, named by its size", () => {
    const dir = resource(config.linux?.icon);
    expect(statSync(dir).isDirectory()).toBe(true);
    for (const size of LINUX_SIZES) {
      const file = join(dir, `${size}x${size}.png`);
      expect(existsSync(file), file).toBe(true);
      expect(pngHeader(readFileSync(file))).toEqual({ width: size, height: size, depth: 8, colorType: 6 });
    }
  });

  it("the Windows icon: an .ico holding 16 to 256 (256 as PNG, the small sizes as bitmaps every reader knows)", () => {
    const file = resource(config.win?.icon);
    expect(file.endsWith(".ico")).toBe(true);
    const images = icoImages(readFileSync(file));
    expect(images.map((i) => i.size)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    expect(images.filter((i) => i.size <= 48).every((i) => i.form === "bmp")).toBe(true);
    expect(images.find((i) => i.size === 256)?.form).toBe("png");
  });

  it("the macOS source icon is a PNG of at least 512 (electron-builder makes the .icns from it)", () => {
    const { width, height } = pngHeader(readFileSync(resource(config.mac?.icon)));
    expect(Math.min(width, height)).toBeGreaterThanOrEqual(512);
  });

  it("the SVG master the icons are drawn from is in build/", () => {
    const svg = readFileSync(join(buildDir, "icon.svg"), "utf8");
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 1024 1024"/);
  });

  it("the .desktop entry: registered freedesktop categories (Video with AudioVideo) and its texts in both languages", () => {
    const MAIN = ["AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics", "Network", "Office", "Science", "Settings", "System", "Utility"];
    const categories = (config.linux?.category ?? "").split(";").filter(Boolean);
    expect(categories.length).toBeGreaterThan(0);
    for (const c of categories) expect(MAIN, c).toContain(c);
    if (categories.includes("Video")) expect(categories).toContain("AudioVideo");
    const entry = config.linux?.desktop?.entry ?? {};
    for (const key of ["GenericName", "Comment", "Keywords"]) {
      expect(entry[key], key).toBeTruthy();
      expect(entry[`${key}[zh_CN]`], `${key}[zh_CN]`).toBeTruthy();
    }
    expect(entry.Keywords?.endsWith(";")).toBe(true);
  });

  it("the installer's licence text: UTF-8 with a byte-order mark (NSIS reads Unicode text so), in English and Chinese", () => {
    const buf = readFileSync(resource(config.nsis?.license));
    expect(buf.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = new TextDecoder("utf-8", { fatal: true }).decode(buf.subarray(3));
    expect(text).toContain("Licence notice");
    expect(text).toContain("许可声明");
    expect(text).not.toMatch(/[^\r]\n/); // CRLF throughout, as the installer's text box shows it
  });
});
