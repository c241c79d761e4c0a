/**
 * binary64 arithmetic (RISC-V D): add, sub, mul, div, sqrt, fused multiply-add. Operands are (lo, hi)
 * bit halves, rm is 0..4, the result goes to dout and exceptions are ORed into fflags.
 *
 * Fast path: normal operands whose result lies safely inside the normal range. The host computes
 * r = RN(exact); an error-free transformation gives the exact residual (add, mul, fma) or its sign
 * (div, sqrt), which decides NX and, for the other rounding modes, a one-ulp step from r. Everything
 * else (specials aside) goes to the exact BigInt path in slow64.ts. See README.md for the proofs.
 */
import {
  bitsToF64, CNAN_D_HI, dout, DZ, f64Lo, f64ToOut, fflags, nextMag, NV, NX, RDN, RMM, RNE, RTZ, RUP,
} from './env.js';
import { twoProdErr, twoSumErr } from './eft.js';
import { slowAdd64, slowDiv64, slowFma64, slowMul64, slowSqrt64 } from './slow64.js';

const MIN_FAST = 2.0 ** -1021; // results at or above: not tiny, and a one-ulp step down stays normal
const MAX_FAST = 2.0 ** 1023; // results below: a one-ulp step up stays finite

export function isNaN64(lo: number, hi: number): boolean {
  const h = hi & 0x7fffffff;
  return h > 0x7ff00000 || (h === 0x7ff00000 && lo !== 0);
}

export function isSNaN64(lo: number, hi: number): boolean {
  return isNaN64(lo, hi) && (hi & 0x00080000) === 0;
}

function canonicalNaN(): void {
  dout[0] = 0;
  dout[1] = CNAN_D_HI;
}

/**
 * Rounds the exact value x = r + err (r = RN(x), err != 0 its exact residual or just its sign) in
 * mode rm, for |r| in [MIN_FAST, MAX_FAST). `tie` says err may be an exact half-ulp (ties are only
 * possible when err is the exact residual).
 */
export function adjustRounding(rm: number, r: number, err: number, tie: boolean): number {
  const away = err > 0 === r > 0; // the exact value lies farther from zero than r
  switch (rm) {
    case RNE:
      return r;
    case RTZ:
      return away ? r : nextMag(r, -1);
    case RDN:
      return err < 0 ? nextMag(r, r > 0 ? -1 : 1) : r;
    case RUP:
      return err > 0 ? nextMag(r, r > 0 ? 1 : -1) : r;
    default: {
      // RMM differs from RNE only on an exact tie that RNE broke toward zero.
      if (!tie || !away) return r;
      const n = nextMag(r, 1);
      return n - r === 2 * err ? n : r;
    }
  }
}

function exactZero(rm: number): void {
  dout[0] = 0;
  dout[1] = rm === RDN ? 0x80000000 | 0 : 0;
}

/** Result x = r + err with err the exact residual; handles NX and the mode. */
function finish(r: number, err: number, rm: number, tie: boolean): void {
  if (err !== 0) {
    fflags[0] |= NX;
    if (rm !== RNE) r = adjustRounding(rm, r, err, tie);
  }
  f64ToOut(r);
}

// --- add / sub ---------------------------------------------------------------------------------

export function fadd64(alo: number, ahi: number, blo: number, bhi: number, rm: number): void {
  const ea = (ahi >>> 20) & 0x7ff;
  const eb = (bhi >>> 20) & 0x7ff;
  if (ea - 1 < 2046 && ea !== 0 && eb - 1 < 2046 && eb !== 0) {
    const a = bitsToF64(alo, ahi);
    const b = bitsToF64(blo, bhi);
    const s = a + b;
    const m = Math.abs(s);
    if (m >= MIN_FAST && m < MAX_FAST) {
      finish(s, twoSumErr(a, b, s), rm, true);
      return;
    }
    if (s === 0) {
      exactZero(rm); // a == -b exactly: normal operands never round to zero
      return;
    }
    slowAdd64(alo, ahi, blo, bhi, rm);
    return;
  }
  addSpecial(alo, ahi, blo, bhi, rm);
}

function addSpecial(alo: number, ahi: number, blo: number, bhi: number, rm: number): void {
  if (isNaN64(alo, ahi) || isNaN64(blo, bhi)) {
    if (isSNaN64(alo, ahi) || isSNaN64(blo, bhi)) fflags[0] |= NV;
    canonicalNaN();
    return;
  }
  const ainf = (ahi & 0x7fffffff) === 0x7ff00000;
  const binf = (bhi & 0x7fffffff) === 0x7ff00000;
  if (ainf || binf) {
    if (ainf && binf && (ahi ^ bhi) < 0) {
      fflags[0] |= NV;
      canonicalNaN();
    } else if (ainf) {
      dout[0] = 0;
      dout[1] = ahi;
    } else {
      dout[0] = 0;
      dout[1] = bhi;
    }
    return;
  }
  const azero = (ahi & 0x7fffffff) === 0 && alo === 0;
  const bzero = (bhi & 0x7fffffff) === 0 && blo === 0;
  if (azero && bzero) {
    if ((ahi ^ bhi) < 0) exactZero(rm);
    else {
      dout[0] = 0;
      dout[1] = ahi;
    }
    return;
  }
  if (azero) {
    dout[0] = blo;
    dout[1] = bhi;
    return;
  }
  if (bzero) {
    dout[0] = alo;
    dout[1] = ahi;
    return;
  }
  slowAdd64(alo, ahi, blo, bhi, rm);
}

export function fsub64(alo: number, ahi: number, blo: number, bhi: number, rm: number): void {
  fadd64(alo, ahi, blo, (bhi ^ 0x80000000) | 0, rm);
}

// --- mul ---------------------------------------------------------------------------------------

export function fmul64(alo: number, ahi: number, blo: number, bhi: number, rm: number): void {
  const ea = (ahi >>> 20) & 0x7ff;
  const eb = (bhi >>> 20) & 0x7ff;
  // Normal operands below 2^995 (Dekker split), product exponent in [-969, 1020]: the product's
  // error term is above 2^-1074 and |p| < 2^1022.
  const es = ea + eb - 2046;
  if (ea !== 0 && eb !== 0 && ea < 2018 && eb < 2018 && es >= -969 && es <= 1020) {
    const a = bitsToF64(alo, ahi);
    const b = bitsToF64(blo, bhi);
    const p = a * b;
    finish(p, twoProdErr(a, b, p), rm, true);
    return;
  }
  mulSpecial(alo, ahi, blo, bhi, rm);
}

function mulSpecial(alo: number, ahi: number, blo: number, bhi: number, rm: number): void {
  if (isNaN64(alo, ahi) || isNaN64(blo, bhi)) {
    if (isSNaN64(alo, ahi) || isSNaN64(blo, bhi)) fflags[0] |= NV;
    canonicalNaN();
    return;
  }
  const sign = (ahi ^ bhi) & 0x80000000;
  const ainf = (ahi & 0x7fffffff) === 0x7ff00000;
  const binf = (bhi & 0x7fffffff) === 0x7ff00000;
  const azero = (ahi & 0x7fffffff) === 0 && alo === 0;
  const bzero = (bhi & 0x7fffffff) === 0 && blo === 0;
  if (ainf || binf) {
    if (azero || bzero) {
      fflags[0] |= NV;
      canonicalNaN();
      return;
    }
    dout[0] = 0;
    dout[1] = sign | 0x7ff00000;
    return;
  }
  if (azero || bzero) {
    dout[0] = 0;
    dout[1] = sign | 0;
    return;
  }
  slowMul64(alo, ahi, blo, bhi, rm);
}

// --- div ---------------------------------------------------------------------------------------

export function fdiv64(alo: number, ahi: number, blo: number, bhi: number, rm: number): void {
  const ea = (ahi >>> 20) & 0x7ff;
  const eb = (bhi >>> 20) & 0x7ff;
  // Operand exponents in [-960, 990] and quotient exponent in [-990, 990]: q*b's Dekker product
  // is exact and q is far from both ends of the normal range. Division never ties.
  const eq = ea - eb;
  if (ea >= 63 && ea <= 2013 && eb >= 63 && eb <= 2013 && eq >= -989 && eq <= 989) {
    const a = bitsToF64(alo, ahi);
    const b = bitsToF64(blo, bhi);
    const q = a / b;
    const ph = q * b;
    const pl = twoProdErr(q, b, ph);
    const rs = a - ph - pl; // a - ph is exact (Sterbenz); the sign of the rounded difference is exact
    finish(q, b < 0 ? -rs : rs, rm, false);
    return;
  }
  divSpecial(alo, ahi, blo, bhi, rm);
}

function divSpecial(alo: number, ahi: number, blo: number, bhi: number, rm: number): void {
  if (isNaN64(alo, ahi) || isNaN64(blo, bhi)) {
    if (isSNaN64(alo, ahi) || isSNaN64(blo, bhi)) fflags[0] |= NV;
    canonicalNaN();
    return;
  }
  const sign = (ahi ^ bhi) & 0x80000000;
  const ainf = (ahi & 0x7fffffff) === 0x7ff00000;
  const binf = (bhi & 0x7fffffff) === 0x7ff00000;
  const azero = (ahi & 0x7fffffff) === 0 && alo === 0;
  const bzero = (bhi & 0x7fffffff) === 0 && blo === 0;
  if ((ainf && binf) || (azero && bzero)) {
    fflags[0] |= NV;
    canonicalNaN();
    return;
  }
  if (ainf || bzero) {
    if (!ainf) fflags[0] |= DZ; // finite non-zero / 0 only
    dout[0] = 0;
    dout[1] = sign | 0x7ff00000;
    return;
  }
  if (binf || azero) {
    dout[0] = 0;
    dout[1] = sign | 0;
    return;
  }
  slowDiv64(alo, ahi, blo, bhi, rm);
}

// --- sqrt --------------------------------------------------------------------------------------

export function fsqrt64(alo: number, ahi: number, rm: number): void {
  const ea = ahi >>> 20; // includes the sign bit: negative operands fail the range test
  // Positive, exponent in [-860, 990]: q*q's Dekker product is exact. Square roots never tie.
  if (ea >= 163 && ea <= 2013) {
    const a = bitsToF64(alo, ahi);
    const q = Math.sqrt(a);
    const ph = q * q;
    finish(q, a - ph - twoProdErr(q, q, ph), rm, false);
    return;
  }
  if (isNaN64(alo, ahi)) {
    if (isSNaN64(alo, ahi)) fflags[0] |= NV;
    canonicalNaN();
    return;
  }
  if ((ahi & 0x7fffffff) === 0 && alo === 0) {
    dout[0] = 0;
    dout[1] = ahi; // sqrt(+-0) = +-0
    return;
  }
  if (ahi < 0) {
    fflags[0] |= NV;
    canonicalNaN();
    return;
  }
  if (ahi === 0x7ff00000) {
    dout[0] = 0;
    dout[1] = ahi;
    return;
  }
  slowSqrt64(alo, ahi, rm);
}

// --- fused multiply-add ------------------------------------------------------------------------

/**
 * a * b + c with one rounding. The four RISC-V forms negate operands first (fmsub: c, fnmsub: a,
 * fnmadd: a and c), which is how IEEE 754 and SoftFloat define them, zero signs included.
 */
export function fma64(
  alo: number, ahi: number, blo: number, bhi: number, clo: number, chi: number, rm: number,
): void {
  const ea = (ahi >>> 20) & 0x7ff;
  const eb = (bhi >>> 20) & 0x7ff;
  const ec = (chi >>> 20) & 0x7ff;
  const es = ea + eb - 2046;
  if (ea !== 0 && eb !== 0 && ec !== 0 && ea < 2018 && eb < 2018 && es >= -969 && es <= 1020 && ec <= 2043) {
    const a = bitsToF64(alo, ahi);
    const b = bitsToF64(blo, bhi);
    const c = bitsToF64(clo, chi);
    // Boldo & Melquiond (2008), emulated FMA through round-to-odd:
    const uh = a * b;
    const ul = twoProdErr(a, b, uh);
    const th = c + uh;
    const tl = twoSumErr(c, uh, th);
    const s = tl + ul;
    const es2 = twoSumErr(tl, ul, s);
    let v = s;
    if (es2 !== 0 && (bitsLoOdd(s) === 0)) v = nextMag(s, es2 > 0 === s > 0 ? 1 : -1);
    const r = th + v;
    const e2 = twoSumErr(th, v, r);
    const m = Math.abs(r);
    if (m >= MIN_FAST && m < MAX_FAST) {
      // x - r = e2 + delta, delta = tl + ul - v. delta = 0 when es2 = 0; otherwise v is odd and,
      // with |r| >= 8|v|, e2 is an odd multiple of ulp(v) while |delta| < ulp(v): e2 alone gives
      // the sign, and no tie is possible.
      if (es2 === 0) {
        finish(r, e2, rm, true);
        return;
      }
      if (Math.abs(v) * 8 <= m && e2 !== 0) {
        finish(r, e2, rm, false);
        return;
      }
    } else if (r === 0 && es2 === 0 && e2 === 0) {
      exactZero(rm);
      return;
    }
    slowFma64(alo, ahi, blo, bhi, clo, chi, rm);
    return;
  }
  fmaSpecial(alo, ahi, blo, bhi, clo, chi, rm);
}

function bitsLoOdd(x: number): number {
  return f64Lo(x) & 1;
}

function fmaSpecial(
  alo: number, ahi: number, blo: number, bhi: number, clo: number, chi: number, rm: number,
): void {
  const anan = isNaN64(alo, ahi);
  const bnan = isNaN64(blo, bhi);
  const cnan = isNaN64(clo, chi);
  const ainf = (ahi & 0x7fffffff) === 0x7ff00000 && alo === 0;
  const binf = (bhi & 0x7fffffff) === 0x7ff00000 && blo === 0;
  const cinf = (chi & 0x7fffffff) === 0x7ff00000 && clo === 0;
  const azero = (ahi & 0x7fffffff) === 0 && alo === 0;
  const bzero = (bhi & 0x7fffffff) === 0 && blo === 0;
  const czero = (chi & 0x7fffffff) === 0 && clo === 0;
  if (anan || bnan || cnan) {
    // RISC-V: inf * 0 raises NV even when the addend is a quiet NaN.
    if (isSNaN64(alo, ahi) || isSNaN64(blo, bhi) || isSNaN64(clo, chi) || (ainf && bzero) || (azero && binf)) {
      fflags[0] |= NV;
    }
    canonicalNaN();
    return;
  }
  const psign = (ahi ^ bhi) & 0x80000000;
  if (ainf || binf) {
    if (azero || bzero || (cinf && (psign ^ (chi & 0x80000000)) !== 0)) {
      fflags[0] |= NV;
      canonicalNaN();
      return;
    }
    dout[0] = 0;
    dout[1] = psign | 0x7ff00000;
    return;
  }
  if (cinf) {
    dout[0] = 0;
    dout[1] = chi;
    return;
  }
  if (azero || bzero) {
    if (czero) {
      if ((psign ^ (chi & 0x80000000)) !== 0) exactZero(rm);
      else {
        dout[0] = 0;
        dout[1] = psign | 0;
      }
    } else {
      dout[0] = clo;
      dout[1] = chi;
    }
    return;
  }
  if (czero) {
    // Non-zero product plus a zero: the rounded product (its own sign even if it rounds to zero).
    fmul64(alo, ahi, blo, bhi, rm);
    return;
  }
  slowFma64(alo, ahi, blo, bhi, clo, chi, rm);
}

export function fmsub64(alo: number, ahi: number, blo: number, bhi: number, clo: number, chi: number, rm: number): void {
  fma64(alo, ahi, blo, bhi, clo, (chi ^ 0x80000000) | 0, rm);
}
export function fnmsub64(alo: number, ahi: number, blo: number, bhi: number, clo: number, chi: number, rm: number): void {
  fma64(alo, (ahi ^ 0x80000000) | 0, blo, bhi, clo, chi, rm);
}
export function fnmadd64(alo: number, ahi: number, blo: number, bhi: number, clo: number, chi: number, rm: number): void {
  fma64(alo, (ahi ^ 0x80000000) | 0, blo, bhi, clo, (chi ^ 0x80000000) | 0, rm);
}
