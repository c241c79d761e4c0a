/**
 * Reference model of RISC-V F/D operations by exact rational arithmetic on BigInt. Written from the
 * IEEE 754-2019 definitions and the RISC-V unprivileged spec (chapters "F" and "D"), independently
 * of the library's techniques: every finite result is the exact real value (a rational, or the
 * square root of one) rounded by comparisons only. Slow and obviously correct.
 */

export interface Fmt {
  p: number; // precision including the hidden bit
  emin: number;
  emax: number;
  ebits: number;
  width: 32 | 64;
}
export const F32: Fmt = { p: 24, emin: -126, emax: 127, ebits: 8, width: 32 };
export const F64: Fmt = { p: 53, emin: -1022, emax: 1023, ebits: 11, width: 64 };

export const NV = 0x10, DZ = 0x08, OF = 0x04, UF = 0x02, NX = 0x01;
export const RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4;

export interface Res {
  bits: bigint;
  flags: number;
}

type Cls = 'snan' | 'qnan' | 'inf' | 'zero' | 'num';
export interface Val {
  cls: Cls;
  neg: boolean;
  n: bigint; // |value| = n / d  (for 'num')
  d: bigint;
}

const one = 1n;
const pow2 = (k: number): bigint => one << BigInt(k);

export function decode(f: Fmt, bits: bigint): Val {
  const mbits = f.p - 1;
  const neg = (bits >> BigInt(f.width - 1)) & 1n ? true : false;
  const e = Number((bits >> BigInt(mbits)) & (pow2(f.ebits) - 1n));
  const m = bits & (pow2(mbits) - 1n);
  const bias = f.emax;
  if (e === 2 * bias + 1) {
    if (m === 0n) return { cls: 'inf', neg, n: 0n, d: 1n };
    return { cls: (m >> BigInt(mbits - 1)) & 1n ? 'qnan' : 'snan', neg, n: 0n, d: 1n };
  }
  if (e === 0 && m === 0n) return { cls: 'zero', neg, n: 0n, d: 1n };
  const sig = e === 0 ? m : m | pow2(mbits);
  const exp = (e === 0 ? 1 : e) - bias - mbits; // value = sig * 2^exp
  return exp >= 0
    ? { cls: 'num', neg, n: sig << BigInt(exp), d: 1n }
    : { cls: 'num', neg, n: sig, d: pow2(-exp) };
}

export function canonicalNaN(f: Fmt): bigint {
  return f.width === 32 ? 0x7fc00000n : 0x7ff8000000000000n;
}
function signBit(f: Fmt, neg: boolean): bigint {
  return neg ? pow2(f.width - 1) : 0n;
}
function infBits(f: Fmt, neg: boolean): bigint {
  return signBit(f, neg) | ((pow2(f.ebits) - 1n) << BigInt(f.p - 1));
}
function zeroBits(f: Fmt, neg: boolean): bigint {
  return signBit(f, neg);
}

/** An exact non-negative magnitude that can be compared with dyadic rationals k * 2^q. */
interface Mag {
  /** sign of (|x| - k * 2^q) */
  cmp(k: bigint, q: number): number;
}

function ratMag(n: bigint, d: bigint): Mag {
  return {
    cmp(k, q) {
      const l = q >= 0 ? n : n << BigInt(-q);
      const r = q >= 0 ? k * d << BigInt(q) : k * d;
      return l < r ? -1 : l > r ? 1 : 0;
    },
  };
}
/** sqrt(n/d): compare squares. */
function sqrtMag(n: bigint, d: bigint): Mag {
  return {
    cmp(k, q) {
      // sqrt(n/d) vs k 2^q  <=>  n vs d k^2 2^(2q)
      const l = q >= 0 ? n : n << BigInt(-2 * q);
      const r = q >= 0 ? d * k * k << BigInt(2 * q) : d * k * k;
      return l < r ? -1 : l > r ? 1 : 0;
    },
  };
}

/** floor(log2 |x|) by search with comparisons (|x| > 0). */
function floorLog2(m: Mag): number {
  let lo = -2400;
  let hi = 2400; // 2^lo <= x < 2^hi for every value handled here
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (m.cmp(1n, mid) >= 0) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** floor(|x| / 2^q) by binary search on the integer k. */
function floorAt(m: Mag, q: number, approxBits: number): bigint {
  let lo = 0n;
  let hi = pow2(approxBits + 2);
  while (hi - lo > 1n) {
    const mid = (lo + hi) >> 1n;
    if (m.cmp(mid, q) >= 0) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Rounds |x| (non-zero) of sign neg to a multiple of 2^q; returns [k, inexact]. */
function roundAt(m: Mag, neg: boolean, q: number, E: number, rm: number): [bigint, boolean] {
  const k = floorAt(m, q, Math.max(0, E - q + 1));
  if (m.cmp(k, q) === 0) return [k, false];
  const c = m.cmp(2n * k + 1n, q - 1); // against the midpoint
  let up: boolean;
  switch (rm) {
    case RNE: up = c > 0 || (c === 0 && (k & 1n) === 1n); break;
    case RTZ: up = false; break;
    case RDN: up = neg; break;
    case RUP: up = !neg; break;
    default: up = c >= 0;
  }
  return [up ? k + 1n : k, true];
}

/** Rounds the non-zero exact value (sign, magnitude) to format f in mode rm (IEEE 754 4.3, 7.4, 7.5). */
export function roundValue(f: Fmt, neg: boolean, m: Mag, rm: number): Res {
  const E = floorLog2(m);
  const q = Math.max(E - f.p + 1, f.emin - f.p + 1);
  const [k, inexact] = roundAt(m, neg, q, E, rm);
  let flags = inexact ? NX : 0;
  // Tininess after rounding: the value rounded with unbounded exponent range is below 2^emin.
  if (E < f.emin) {
    const qu = E - f.p + 1;
    const [ku] = roundAt(m, neg, qu, E, rm);
    const tiny = ku < pow2(f.emin - qu);
    if (tiny && inexact) flags |= UF;
  }
  // Overflow: rounded value >= 2^(emax+1).
  if (k * (q >= 0 ? pow2(q) : 1n) >= pow2(f.emax + 1) * (q >= 0 ? 1n : pow2(-q))) {
    flags |= OF | NX;
    const toInf = rm === RNE || rm === RMM || (rm === RUP && !neg) || (rm === RDN && neg);
    if (toInf) return { bits: infBits(f, neg), flags };
    return { bits: signBit(f, neg) | (infBits(f, false) - 1n), flags };
  }
  // Encode k * 2^q.
  let kk = k;
  let qq = q;
  if (kk === pow2(f.p)) {
    kk >>= 1n;
    qq += 1;
  }
  let bits: bigint;
  if (kk < pow2(f.p - 1)) {
    bits = kk; // subnormal or zero: q is emin - p + 1
  } else {
    const biased = BigInt(qq + f.p - 1 + f.emax);
    bits = (biased << BigInt(f.p - 1)) | (kk - pow2(f.p - 1));
  }
  return { bits: signBit(f, neg) | bits, flags };
}

/** Rounds a signed rational n/d (d > 0) to f; zero gets the sign `zeroNeg`. */
function roundRational(f: Fmt, n: bigint, d: bigint, rm: number, zeroNeg: boolean): Res {
  if (n === 0n) return { bits: zeroBits(f, zeroNeg), flags: 0 };
  return n < 0n ? roundValue(f, true, ratMag(-n, d), rm) : roundValue(f, false, ratMag(n, d), rm);
}

const isNaN = (v: Val) => v.cls === 'snan' || v.cls === 'qnan';
const nanRes = (f: Fmt, nv: boolean): Res => ({ bits: canonicalNaN(f), flags: nv ? NV : 0 });
const signed = (v: Val): bigint => (v.neg ? -v.n : v.n);

export function refAdd(f: Fmt, a: bigint, b: bigint, rm: number, subtract = false): Res {
  const x = decode(f, a);
  const y = decode(f, b);
  if (subtract) y.neg = !y.neg;
  if (isNaN(x) || isNaN(y)) return nanRes(f, x.cls === 'snan' || y.cls === 'snan');
  if (x.cls === 'inf' && y.cls === 'inf') return x.neg === y.neg ? { bits: infBits(f, x.neg), flags: 0 } : nanRes(f, true);
  if (x.cls === 'inf') return { bits: infBits(f, x.neg), flags: 0 };
  if (y.cls === 'inf') return { bits: infBits(f, y.neg), flags: 0 };
  // IEEE 754 6.3: an exact zero sum is +0 except in roundTowardNegative; x + x keeps x's sign.
  const zeroNeg = x.cls === 'zero' && y.cls === 'zero' && x.neg === y.neg ? x.neg : rm === RDN;
  return roundRational(f, signed(x) * y.d + signed(y) * x.d, x.d * y.d, rm, zeroNeg);
}

export function refMul(f: Fmt, a: bigint, b: bigint, rm: number): Res {
  const x = decode(f, a);
  const y = decode(f, b);
  if (isNaN(x) || isNaN(y)) return nanRes(f, x.cls === 'snan' || y.cls === 'snan');
  const neg = x.neg !== y.neg;
  if ((x.cls === 'inf' && y.cls === 'zero') || (x.cls === 'zero' && y.cls === 'inf')) return nanRes(f, true);
  if (x.cls === 'inf' || y.cls === 'inf') return { bits: infBits(f, neg), flags: 0 };
  return roundRational(f, (neg ? -1n : 1n) * x.n * y.n, x.d * y.d, rm, neg);
}

export function refDiv(f: Fmt, a: bigint, b: bigint, rm: number): Res {
  const x = decode(f, a);
  const y = decode(f, b);
  if (isNaN(x) || isNaN(y)) return nanRes(f, x.cls === 'snan' || y.cls === 'snan');
  const neg = x.neg !== y.neg;
  if ((x.cls === 'inf' && y.cls === 'inf') || (x.cls === 'zero' && y.cls === 'zero')) return nanRes(f, true);
  if (x.cls === 'inf') return { bits: infBits(f, neg), flags: 0 };
  if (y.cls === 'zero') return { bits: infBits(f, neg), flags: DZ };
  if (y.cls === 'inf' || x.cls === 'zero') return { bits: zeroBits(f, neg), flags: 0 };
  return roundRational(f, (neg ? -1n : 1n) * x.n * y.d, x.d * y.n, rm, neg);
}

export function refSqrt(f: Fmt, a: bigint, rm: number): Res {
  const x = decode(f, a);
  if (isNaN(x)) return nanRes(f, x.cls === 'snan');
  if (x.cls === 'zero') return { bits: zeroBits(f, x.neg), flags: 0 };
  if (x.neg) return nanRes(f, true);
  if (x.cls === 'inf') return { bits: infBits(f, false), flags: 0 };
  return roundValue(f, false, sqrtMag(x.n, x.d), rm);
}

/** (negProd ? -(a*b) : a*b) + (negC ? -c : c), one rounding. */
export function refFma(f: Fmt, a: bigint, b: bigint, c: bigint, rm: number, negProd: boolean, negC: boolean): Res {
  const x = decode(f, a);
  const y = decode(f, b);
  const z = decode(f, c);
  const infZero = (x.cls === 'inf' && y.cls === 'zero') || (x.cls === 'zero' && y.cls === 'inf');
  // RISC-V F chapter: fused multiply-add raises NV for inf * 0 even with a quiet-NaN addend.
  if (isNaN(x) || isNaN(y) || isNaN(z)) return nanRes(f, x.cls === 'snan' || y.cls === 'snan' || z.cls === 'snan' || infZero);
  if (infZero) return nanRes(f, true);
  const pneg = (x.neg !== y.neg) !== negProd;
  const zneg = z.neg !== negC;
  if (x.cls === 'inf' || y.cls === 'inf') {
    if (z.cls === 'inf' && zneg !== pneg) return nanRes(f, true);
    return { bits: infBits(f, pneg), flags: 0 };
  }
  if (z.cls === 'inf') return { bits: infBits(f, zneg), flags: 0 };
  const pn = (pneg ? -1n : 1n) * x.n * y.n;
  const pd = x.d * y.d;
  const zn = zneg ? -z.n : z.n;
  const pzero = x.cls === 'zero' || y.cls === 'zero';
  const zeroNeg = pzero && z.cls === 'zero' && pneg === zneg ? pneg : rm === RDN;
  return roundRational(f, pn * z.d + zn * pd, pd * z.d, rm, zeroNeg);
}

export function refSgnj(f: Fmt, a: bigint, b: bigint, mode: 0 | 1 | 2): Res {
  const sb = pow2(f.width - 1);
  const sa = a & sb;
  const s = mode === 0 ? b & sb : mode === 1 ? (b & sb) ^ sb : sa ^ (b & sb);
  return { bits: (a & (sb - 1n)) | s, flags: 0 };
}

/** Total order of non-NaN values with -0 < +0 (for min/max only). */
function lessMinMax(x: Val, y: Val): boolean {
  const vx = x.cls === 'inf' ? (x.neg ? -Infinity : Infinity) : 0;
  const vy = y.cls === 'inf' ? (y.neg ? -Infinity : Infinity) : 0;
  if (vx !== vy) return vx < vy;
  if (x.cls === 'inf') return false;
  const l = signed(x) * y.d;
  const r = signed(y) * x.d;
  if (l !== r) return l < r;
  return x.neg && !y.neg; // -0 < +0
}

export function refMinMax(f: Fmt, a: bigint, b: bigint, max: boolean): Res {
  const x = decode(f, a);
  const y = decode(f, b);
  const flags = x.cls === 'snan' || y.cls === 'snan' ? NV : 0;
  if (isNaN(x) && isNaN(y)) return { bits: canonicalNaN(f), flags };
  if (isNaN(x)) return { bits: b, flags };
  if (isNaN(y)) return { bits: a, flags };
  const aFirst = max ? lessMinMax(y, x) : lessMinMax(x, y);
  if (aFirst) return { bits: a, flags };
  if (max ? lessMinMax(x, y) : lessMinMax(y, x)) return { bits: b, flags };
  return { bits: a, flags }; // identical
}

/** Compares non-NaN values: -1, 0, 1 (-0 == +0). */
function cmpVal(x: Val, y: Val): number {
  const big = (v: Val) => (v.cls === 'inf' ? (v.neg ? -2 : 2) : 0);
  if (big(x) !== big(y)) return big(x) < big(y) ? -1 : 1;
  if (x.cls === 'inf') return 0;
  const l = signed(x) * y.d;
  const r = signed(y) * x.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function refCmp(f: Fmt, a: bigint, b: bigint, op: 'eq' | 'lt' | 'le'): Res {
  const x = decode(f, a);
  const y = decode(f, b);
  if (isNaN(x) || isNaN(y)) {
    const nv = op === 'eq' ? x.cls === 'snan' || y.cls === 'snan' : true;
    return { bits: 0n, flags: nv ? NV : 0 };
  }
  const c = cmpVal(x, y);
  const r = op === 'eq' ? c === 0 : op === 'lt' ? c < 0 : c <= 0;
  return { bits: r ? 1n : 0n, flags: 0 };
}

export function refClass(f: Fmt, a: bigint): Res {
  const x = decode(f, a);
  const subnormal = x.cls === 'num' && ((a >> BigInt(f.p - 1)) & (pow2(f.ebits) - 1n)) === 0n;
  let bit: number;
  switch (x.cls) {
    case 'inf': bit = x.neg ? 0 : 7; break;
    case 'zero': bit = x.neg ? 3 : 4; break;
    case 'snan': bit = 8; break;
    case 'qnan': bit = 9; break;
    default: bit = subnormal ? (x.neg ? 2 : 5) : x.neg ? 1 : 6;
  }
  return { bits: 1n << BigInt(bit), flags: 0 };
}

const MASK64 = pow2(64) - 1n;

/**
 * Float to integer (fcvt.{w,wu,l,lu}.{s,d}): result as the 64-bit register value (32-bit results
 * sign-extended). Invalid cases follow the table in the F chapter ("Floating-Point Conversion").
 */
export function refToInt(f: Fmt, a: bigint, rm: number, width: 32 | 64, unsigned: boolean): Res {
  const x = decode(f, a);
  const min = unsigned ? 0n : -pow2(width - 1);
  const max = unsigned ? pow2(width) - 1n : pow2(width - 1) - 1n;
  const reg = (v: bigint): bigint => {
    const w = BigInt.asIntN(width, v);
    return BigInt.asUintN(64, w);
  };
  if (isNaN(x)) return { bits: reg(max), flags: NV };
  if (x.cls === 'inf') return { bits: reg(x.neg ? min : max), flags: NV };
  if (x.cls === 'zero') return { bits: 0n, flags: 0 };
  // Round |x| = n/d to an integer.
  const q = x.n / x.d;
  const r = x.n - q * x.d; // 0 <= r < d
  let k = q;
  if (r !== 0n) {
    const twice = 2n * r;
    let up: boolean;
    switch (rm) {
      case RNE: up = twice > x.d || (twice === x.d && (q & 1n) === 1n); break;
      case RTZ: up = false; break;
      case RDN: up = x.neg; break;
      case RUP: up = !x.neg; break;
      default: up = twice >= x.d;
    }
    if (up) k += 1n;
  }
  const v = x.neg ? -k : k;
  if (v < min) return { bits: reg(min), flags: NV };
  if (v > max) return { bits: reg(max), flags: NV };
  return { bits: reg(v) & MASK64, flags: r !== 0n ? NX : 0 };
}

/** Integer to float: v is the integer operand value (already signed or unsigned). */
export function refFromInt(f: Fmt, v: bigint, rm: number): Res {
  return roundRational(f, v, 1n, rm, false);
}

/** Between formats: fcvt.s.d rounds, fcvt.d.s is exact; NaN -> canonical, sNaN raises NV. */
export function refCvtFF(to: Fmt, from: Fmt, a: bigint, rm: number): Res {
  const x = decode(from, a);
  if (isNaN(x)) return nanRes(to, x.cls === 'snan');
  if (x.cls === 'inf') return { bits: infBits(to, x.neg), flags: 0 };
  if (x.cls === 'zero') return { bits: zeroBits(to, x.neg), flags: 0 };
  return roundRational(to, x.neg ? -x.n : x.n, x.d, rm, false);
}
