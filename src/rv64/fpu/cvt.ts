/**
 * Conversions: float <-> integer (W, WU, L, LU), binary32 <-> binary64. Integer results (64-bit,
 * W/WU sign-extended from 32 bits as RV64 requires) and binary64 results go to dout; binary32
 * results are returned as bits. 64-bit integer inputs are (lo, hi) halves; 32-bit inputs are int32.
 *
 * Float -> integer: the operand is exactly a host double x; t = trunc(x) and f = x - t are exact, so
 * the rounding decision is exact in every mode. Out-of-range and NaN inputs saturate per the
 * unprivileged spec's table (section "Single-Precision Floating-Point Conversion and Move
 * Instructions"): NaN and too-large -> max, too-small -> min, raising NV only.
 * Integer -> float: 32-bit values are exact doubles; 64-bit values are hi*2^32 + lo = s + e with
 * TwoSum, then rounded like an arithmetic result.
 */
import {
  bitsToF32, bitsToF64, CNAN_D_HI, CNAN_S, dout, f64ToOut, fflags, NV, NX, RDN, RMM, RNE, RUP, RTZ,
} from './env.js';
import { twoSumErr } from './eft.js';
import { adjustRounding, isNaN64, isSNaN64 } from './f64.js';
import { isNaN32, isSNaN32, roundF32 } from './f32.js';

export const KIND_W = 0;
export const KIND_WU = 1;
export const KIND_L = 2;
export const KIND_LU = 3;

const TWO32 = 4294967296;
const TWO63 = 2 ** 63;
const TWO64 = 2 ** 64;

function saturate(kind: number, high: boolean): void {
  fflags[0] |= NV;
  switch (kind) {
    case KIND_W:
      dout[0] = high ? 0x7fffffff : 0x80000000 | 0;
      dout[1] = high ? 0 : -1;
      return;
    case KIND_WU:
      dout[0] = high ? -1 : 0;
      dout[1] = high ? -1 : 0;
      return;
    case KIND_L:
      dout[0] = high ? -1 : 0;
      dout[1] = high ? 0x7fffffff : 0x80000000 | 0;
      return;
    default:
      dout[0] = high ? -1 : 0;
      dout[1] = high ? -1 : 0;
  }
}

/** x (a non-NaN double, possibly infinite) rounded in mode rm to the integer kind, to dout. */
function toInt(x: number, rm: number, kind: number): void {
  let t = x;
  let inexact = false;
  if (x - x === 0) {
    // finite
    t = Math.trunc(x);
    const f = x - t;
    if (f !== 0) {
      inexact = true;
      switch (rm) {
        case RNE:
          if (f > 0.5 || (f === 0.5 && t % 2 !== 0)) t += 1;
          else if (f < -0.5 || (f === -0.5 && t % 2 !== 0)) t -= 1;
          break;
        case RTZ:
          break;
        case RDN:
          if (f < 0) t -= 1;
          break;
        case RUP:
          if (f > 0) t += 1;
          break;
        case RMM:
          if (f >= 0.5) t += 1;
          else if (f <= -0.5) t -= 1;
          break;
      }
    }
  }
  switch (kind) {
    case KIND_W:
      if (t > 2147483647) return saturate(kind, true);
      if (t < -2147483648) return saturate(kind, false);
      break;
    case KIND_WU:
      if (t > 4294967295) return saturate(kind, true);
      if (t < 0) return saturate(kind, false);
      break;
    case KIND_L:
      if (t >= TWO63) return saturate(kind, true);
      if (t < -TWO63) return saturate(kind, false);
      break;
    default:
      if (t >= TWO64) return saturate(kind, true);
      if (t < 0) return saturate(kind, false);
  }
  if (inexact) fflags[0] |= NX;
  if (kind <= KIND_WU) {
    const v = t | 0;
    dout[0] = v;
    dout[1] = v >> 31;
  } else {
    const h = Math.floor(t / TWO32);
    dout[0] = (t - h * TWO32) | 0;
    dout[1] = h | 0;
  }
}

/** fcvt.{w,wu,l,lu}.s: a is binary32 bits, kind KIND_*. */
export function fcvtIntFromS(a: number, rm: number, kind: number): void {
  if (isNaN32(a)) return saturate(kind, true);
  toInt(bitsToF32(a), rm, kind);
}

/** fcvt.{w,wu,l,lu}.d. */
export function fcvtIntFromD(lo: number, hi: number, rm: number, kind: number): void {
  if (isNaN64(lo, hi)) return saturate(kind, true);
  toInt(bitsToF64(lo, hi), rm, kind);
}

/** fcvt.d.w / fcvt.d.wu: exact. v is the low 32 bits of the source register. */
export function fcvtDFromW(v: number, unsigned: boolean): void {
  f64ToOut(unsigned ? v >>> 0 : v | 0);
}

/** fcvt.d.l / fcvt.d.lu. */
export function fcvtDFromL(lo: number, hi: number, rm: number, unsigned: boolean): void {
  const h = (unsigned ? hi >>> 0 : hi | 0) * TWO32;
  const l = lo >>> 0;
  const s = h + l;
  const e = twoSumErr(h, l, s);
  if (e === 0) {
    f64ToOut(s);
    return;
  }
  fflags[0] |= NX;
  f64ToOut(rm === RNE ? s : adjustRounding(rm, s, e, true));
}

/** fcvt.s.w / fcvt.s.wu. */
export function fcvtSFromW(v: number, rm: number, unsigned: boolean): number {
  const x = unsigned ? v >>> 0 : v | 0;
  return x === 0 ? 0 : roundF32(x, 0, rm);
}

/** fcvt.s.l / fcvt.s.lu. */
export function fcvtSFromL(lo: number, hi: number, rm: number, unsigned: boolean): number {
  const h = (unsigned ? hi >>> 0 : hi | 0) * TWO32;
  const l = lo >>> 0;
  const s = h + l;
  if (s === 0) return 0;
  return roundF32(s, twoSumErr(h, l, s), rm);
}

/** fcvt.s.d: rounds; NaN -> canonical (NV on sNaN). */
export function fcvtSFromD(lo: number, hi: number, rm: number): number {
  const e = (hi >>> 20) & 0x7ff;
  if (e === 0x7ff) {
    if (isNaN64(lo, hi)) {
      if (isSNaN64(lo, hi)) fflags[0] |= NV;
      return CNAN_S;
    }
    return (hi & 0x80000000) | 0x7f800000;
  }
  if (e === 0) {
    if ((hi & 0x7fffffff) === 0 && lo === 0) return hi & 0x80000000;
    // A binary64 subnormal is far below half the least binary32 subnormal: round a stand-in of the
    // same sign from that region (same result and flags in every mode).
    return roundF32(hi < 0 ? -(2 ** -1000) : 2 ** -1000, 0, rm);
  }
  return roundF32(bitsToF64(lo, hi), 0, rm);
}

/** fcvt.d.s: exact; NaN -> canonical (NV on sNaN). */
export function fcvtDFromS(a: number): void {
  if (isNaN32(a)) {
    if (isSNaN32(a)) fflags[0] |= NV;
    dout[0] = 0;
    dout[1] = CNAN_D_HI;
    return;
  }
  f64ToOut(bitsToF32(a));
}
