/**
 * binary32 arithmetic (RISC-V F). Operands and results are raw int32 bits (the caller unboxes
 * NaN-boxed registers first, see misc.ts `unboxS`); rm is 0..4; exceptions are ORed into fflags.
 *
 * Every operation computes d = RN53(exact) on the host together with the sign of the residual
 * exact - d (an error-free transformation, or 0 when d is exact: products of two singles are always
 * exact in binary64). binary32 values sit deep inside binary64's range, so none of these host steps
 * overflows or underflows. `roundF32` then rounds exact = d + residual to binary32 in any mode by
 * integer arithmetic on d's significand, the residual sign acting as a sticky bit (which also cures
 * double rounding).
 */
import {
  bitsToF32, CNAN_S, f32ToBits, fflags, hw, NV, DZ, NX, OF, UF, RDN, RMM, RNE, RTZ, RUP, splitF64,
} from './env.js';
import { twoProdErr, twoSumErr } from './eft.js';

const POW2 = new Float64Array(64);
for (let i = 0; i < 64; i++) POW2[i] = 2 ** i;
const TWO32 = 4294967296;
const TWO52 = 2 ** 52;
const MIN_NORMAL = 2 ** -126;
const MAX_FINITE = (2 - 2 ** -23) * 2 ** 127;

let rInexact = false;

/**
 * Rounds the integer magnitude M (< 2^53) plus a residual (errDir: +1 beyond M, away from zero;
 * -1 below M; 0 none; always smaller than one unit of M) to a multiple of 2^shift in mode rm.
 * Returns the multiple count; sets rInexact.
 */
function rnd(M: number, shift: number, errDir: number, neg: boolean, rm: number): number {
  const p = POW2[shift];
  let t = Math.floor(M / p);
  const rest = M - t * p;
  const half = p / 2;
  let st: number; // 0 exact, 1 below half, 2 exactly half, 3 above half
  if (rest === 0) {
    if (errDir === 0) st = 0;
    else if (errDir > 0) st = 1;
    else {
      t -= 1;
      st = 3;
    }
  } else if (rest < half) st = 1;
  else if (rest === half) st = errDir === 0 ? 2 : errDir > 0 ? 3 : 1;
  else st = 3;
  rInexact = st !== 0;
  if (st === 0) return t;
  switch (rm) {
    case RNE:
      return st === 3 || (st === 2 && t % 2 === 1) ? t + 1 : t;
    case RTZ:
      return t;
    case RDN:
      return neg ? t + 1 : t;
    case RUP:
      return neg ? t : t + 1;
    default:
      return st >= 2 ? t + 1 : t;
  }
}

function overflow32(neg: boolean, rm: number): number {
  fflags[0] |= OF | NX;
  const toInf = rm === RNE || rm === RMM || (rm === RUP && !neg) || (rm === RDN && neg);
  return (neg ? 0x80000000 : 0) | (toInf ? 0x7f800000 : 0x7f7fffff);
}

/**
 * Rounds exact = d + residual to binary32 bits. d = RN53(exact) is a normal, non-zero binary64;
 * err has the sign of the residual (0: d is exact), whose magnitude is at most half an ulp of d.
 * Tininess is detected after rounding, as RISC-V requires.
 */
export function roundF32(d: number, err: number, rm: number): number {
  if (rm === RNE && err === 0) {
    // d is exact: the host's binary32 rounding (RNE) is the answer when d is not tiny and the
    // result is finite (tininess then cannot arise, overflow is excluded).
    const f = Math.fround(d);
    if (Math.abs(d) >= MIN_NORMAL && Math.abs(f) <= MAX_FINITE) {
      if (f !== d) fflags[0] |= NX;
      return f32ToBits(f);
    }
  }
  return roundF32Soft(d, err, rm);
}

/**
 * roundF32 for results of +, -, *, /, sqrt: there RN24(RN53(x)) = RN24(x) (Figueroa 1995: double
 * rounding is innocuous when 53 >= 2*24 + 2), so in RNE the host rounding is right even when d is
 * inexact; err then only decides NX.
 */
function roundF32Basic(d: number, err: number, rm: number): number {
  if (rm === RNE) {
    const f = Math.fround(d);
    if (Math.abs(d) >= MIN_NORMAL && Math.abs(f) <= MAX_FINITE) {
      if (f !== d || err !== 0) fflags[0] |= NX;
      return f32ToBits(f);
    }
  }
  return roundF32Soft(d, err, rm);
}

function roundF32Soft(d: number, err: number, rm: number): number {
  splitF64(d);
  const lo = hw[0];
  const hi = hw[1];
  const neg = hi < 0;
  const ue = ((hi >>> 20) & 0x7ff) - 1023;
  if (ue > 128) return overflow32(neg, rm);
  const errDir = err === 0 ? 0 : err > 0 !== neg ? 1 : -1;
  const M = ((hi & 0xfffff) | 0x100000) * TWO32 + (lo >>> 0);
  let mag: number;
  let tiny = false;
  if (ue >= -126) {
    const t = rnd(M, 29, errDir, neg, rm);
    mag = ((ue + 126) << 23) + t;
    // d = 2^-126 exactly with the exact value just below: tiny unless it rounds up to 2^-126.
    if (ue === -126 && errDir < 0 && M === TWO52) tiny = t < 0x800000;
  } else {
    mag = rnd(M, Math.min(29 - 126 - ue, 60), errDir, neg, rm);
    tiny = true;
    if (ue === -127) {
      // Would rounding with an unbounded exponent (24 bits) reach 2^-126?
      const inx = rInexact;
      tiny = rnd(M, 29, errDir, neg, rm) < 0x1000000;
      rInexact = inx;
    }
  }
  if (mag >= 0x7f800000) return overflow32(neg, rm);
  if (rInexact) fflags[0] |= tiny ? NX | UF : NX;
  return (neg ? 0x80000000 : 0) | mag;
}

export function isNaN32(a: number): boolean {
  return (a & 0x7fffffff) > 0x7f800000;
}
export function isSNaN32(a: number): boolean {
  return (a & 0x7fffffff) > 0x7f800000 && (a & 0x00400000) === 0;
}

function exactZero32(rm: number): number {
  return rm === RDN ? 0x80000000 | 0 : 0;
}

/** NaN/inf handling shared by add: returns the result bits. */
function addSpecial32(a: number, b: number): number {
  if (isNaN32(a) || isNaN32(b)) {
    if (isSNaN32(a) || isSNaN32(b)) fflags[0] |= NV;
    return CNAN_S;
  }
  const ainf = (a & 0x7fffffff) === 0x7f800000;
  const binf = (b & 0x7fffffff) === 0x7f800000;
  if (ainf && binf && (a ^ b) < 0) {
    fflags[0] |= NV;
    return CNAN_S;
  }
  return ainf ? a : b;
}

export function fadd32(a: number, b: number, rm: number): number {
  if ((a & 0x7f800000) === 0x7f800000 || (b & 0x7f800000) === 0x7f800000) return addSpecial32(a, b);
  const x = bitsToF32(a);
  const y = bitsToF32(b);
  const s = x + y;
  if (s === 0) {
    // Exact zero sum (binary32 operands never round to zero in binary64).
    if (a === b && (a & 0x7fffffff) === 0) return a; // (+0)+(+0), (-0)+(-0)
    return exactZero32(rm);
  }
  return roundF32Basic(s, twoSumErr(x, y, s), rm);
}

export function fsub32(a: number, b: number, rm: number): number {
  return fadd32(a, (b ^ 0x80000000) | 0, rm);
}

export function fmul32(a: number, b: number, rm: number): number {
  const sign = (a ^ b) & 0x80000000;
  if ((a & 0x7f800000) === 0x7f800000 || (b & 0x7f800000) === 0x7f800000) {
    if (isNaN32(a) || isNaN32(b)) {
      if (isSNaN32(a) || isSNaN32(b)) fflags[0] |= NV;
      return CNAN_S;
    }
    if ((a & 0x7fffffff) === 0 || (b & 0x7fffffff) === 0) {
      fflags[0] |= NV;
      return CNAN_S;
    }
    return sign | 0x7f800000;
  }
  const p = bitsToF32(a) * bitsToF32(b); // exact: 24 x 24 bits
  if (p === 0) return sign;
  return roundF32(p, 0, rm);
}

export function fdiv32(a: number, b: number, rm: number): number {
  const sign = (a ^ b) & 0x80000000;
  const aspec = (a & 0x7f800000) === 0x7f800000;
  const bspec = (b & 0x7f800000) === 0x7f800000;
  const azero = (a & 0x7fffffff) === 0;
  const bzero = (b & 0x7fffffff) === 0;
  if (aspec || bspec || azero || bzero) {
    if (isNaN32(a) || isNaN32(b)) {
      if (isSNaN32(a) || isSNaN32(b)) fflags[0] |= NV;
      return CNAN_S;
    }
    if ((aspec && bspec) || (azero && bzero)) {
      fflags[0] |= NV;
      return CNAN_S;
    }
    if (aspec) return sign | 0x7f800000;
    if (bzero) {
      fflags[0] |= DZ;
      return sign | 0x7f800000;
    }
    return sign; // 0/x, x/inf
  }
  const x = bitsToF32(a);
  const y = bitsToF32(b);
  const q = x / y;
  const ph = q * y;
  const rs = x - ph - twoProdErr(q, y, ph); // x - ph exact (Sterbenz)
  return roundF32Basic(q, y < 0 ? -rs : rs, rm);
}

export function fsqrt32(a: number, rm: number): number {
  if ((a & 0x7fffffff) === 0) return a;
  if (isNaN32(a)) {
    if (isSNaN32(a)) fflags[0] |= NV;
    return CNAN_S;
  }
  if (a < 0) {
    fflags[0] |= NV;
    return CNAN_S;
  }
  if (a === 0x7f800000) return a;
  const x = bitsToF32(a);
  const q = Math.sqrt(x);
  const ph = q * q;
  return roundF32Basic(q, x - ph - twoProdErr(q, q, ph), rm);
}

/** a * b + c, one rounding. The product of two singles is exact in binary64; TwoSum gives the rest. */
export function fma32(a: number, b: number, c: number, rm: number): number {
  const psign = (a ^ b) & 0x80000000;
  const aspec = (a & 0x7f800000) === 0x7f800000;
  const bspec = (b & 0x7f800000) === 0x7f800000;
  const cspec = (c & 0x7f800000) === 0x7f800000;
  const azero = (a & 0x7fffffff) === 0;
  const bzero = (b & 0x7fffffff) === 0;
  if (aspec || bspec || cspec) {
    if (isNaN32(a) || isNaN32(b) || isNaN32(c)) {
      const ainf = (a & 0x7fffffff) === 0x7f800000;
      const binf = (b & 0x7fffffff) === 0x7f800000;
      if (isSNaN32(a) || isSNaN32(b) || isSNaN32(c) || (ainf && bzero) || (binf && azero)) fflags[0] |= NV;
      return CNAN_S;
    }
    if (aspec || bspec) {
      if (azero || bzero || (cspec && (psign ^ (c & 0x80000000)) !== 0)) {
        fflags[0] |= NV;
        return CNAN_S;
      }
      return psign | 0x7f800000;
    }
    return c;
  }
  const p = bitsToF32(a) * bitsToF32(b);
  if ((c & 0x7fffffff) === 0) {
    if (p !== 0) return roundF32(p, 0, rm);
    return psign === (c & 0x80000000) ? c : exactZero32(rm);
  }
  if (p === 0) return c;
  const z = bitsToF32(c);
  const s = p + z;
  if (s === 0) return exactZero32(rm);
  return roundF32(s, twoSumErr(p, z, s), rm);
}

export function fmsub32(a: number, b: number, c: number, rm: number): number {
  return fma32(a, b, (c ^ 0x80000000) | 0, rm);
}
export function fnmsub32(a: number, b: number, c: number, rm: number): number {
  return fma32((a ^ 0x80000000) | 0, b, c, rm);
}
export function fnmadd32(a: number, b: number, c: number, rm: number): number {
  return fma32((a ^ 0x80000000) | 0, b, (c ^ 0x80000000) | 0, rm);
}
