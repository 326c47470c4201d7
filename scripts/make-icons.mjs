// Regenerates the app icons in build/ (committed; run only to change them): `node scripts/make-icons.mjs`.
// The mark is drawn once, as SVG (build/icon.svg, the master; a simplified variant with heavier strokes for the
// 16–32 px sizes), rasterized by the Chromium the end-to-end tests use (through Playwright, already a dev
// dependency), and written as: build/icons/<N>x<N>.png (the Linux icon set, 16…1024), build/icon.png (1024) and
// build/icon.ico (Windows: 16–48 as 32-bit BMP entries, the most widely read form, 64–256 as PNG entries).
// No network, no new dependency; the PNG and ICO encoders are below (node:zlib only).
import { chromium } from "@playwright/test";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { deflateSync } from "node:zlib";

const root = resolve(import.meta.dirname, "..");
const out = join(root, "build");
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const SMALL = 32; // at or below: the simplified mark

// Colours of the console's dark theme (renderer/src/styles): background, raised, line, accent.
const BG = "#0b0e12";
const RAISED = "#1b2633";
const LINE = "#2a3a4f";
const ACCENT = "#3d8bfd";

/** The mark: a watchful eye on a dark tile, framed by a camera's viewfinder corners. */
export function iconSvg({ small = false } = {}) {
  const eye = "M176 512 C304 312 720 312 848 512 C720 712 304 712 176 512 Z";
  const corners = [
    "M200 320 V232 H288", // top left
    "M736 232 H824 V320", // top right
    "M824 704 V792 H736", // bottom right
    "M288 792 H200 V704", // bottom left
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="1024" viewBox="0 0 1024 1024">
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${RAISED}"/>
      <stop offset="1" stop-color="${BG}"/>
    </linearGradient>
    <radialGradient id="iris" cx="0.42" cy="0.4" r="0.65">
      <stop offset="0" stop-color="#8dbcff"/>
      <stop offset="0.55" stop-color="${ACCENT}"/>
      <stop offset="1" stop-color="#2563c9"/>
    </radialGradient>
  </defs>
  <rect x="64" y="64" width="896" height="896" rx="${small ? 160 : 192}" fill="url(#tile)"/>
${small ? "" : `  <rect x="67" y="67" width="890" height="890" rx="189" fill="none" stroke="${LINE}" stroke-width="6"/>
  <g fill="none" stroke="${ACCENT}" stroke-opacity="0.55" stroke-width="36" stroke-linecap="round" stroke-linejoin="round">
${corners.map((d) => `    <path d="${d}"/>`).join("\n")}
  </g>
`}  <path d="${eye}" fill="none" stroke="${ACCENT}" stroke-width="${small ? 84 : 52}" stroke-linejoin="round"/>
  <circle cx="512" cy="512" r="${small ? 150 : 128}" fill="url(#iris)"/>
  <circle cx="512" cy="512" r="${small ? 62 : 52}" fill="${BG}"/>
${small ? "" : `  <circle cx="468" cy="466" r="22" fill="#ffffff" fill-opacity="0.85"/>
`}</svg>
`;
}

function browserPath() {
  const fromEnv = process.env.VIGIL_BROWSER;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of ["chromium", "chromium-browser", "google-chrome"]) if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error("no Chromium found: install it (Debian/Ubuntu: apt-get install chromium) or set VIGIL_BROWSER");
}

/** RGBA pixels (not premultiplied) of the SVG drawn at size × size. */
async function rasterize(page, svg, size) {
  /* global Image, document -- the function below runs in the page */
  const base64 = await page.evaluate(
    async ({ svg, size }) => {
      const img = new Image();
      img.src = `data:image/svg+xml;base64,${btoa(svg)}`;
      await img.decode();
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = size;
      const ctx = canvas.getContext("2d", { colorSpace: "srgb" });
      ctx.imageSmoothingQuality = "high";
      ctx.drawImage(img, 0, 0, size, size);
      const data = ctx.getImageData(0, 0, size, size).data;
      let bin = "";
      for (let i = 0; i < data.length; i += 0x8000) bin += String.fromCharCode(...data.subarray(i, i + 0x8000));
      return btoa(bin);
    },
    { svg, size },
  );
  return Buffer.from(base64, "base64");
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An 8-bit RGBA PNG; each row with the filter that compresses best (the usual minimum-sum heuristic). */
export function encodePng(rgba, size) {
  const stride = size * 4;
  const rows = [];
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < size; y++) {
    const row = rgba.subarray(y * stride, (y + 1) * stride);
    let best = null;
    let bestScore = Infinity;
    for (let filter = 0; filter < 5; filter++) {
      const line = Buffer.alloc(stride + 1);
      line[0] = filter;
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const a = i >= 4 ? row[i - 4] : 0;
        const b = prev[i];
        const c = i >= 4 ? prev[i - 4] : 0;
        const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
        const v = (row[i] - predictor) & 0xff;
        line[i + 1] = v;
        score += v < 128 ? v : 256 - v;
      }
      if (score < bestScore) [best, bestScore] = [line, score];
    }
    rows.push(best);
    prev = row;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** A 32-bit DIB as an ICO entry holds it: BITMAPINFOHEADER (height doubled), BGRA rows bottom-up, an empty AND mask. */
function encodeIcoBitmap(rgba, size) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12); // planes
  header.writeUInt16LE(32, 14); // bits per pixel
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
    }
  }
  const maskStride = Math.ceil(size / 32) * 4;
  return Buffer.concat([header, pixels, Buffer.alloc(maskStride * size)]);
}

export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, data } of images) {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size; // 0 means 256
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

async function main() {
  mkdirSync(join(out, "icons"), { recursive: true });
  writeFileSync(join(out, "icon.svg"), iconSvg());
  const browser = await chromium.launch({ executablePath: browserPath(), args: ["--no-sandbox", "--disable-gpu", "--force-color-profile=srgb"] });
  try {
    const page = await browser.newPage();
    const pixels = new Map();
    for (const size of [...new Set([...LINUX_SIZES, ...ICO_SIZES])]) pixels.set(size, await rasterize(page, iconSvg({ small: size <= SMALL }), size));
    for (const size of LINUX_SIZES) writeFileSync(join(out, "icons", `${size}x${size}.png`), encodePng(pixels.get(size), size));
    writeFileSync(join(out, "icon.png"), encodePng(pixels.get(1024), 1024));
    const ico = ICO_SIZES.map((size) => ({ size, data: size < 64 ? encodeIcoBitmap(pixels.get(size), size) : encodePng(pixels.get(size), size) }));
    writeFileSync(join(out, "icon.ico"), encodeIco(ico));
  } finally {
    await browser.close();
  }
  console.log(`icons written to ${out}: icons/{${LINUX_SIZES.join(",")}}.png, icon.png, icon.ico, icon.svg`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
