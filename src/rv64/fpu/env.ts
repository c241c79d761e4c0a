/**
 * Shared state of the FP library: the accrued exception flags, the double-result pair, and the
 * typed-array views used to move between raw bits and host numbers. Nothing here allocates per call.
 *
 * Flags: every operation ORs its exceptions into `fflags[0]` (RISC-V fflags layout). The caller
 * clears it before an instruction and merges it into fcsr afterwards (or simply lets it accrue).
 * Double results: (lo, hi) halves in `dout[0]`, `dout[1]`. Single results are returned as int32 bits.
 */
export const NV = 0x10;
export const DZ = 0x08;
export const OF = 0x04;
export const UF = 0x02;
export const NX = 0x01;

/** Rounding modes as encoded in the rm field / frm. Functions accept only 0..4. */
export const RNE = 0;
export const RTZ = 1;
export const RDN = 2;
export const RUP = 3;
export const RMM = 4;

/** Accrued exception flags (fflags layout). */
export const fflags = new Int32Array(1);

/** Result pair of every double-producing operation: [lo, hi]. */
export const dout = new Int32Array(2);

/** Canonical NaNs. */
export const CNAN_S = 0x7fc00000;
export const CNAN_D_HI = 0x7ff80000;

// Views for bit <-> number moves. Node runs little-endian hosts only (x64, arm64): word 0 is lo.
const f64buf = new Float64Array(1);
const f64i = new Int32Array(f64buf.buffer);
const f32buf = new Float32Array(1);
const f32i = new Int32Array(f32buf.buffer);

export function bitsToF64(lo: number, hi: number): number {
  f64i[0] = lo;
  f64i[1] = hi;
  return f64buf[0];
}

/** Writes the bits of x to dout. */
export function f64ToOut(x: number): void {
  f64buf[0] = x;
  dout[0] = f64i[0];
  dout[1] = f64i[1];
}

/** Low/high word of a host double's bits (for inspection without touching dout). */
export function f64Hi(x: number): number {
  f64buf[0] = x;
  return f64i[1];
}
export function f64Lo(x: number): number {
  f64buf[0] = x;
  return f64i[0];
}

export function bitsToF32(b: number): number {
  f32i[0] = b;
  return f32buf[0];
}

/** Bits of Math.fround(x) (x must already be a float32 value or is rounded RNE by the store). */
export function f32ToBits(x: number): number {
  f32buf[0] = x;
  return f32i[0];
}

/** Canonical NaN into dout. */
export function outCanonicalNaN64(): void {
  dout[0] = 0;
  dout[1] = CNAN_D_HI;
}

/** The double next to x (finite, non-zero, not at a binade edge that changes sign) in magnitude: d = +1 away from zero, -1 toward. */
export function nextMag(x: number, d: number): number {
  f64buf[0] = x;
  let lo = (f64i[0] >>> 0) + d;
  let hi = f64i[1];
  if (lo === 4294967296) {
    lo = 0;
    hi = (hi + 1) | 0;
  } else if (lo < 0) {
    lo = 4294967295;
    hi = (hi - 1) | 0;
  }
  f64i[0] = lo | 0;
  f64i[1] = hi;
  return f64buf[0];
}

/** Words of a host double: after splitF64(x), hw[0] = lo, hw[1] = hi. */
export const hw = new Int32Array(2);
export function splitF64(x: number): void {
  f64buf[0] = x;
  hw[0] = f64i[0];
  hw[1] = f64i[1];
}
