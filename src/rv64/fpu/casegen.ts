/**
 * Seeded operand generator for F/D differential testing (tests and scripts/fuzz-fp.mjs). Biased
 * toward the cases that matter: specials, subnormals, range edges, short significands (exact
 * results and ties), near-cancelling operand pairs, integer boundaries of conversions.
 * Harness-only (BigInt); not used by the simulator.
 */
import type { ArgKind, FpOp } from './oplist.js';

/** sfc32: small, fast, seedable; returns uint32. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed | 0;
    for (let i = 0; i < 16; i++) this.u32();
  }
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  below(n: number): number {
    return Math.floor((this.u32() / 4294967296) * n);
  }
  u64(): bigint {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)];
  }
}

const S_SPECIAL = [
  0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0xff812345,
  0x7fa00000, 0x7fc12345, 0x3f800000, 0xbf800000, 0x00000001, 0x80000001, 0x007fffff, 0x807fffff,
  0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff, 0x00800001, 0x7f7ffffe, 0x33800000, 0x4b000000,
];
const D_SPECIAL = [
  0x0000000000000000n, 0x8000000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n,
  0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff0000000000001n, 0xfff4000000000000n,
  0x7ff8000012345678n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x0000000000000001n,
  0x8000000000000001n, 0x000fffffffffffffn, 0x800fffffffffffffn, 0x0010000000000000n,
  0x8010000000000000n, 0x7fefffffffffffffn, 0xffefffffffffffffn, 0x0010000000000001n,
  0x7feffffffffffffen, 0x3ca0000000000000n, 0x4330000000000000n, 0x36a0000000000000n,
];

function bitsS(sign: number, e: number, m: number): bigint {
  return BigInt((((sign << 31) | (e << 23) | (m & 0x7fffff)) >>> 0));
}
function bitsD(sign: number, e: number, m: bigint): bigint {
  return (BigInt(sign) << 63n) | (BigInt(e) << 52n) | (m & 0xfffffffffffffn);
}

export function genS(r: Rng): bigint {
  const sign = r.below(2);
  switch (r.below(12)) {
    case 0:
      return BigInt(r.pick(S_SPECIAL) >>> 0);
    case 1:
    case 2:
      return BigInt(r.u32());
    case 3:
      return bitsS(sign, 0, r.u32() >>> r.below(23));
    case 4:
      return bitsS(sign, 1 + r.below(12), r.u32());
    case 5:
      return bitsS(sign, 242 + r.below(13), r.u32());
    case 6: {
      const k = r.below(24); // short significand: only the top k fraction bits random
      return bitsS(sign, 100 + r.below(55), (r.u32() >>> (32 - k)) << (23 - k) >>> 0);
    }
    case 7: {
      const m = r.below(2) ? 0x7fffff - r.below(4) : r.below(4);
      return bitsS(sign, 1 + r.below(254), m);
    }
    default:
      return bitsS(sign, 110 + r.below(35), r.u32());
  }
}

export function genD(r: Rng): bigint {
  const sign = r.below(2);
  switch (r.below(12)) {
    case 0:
      return r.pick(D_SPECIAL);
    case 1:
    case 2:
      return r.u64();
    case 3:
      return bitsD(sign, 0, r.u64() >> BigInt(r.below(52)));
    case 4:
      return bitsD(sign, 1 + r.below(60), r.u64());
    case 5:
      return bitsD(sign, 1985 + r.below(62), r.u64());
    case 6: {
      const k = r.below(53);
      return bitsD(sign, 900 + r.below(250), k === 0 ? 0n : (r.u64() >> BigInt(64 - k)) << BigInt(52 - k));
    }
    case 7: {
      const m = r.below(2) ? 0xfffffffffffffn - BigInt(r.below(4)) : BigInt(r.below(4));
      return bitsD(sign, 1 + r.below(2046), m);
    }
    default:
      return bitsD(sign, 990 + r.below(70), r.u64());
  }
}

const f64v = new Float64Array(1);
const u64v = new BigUint64Array(f64v.buffer);
const f32v = new Float32Array(1);
const u32v = new Uint32Array(f32v.buffer);
function numOfD(b: bigint): number {
  u64v[0] = b;
  return f64v[0];
}
function dOfNum(x: number): bigint {
  f64v[0] = x;
  return u64v[0];
}
function numOfS(b: bigint): number {
  u32v[0] = Number(b);
  return f32v[0];
}
function sOfNum(x: number): bigint {
  f32v[0] = x;
  return BigInt(u32v[0]);
}

/** A float near an integer boundary of some conversion (both formats), as bits. */
function genConvBoundary(r: Rng, kind: 'S' | 'D'): bigint {
  const bases = [0, 1, 2, 3, 2 ** 24, 2 ** 31, 2 ** 32, 2 ** 52, 2 ** 53, 2 ** 63, 2 ** 64];
  const base = r.pick(bases);
  const frac = r.pick([0, 0.5, 0.25, 0.75, 0.5 + 2 ** -20, 0.5 - 2 ** -20, r.u32() / 4294967296]);
  const scale = base >= 2 ** 31 ? r.pick([1, 2 ** 8, 2 ** 11, 2 ** 30]) : 1;
  let v = base + (r.below(7) - 3) * scale + frac;
  if (r.below(2)) v = -v;
  if (kind === 'S') return sOfNum(v);
  return dOfNum(v);
}

const W_EDGES = [0, 1, -1, 2 ** 24, 2 ** 24 + 1, 2 ** 31 - 1, -(2 ** 31), 2 ** 25 - 1, 16777217, 0x7fffffc0];
const L_EDGES = [
  0n, 1n, -1n, 1n << 53n, (1n << 53n) + 1n, (1n << 63n) - 1n, -(1n << 63n), (1n << 64n) - 1n,
  (1n << 24n) + 1n, (1n << 62n) + (1n << 9n), (1n << 63n) + (1n << 10n), 0x7ffffffffffffdffn,
];

function genArg(r: Rng, k: ArgKind, conv: boolean): bigint {
  switch (k) {
    case 'S':
      return conv && r.below(5) < 2 ? genConvBoundary(r, 'S') : genS(r);
    case 'D':
      return conv && r.below(5) < 2 ? genConvBoundary(r, 'D') : genD(r);
    case 'W': {
      const c = r.below(4);
      if (c === 0) return BigInt.asUintN(64, BigInt(r.pick(W_EDGES) + r.below(5) - 2));
      if (c === 1) return BigInt(r.u32() >>> r.below(32));
      return r.u64();
    }
    default: {
      const c = r.below(4);
      if (c === 0) return BigInt.asUintN(64, r.pick(L_EDGES) + BigInt(r.below(5) - 2));
      if (c === 1) return r.u64() >> BigInt(r.below(64));
      return r.u64();
    }
  }
}

/** Perturbs a float's bits slightly (last bits, exponent) for near-cancellation pairs. */
function nearby(r: Rng, b: bigint, k: 'S' | 'D'): bigint {
  const w = k === 'S' ? 32n : 64n;
  const mask = (1n << w) - 1n;
  const signBit = 1n << (w - 1n);
  let v = b;
  switch (r.below(4)) {
    case 0:
      v = b ^ signBit;
      break;
    case 1:
      v = (b ^ signBit) + BigInt(r.below(9) - 4);
      break;
    case 2:
      v = b + BigInt(r.below(9) - 4) * (k === 'S' ? 1n << 23n : 1n << 52n) + BigInt(r.below(3) - 1);
      break;
    default:
      v = (b & ~((1n << BigInt(r.below(k === 'S' ? 24 : 53))) - 1n)) ^ (r.below(2) ? signBit : 0n);
  }
  return v & mask;
}

export interface GenCase {
  args: bigint[];
  rm: number;
}

export function genCase(r: Rng, op: FpOp): GenCase {
  const conv = op.name.startsWith('fcvt');
  const args = op.args.map((k) => genArg(r, k, conv));
  const k0 = op.args[0];
  if ((k0 === 'S' || k0 === 'D') && args.length >= 2 && r.below(3) === 0) args[1] = nearby(r, args[0], k0);
  if (args.length === 3 && r.below(2) === 0) {
    // c close to -(a*b): exercises cancellation and exact-zero signs in the fused forms.
    const p = k0 === 'S' ? sOfNum(numOfS(args[0]) * numOfS(args[1])) : dOfNum(numOfD(args[0]) * numOfD(args[1]));
    args[2] = r.below(4) === 0 ? p ^ (k0 === 'S' ? 1n << 31n : 1n << 63n) : nearby(r, p, k0 as 'S' | 'D');
  }
  return { args, rm: op.rm ? r.below(5) : 0 };
}
