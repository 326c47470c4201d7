// Runs in Node (the clock source) and in the latency page. The sender's clock burned into each frame as two rows
// of 32 black/white blocks: 4 sync bits, 48 bits of Date.now() (ms), an 8-bit check, 4 sync bits. Blocks are
// 20×20 px so they survive x264 at camera-like bitrates; the reader samples each block's centre.

export const BLOCK = 20;
export const COLUMNS = 32;
export const ROWS = 2;
const SYNC_HEAD = [1, 0, 1, 1];
const SYNC_TAIL = [0, 1, 0, 0];
const TS_BITS = 48;

function check(ms: number): number {
  let sum = 0x5a;
  let v = ms;
  for (let i = 0; i < 6; i++) {
    sum = (sum + (v % 256)) % 256;
    v = Math.floor(v / 256);
  }
  return sum;
}

/** The 64 bits for a timestamp, row-major. */
export function encodeBits(ms: number): number[] {
  const bits = [...SYNC_HEAD];
  for (let i = TS_BITS - 1; i >= 0; i--) bits.push(Math.floor(ms / 2 ** i) % 2);
  const c = check(ms);
  for (let i = 7; i >= 0; i--) bits.push((c >> i) & 1);
  bits.push(...SYNC_TAIL);
  return bits;
}

/** Reads the timestamp back; null when sync or check fail (frame torn, pattern not visible). */
export function decodeBits(bits: readonly number[]): number | null {
  if (bits.length !== COLUMNS * ROWS) return null;
  for (let i = 0; i < 4; i++) if (bits[i] !== SYNC_HEAD[i] || bits[60 + i] !== SYNC_TAIL[i]) return null;
  let ms = 0;
  for (let i = 0; i < TS_BITS; i++) ms = ms * 2 + bits[4 + i]!;
  let c = 0;
  for (let i = 0; i < 8; i++) c = c * 2 + bits[52 + i]!;
  return c === check(ms) ? ms : null;
}

/** Samples block centres from luma (or any single-channel) values; `at(x, y)` returns 0–255. */
export function readBits(at: (x: number, y: number) => number): number[] {
  const bits: number[] = [];
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < COLUMNS; c++) {
      const cx = c * BLOCK + BLOCK / 2;
      const cy = r * BLOCK + BLOCK / 2;
      let sum = 0;
      for (const [dx, dy] of [[-3, -3], [3, -3], [-3, 3], [3, 3], [0, 0]] as const) sum += at(cx + dx, cy + dy);
      bits.push(sum / 5 >= 128 ? 1 : 0);
    }
  }
  return bits;
}
