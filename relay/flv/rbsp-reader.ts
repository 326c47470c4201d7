// Runs in the relay. Bit-level reading of H.264/H.265 parameter sets (RBSP), shared by the AVC and HEVC parsers.

/** Removes emulation-prevention bytes (00 00 03 → 00 00) so the RBSP can be read bit by bit. */
export function toRbsp(nal: Buffer): Buffer {
  const out = Buffer.allocUnsafe(nal.length);
  let n = 0;
  let zeros = 0;
  for (const byte of nal) {
    if (zeros >= 2 && byte === 3) {
      zeros = 0;
      continue;
    }
    zeros = byte === 0 ? zeros + 1 : 0;
    out[n++] = byte;
  }
  return out.subarray(0, n);
}

export class BitReader {
  private bit = 0;
  constructor(
    private readonly buf: Buffer,
    /** Builds the error thrown on malformed input, so each codec reports in its own terms. */
    private readonly error: (message: string) => Error = (m) => new Error(m),
  ) {}
  u(bits: number): number {
    let v = 0;
    for (let i = 0; i < bits; i++) {
      const byte = this.buf[this.bit >> 3];
      if (byte === undefined) throw this.error("ended early");
      v = v * 2 + ((byte >> (7 - (this.bit & 7))) & 1);
      this.bit++;
    }
    return v;
  }
  /** Unsigned exp-Golomb. */
  ue(): number {
    let zeros = 0;
    while (this.u(1) === 0) {
      if (++zeros > 31) throw this.error("exp-Golomb code too long");
    }
    return zeros === 0 ? 0 : 2 ** zeros - 1 + this.u(zeros);
  }
  /** Signed exp-Golomb. */
  se(): number {
    const k = this.ue();
    return k % 2 === 1 ? (k + 1) / 2 : -(k / 2);
  }
}
