/**
 * Non-arithmetic F/D operations: NaN-box reading, sign injection, min/max, comparisons, fclass.
 * All work on raw bits; none rounds. Double results go to dout.
 */
import { bitsToF32, bitsToF64, CNAN_D_HI, CNAN_S, dout, fflags, NV } from './env.js';
import { isNaN64, isSNaN64 } from './f64.js';
import { isNaN32, isSNaN32 } from './f32.js';

/**
 * The binary32 value held in a 64-bit FP register (lo, hi): properly NaN-boxed (upper 32 bits all
 * ones) or else the canonical NaN (unprivileged spec, "NaN Boxing of Narrower Values").
 */
export function unboxS(lo: number, hi: number): number {
  return hi === -1 ? lo | 0 : CNAN_S;
}

// Sign injection: raw bit operations, no exceptions, NaNs pass through unchanged.
export function fsgnj32(a: number, b: number): number {
  return (a & 0x7fffffff) | (b & 0x80000000);
}
export function fsgnjn32(a: number, b: number): number {
  return (a & 0x7fffffff) | (~b & 0x80000000);
}
export function fsgnjx32(a: number, b: number): number {
  return a ^ (b & 0x80000000);
}
export function fsgnj64(alo: number, ahi: number, bhi: number): void {
  dout[0] = alo;
  dout[1] = (ahi & 0x7fffffff) | (bhi & 0x80000000);
}
export function fsgnjn64(alo: number, ahi: number, bhi: number): void {
  dout[0] = alo;
  dout[1] = (ahi & 0x7fffffff) | (~bhi & 0x80000000);
}
export function fsgnjx64(alo: number, ahi: number, bhi: number): void {
  dout[0] = alo;
  dout[1] = ahi ^ (bhi & 0x80000000);
}

/**
 * fmin/fmax (F/D version 2.2 rules, IEEE 754-2019 minimumNumber/maximumNumber): one NaN -> the other
 * operand, both NaN -> canonical NaN, sNaN raises NV, -0 < +0.
 */
export function fminmax32(a: number, b: number, max: boolean): number {
  const an = isNaN32(a);
  const bn = isNaN32(b);
  if (an || bn) {
    if (isSNaN32(a) || isSNaN32(b)) fflags[0] |= NV;
    if (an && bn) return CNAN_S;
    return an ? b : a;
  }
  const x = bitsToF32(a);
  const y = bitsToF32(b);
  if (x < y) return max ? b : a;
  if (y < x) return max ? a : b;
  // Equal values: identical bits, or +0 and -0.
  return max ? a & b : a | b;
}

export function fminmax64(alo: number, ahi: number, blo: number, bhi: number, max: boolean): void {
  const an = isNaN64(alo, ahi);
  const bn = isNaN64(blo, bhi);
  if (an || bn) {
    if (isSNaN64(alo, ahi) || isSNaN64(blo, bhi)) fflags[0] |= NV;
    if (an && bn) {
      dout[0] = 0;
      dout[1] = CNAN_D_HI;
    } else if (an) {
      dout[0] = blo;
      dout[1] = bhi;
    } else {
      dout[0] = alo;
      dout[1] = ahi;
    }
    return;
  }
  const x = bitsToF64(alo, ahi);
  const y = bitsToF64(blo, bhi);
  if (x !== y) {
    const pickA = max ? x > y : x < y;
    dout[0] = pickA ? alo : blo;
    dout[1] = pickA ? ahi : bhi;
    return;
  }
  dout[0] = alo;
  dout[1] = max ? ahi & bhi : ahi | bhi;
}

/** feq (quiet: NV only for sNaN), flt and fle (signaling: NV for any NaN). Return 0 or 1. */
export function feq32(a: number, b: number): number {
  if (isNaN32(a) || isNaN32(b)) {
    if (isSNaN32(a) || isSNaN32(b)) fflags[0] |= NV;
    return 0;
  }
  return bitsToF32(a) === bitsToF32(b) ? 1 : 0;
}
export function flt32(a: number, b: number): number {
  if (isNaN32(a) || isNaN32(b)) {
    fflags[0] |= NV;
    return 0;
  }
  return bitsToF32(a) < bitsToF32(b) ? 1 : 0;
}
export function fle32(a: number, b: number): number {
  if (isNaN32(a) || isNaN32(b)) {
    fflags[0] |= NV;
    return 0;
  }
  return bitsToF32(a) <= bitsToF32(b) ? 1 : 0;
}
export function feq64(alo: number, ahi: number, blo: number, bhi: number): number {
  if (isNaN64(alo, ahi) || isNaN64(blo, bhi)) {
    if (isSNaN64(alo, ahi) || isSNaN64(blo, bhi)) fflags[0] |= NV;
    return 0;
  }
  return bitsToF64(alo, ahi) === bitsToF64(blo, bhi) ? 1 : 0;
}
export function flt64(alo: number, ahi: number, blo: number, bhi: number): number {
  if (isNaN64(alo, ahi) || isNaN64(blo, bhi)) {
    fflags[0] |= NV;
    return 0;
  }
  return bitsToF64(alo, ahi) < bitsToF64(blo, bhi) ? 1 : 0;
}
export function fle64(alo: number, ahi: number, blo: number, bhi: number): number {
  if (isNaN64(alo, ahi) || isNaN64(blo, bhi)) {
    fflags[0] |= NV;
    return 0;
  }
  return bitsToF64(alo, ahi) <= bitsToF64(blo, bhi) ? 1 : 0;
}

/**
 * fclass: one bit set of 0 -inf, 1 -normal, 2 -subnormal, 3 -0, 4 +0, 5 +subnormal, 6 +normal,
 * 7 +inf, 8 sNaN, 9 qNaN.
 */
export function fclass32(a: number): number {
  const neg = a < 0;
  const e = (a >>> 23) & 0xff;
  const m = a & 0x7fffff;
  if (e === 0xff) {
    if (m === 0) return neg ? 1 : 1 << 7;
    return m & 0x400000 ? 1 << 9 : 1 << 8;
  }
  if (e === 0) {
    if (m === 0) return neg ? 1 << 3 : 1 << 4;
    return neg ? 1 << 2 : 1 << 5;
  }
  return neg ? 1 << 1 : 1 << 6;
}

export function fclass64(lo: number, hi: number): number {
  const neg = hi < 0;
  const e = (hi >>> 20) & 0x7ff;
  const mzero = (hi & 0xfffff) === 0 && lo === 0;
  if (e === 0x7ff) {
    if (mzero) return neg ? 1 : 1 << 7;
    return hi & 0x80000 ? 1 << 9 : 1 << 8;
  }
  if (e === 0) {
    if (mzero) return neg ? 1 << 3 : 1 << 4;
    return neg ? 1 << 2 : 1 << 5;
  }
  return neg ? 1 << 1 : 1 << 6;
}
