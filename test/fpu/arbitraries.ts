/** fast-check arbitraries for F/D operands, biased toward the cases where rounding is subtle. */
import fc from 'fast-check';
import type { ArgKind, FpOp } from '../../src/rv64/fpu/oplist.js';

interface Layout {
  width: number;
  ebits: number;
  mbits: number;
}
const LS: Layout = { width: 32, ebits: 8, mbits: 23 };
const LD: Layout = { width: 64, ebits: 11, mbits: 52 };

function arbFloat(l: Layout): fc.Arbitrary<bigint> {
  const emax = (1 << l.ebits) - 1;
  const mmax = (1n << BigInt(l.mbits)) - 1n;
  const exponent = fc.oneof(
    fc.integer({ min: 0, max: emax }),
    fc.integer({ min: 0, max: 30 }), // subnormal and tiny
    fc.integer({ min: emax - 30, max: emax }), // near overflow, inf/NaN
    fc.integer({ min: (emax >> 1) - 30, max: (emax >> 1) + 30 }), // around 1.0
  );
  const mantissa = fc.oneof(
    fc.bigInt({ min: 0n, max: mmax }),
    // short significands: exact results and ties become likely
    fc.tuple(fc.integer({ min: 0, max: l.mbits }), fc.bigInt({ min: 0n, max: mmax })).map(
      ([k, m]) => (m >> BigInt(l.mbits - k)) << BigInt(l.mbits - k),
    ),
    fc.integer({ min: 0, max: 3 }).map((k) => BigInt(k)),
    fc.integer({ min: 0, max: 3 }).map((k) => mmax - BigInt(k)),
  );
  const built = fc
    .tuple(fc.boolean(), exponent, mantissa)
    .map(([s, e, m]) => ((s ? 1n : 0n) << BigInt(l.width - 1)) | (BigInt(e) << BigInt(l.mbits)) | m);
  return fc.oneof({ weight: 4, arbitrary: built }, { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: (1n << BigInt(l.width)) - 1n }) });
}

const f64v = new Float64Array(1);
const u64v = new BigUint64Array(f64v.buffer);
const f32v = new Float32Array(1);
const u32v = new Uint32Array(f32v.buffer);
const toNum = (k: 'S' | 'D', b: bigint): number => {
  if (k === 'S') {
    u32v[0] = Number(b);
    return f32v[0];
  }
  u64v[0] = b;
  return f64v[0];
};
const toBits = (k: 'S' | 'D', x: number): bigint => {
  if (k === 'S') {
    f32v[0] = x;
    return BigInt(u32v[0]);
  }
  f64v[0] = x;
  return u64v[0];
};

/** Floats near the integer boundaries of conversions: base + k + frac, both signs. */
function arbConvFloat(k: 'S' | 'D'): fc.Arbitrary<bigint> {
  return fc
    .tuple(
      fc.constantFrom(0, 1, 2, 2 ** 24, 2 ** 31, 2 ** 32, 2 ** 52, 2 ** 53, 2 ** 63, 2 ** 64),
      fc.integer({ min: -3, max: 3 }),
      fc.constantFrom(1, 256, 2048, 2 ** 30),
      fc.constantFrom(0, 0.5, 0.25, 0.75, 0.5 + 2 ** -20, 0.5 - 2 ** -20),
      fc.boolean(),
    )
    .map(([b, i, scale, f, neg]) => {
      const v = b + i * (b >= 2 ** 31 ? scale : 1) + f;
      return toBits(k, neg ? -v : v);
    });
}

function arbInt(k: 'W' | 'L'): fc.Arbitrary<bigint> {
  const edges =
    k === 'W'
      ? [0n, 1n, -1n, 1n << 24n, (1n << 24n) + 1n, (1n << 31n) - 1n, -(1n << 31n), 0x7fffffc0n]
      : [0n, 1n, -1n, 1n << 53n, (1n << 53n) + 1n, (1n << 63n) - 1n, -(1n << 63n), (1n << 64n) - 1n, (1n << 63n) + (1n << 10n)];
  return fc.oneof(
    fc.tuple(fc.constantFrom(...edges), fc.integer({ min: -2, max: 2 })).map(([e, d]) => BigInt.asUintN(64, e + BigInt(d))),
    fc.tuple(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.integer({ min: 0, max: 63 })).map(([v, s]) => v >> BigInt(s)),
  );
}

function arbArg(k: ArgKind, conv: boolean): fc.Arbitrary<bigint> {
  if (k === 'W' || k === 'L') return arbInt(k);
  const f = arbFloat(k === 'S' ? LS : LD);
  return conv ? fc.oneof(f, arbConvFloat(k)) : f;
}

/** b near a: negated, a few ulps away, a few binades away, or a truncated copy. */
function nearby(k: 'S' | 'D', a: bigint): fc.Arbitrary<bigint> {
  const l = k === 'S' ? LS : LD;
  const mask = (1n << BigInt(l.width)) - 1n;
  const sign = 1n << BigInt(l.width - 1);
  return fc
    .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -4, max: 4 }), fc.integer({ min: 0, max: l.mbits }), fc.boolean())
    .map(([how, d, t, neg]) => {
      const s = neg ? sign : 0n;
      switch (how) {
        case 0:
          return (a ^ sign) & mask;
        case 1:
          return ((a ^ s) + BigInt(d)) & mask;
        case 2:
          return ((a ^ s) + (BigInt(d) << BigInt(l.mbits))) & mask;
        default:
          return ((a & ~((1n << BigInt(t)) - 1n)) ^ s) & mask;
      }
    });
}

export function arbArgs(op: FpOp): fc.Arbitrary<bigint[]> {
  const conv = op.name.startsWith('fcvt');
  const base = fc.tuple(...op.args.map((k) => arbArg(k, conv)));
  const k0 = op.args[0];
  if (k0 !== 'S' && k0 !== 'D') return base;
  if (op.args.length === 2) {
    const related = arbArg(k0, false).chain((a) => nearby(k0, a).map((b) => [a, b]));
    return fc.oneof(base, related);
  }
  if (op.args.length === 3) {
    // c near -(a*b) (or a*b): cancellation, exact zeros, tiny results.
    const related = fc
      .tuple(arbArg(k0, false), arbArg(k0, false))
      .chain(([a, b]) => nearby(k0, toBits(k0, toNum(k0, a) * toNum(k0, b))).map((c) => [a, b, c]));
    return fc.oneof(base, related);
  }
  return base;
}
