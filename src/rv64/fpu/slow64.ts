/**
 * Exact binary64 arithmetic with BigInt, for the cases the host-double fast paths cannot prove:
 * subnormal operands or results, results near overflow, huge exponent spreads. Operands are finite
 * and non-zero (callers handle NaN, infinity and zero first). Each function computes the exact
 * result as an integer significand times a power of two (plus a sticky bit for div/sqrt) and
 * rounds it once with `roundPack64`. Never on the hot path: see README.md for when it runs.
 */
import { dout, fflags, NX, OF, UF, RNE, RTZ, RDN, RUP, RMM } from './env.js';

const P = 53;
const EMIN = -1022;
const EMAX = 1023;

// Unpacked operand registers (module-level, to avoid returning tuples).
let us = 0;
let um = 0n;
let ue = 0;

/** Unpacks finite non-zero double bits into (us, um, ue): value = (-1)^us * um * 2^ue. */
function unpack(lo: number, hi: number): void {
  us = hi >>> 31;
  const ex = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo >>> 0);
  if (ex === 0) {
    um = frac;
    ue = -1074;
  } else {
    um = frac | (1n << 52n);
    ue = ex - 1075;
  }
}

function bitLength(m: bigint): number {
  return m === 0n ? 0 : m.toString(2).length;
}

let inexact = false;

/**
 * Rounds (m + sticky*epsilon) * 2^e to an integer multiple of 2^q (q > e or sticky with q <= e)
 * in mode rm for a value of sign s; returns the multiple count and sets `inexact`.
 */
function roundAt(s: number, m: bigint, e: number, sticky: boolean, q: number, rm: number): bigint {
  const shift = q - e;
  if (shift <= 0) {
    inexact = sticky;
    const kept = m << BigInt(-shift);
    if (!sticky) return kept;
    // Remainder is strictly between 0 and half a unit.
    if ((rm === RDN && s === 1) || (rm === RUP && s === 0)) return kept + 1n;
    return kept;
  }
  const sh = BigInt(shift);
  const kept = m >> sh;
  const rem = m & ((1n << sh) - 1n);
  const half = 1n << (sh - 1n);
  inexact = rem !== 0n || sticky;
  if (!inexact) return kept;
  let up = false;
  switch (rm) {
    case RNE:
      up = rem > half || (rem === half && (sticky || (kept & 1n) === 1n));
      break;
    case RTZ:
      break;
    case RDN:
      up = s === 1;
      break;
    case RUP:
      up = s === 0;
      break;
    case RMM:
      up = rem >= half;
      break;
  }
  return up ? kept + 1n : kept;
}

/**
 * Rounds the exact value (-1)^s * (m + sticky*eps) * 2^e (m > 0) to binary64 in mode rm: bits to
 * dout, exceptions to fflags. Tininess is detected after rounding (RISC-V).
 */
export function roundPack64(s: number, m: bigint, e: number, sticky: boolean, rm: number): void {
  const nb = bitLength(m);
  const E = e + nb - 1;
  let q = Math.max(E - P + 1, EMIN - P + 1);
  let kept = roundAt(s, m, e, sticky, q, rm);
  const inx = inexact;
  if (kept >> BigInt(P) !== 0n) {
    kept >>= 1n;
    q += 1;
  }
  let tiny = false;
  if (E < EMIN) {
    tiny = true;
    if (E === EMIN - 1) {
      // Rounded with unbounded exponent range, does it reach 2^EMIN?
      const ku = roundAt(s, m, e, sticky, E - P + 1, rm);
      if (ku >> BigInt(P) !== 0n) tiny = false;
    }
  }
  let flags = inx ? NX : 0;
  if (tiny && inx) flags |= UF;
  const kb = bitLength(kept);
  const Ef = q + kb - 1;
  let hi: number;
  let lo: number;
  if (kb !== 0 && Ef > EMAX) {
    flags |= OF | NX;
    const toInf = rm === RNE || rm === RMM || (rm === RUP && s === 0) || (rm === RDN && s === 1);
    if (toInf) {
      hi = 0x7ff00000;
      lo = 0;
    } else {
      hi = 0x7fefffff;
      lo = -1;
    }
  } else if (kb < P) {
    // Subnormal or zero: biased exponent 0, fraction = kept (q is EMIN-P+1 here).
    hi = Number(kept >> 32n);
    lo = Number(kept & 0xffffffffn) | 0;
  } else {
    const frac = kept - (1n << 52n);
    hi = ((Ef + 1023) << 20) | Number(frac >> 32n);
    lo = Number(frac & 0xffffffffn) | 0;
  }
  dout[0] = lo;
  dout[1] = (hi | (s << 31)) | 0;
  fflags[0] |= flags;
}

/** Exact zero result of a sum: +0, or -0 in RDN (IEEE 754 6.3). */
function exactZero(rm: number): void {
  dout[0] = 0;
  dout[1] = rm === RDN ? 0x80000000 | 0 : 0;
}

function roundSigned(m: bigint, e: number, sticky: boolean, rm: number): void {
  if (m === 0n) {
    exactZero(rm);
    return;
  }
  if (m < 0n) roundPack64(1, -m, e, sticky, rm);
  else roundPack64(0, m, e, sticky, rm);
}

/** a + b, both finite non-zero. */
export function slowAdd64(alo: number, ahi: number, blo: number, bhi: number, rm: number): void {
  unpack(alo, ahi);
  const as = us, am = um, ae = ue;
  unpack(blo, bhi);
  const e = Math.min(ae, ue);
  const ma = (as ? -am : am) << BigInt(ae - e);
  const mb = (us ? -um : um) << BigInt(ue - e);
  roundSigned(ma + mb, e, false, rm);
}

/** a * b, both finite non-zero. */
export function slowMul64(alo: number, ahi: number, blo: number, bhi: number, rm: number): void {
  unpack(alo, ahi);
  const as = us, am = um, ae = ue;
  unpack(blo, bhi);
  roundPack64(as ^ us, am * um, ae + ue, false, rm);
}

/** a * b + c, all finite non-zero. */
export function slowFma64(
  alo: number, ahi: number, blo: number, bhi: number, clo: number, chi: number, rm: number,
): void {
  unpack(alo, ahi);
  const as = us, am = um, ae = ue;
  unpack(blo, bhi);
  let mp = am * um;
  if (as ^ us) mp = -mp;
  const ep = ae + ue;
  unpack(clo, chi);
  const mc = us ? -um : um;
  const e = Math.min(ep, ue);
  roundSigned((mp << BigInt(ep - e)) + (mc << BigInt(ue - e)), e, false, rm);
}

/** a / b, both finite non-zero. */
export function slowDiv64(alo: number, ahi: number, blo: number, bhi: number, rm: number): void {
  unpack(alo, ahi);
  const as = us, am = um, ae = ue;
  unpack(blo, bhi);
  // Scale the dividend so the quotient has at least P+2 bits; the remainder becomes the sticky bit.
  const k = Math.max(0, P + 2 + bitLength(um) - bitLength(am));
  const n = am << BigInt(k);
  const qt = n / um;
  roundPack64(as ^ us, qt, ae - ue - k, qt * um !== n, rm);
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** sqrt(a), a finite positive. */
export function slowSqrt64(alo: number, ahi: number, rm: number): void {
  unpack(alo, ahi);
  // m * 2^e with e even and m of at least 2*(P+2) bits.
  let k = Math.max(0, 2 * (P + 2) - bitLength(um));
  if ((ue - k) & 1) k += 1;
  const n = um << BigInt(k);
  const r = isqrt(n);
  roundPack64(0, r, (ue - k) / 2, r * r !== n, rm);
}
