/**
 * fast-check arbitraries for operand values, weighted to the edges: 0, ±1, the extremes, powers of
 * two and their neighbours, sign-extended 32-bit values; for FP, ±0, subnormals, ±inf, quiet and
 * signalling NaNs, NaN-boxed and unboxed singles.
 */
import fc from 'fast-check';

const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);

export const edge64: fc.Arbitrary<bigint> = fc.oneof(
  { weight: 3, arbitrary: fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      0n, 1n, -1n, 2n, -2n, -(1n << 63n), (1n << 63n) - 1n, (1n << 31n) - 1n, -(1n << 31n), 1n << 31n,
      (1n << 32n) - 1n, 1n << 32n, -(1n << 32n), 0x80n, 0xffn, 0x8000n, 0xffffn,
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 63 }), fc.constantFrom(-1n, 0n, 1n), fc.boolean())
      .map(([k, d, neg]) => s64((neg ? -(1n << BigInt(k)) : 1n << BigInt(k)) + d)),
  },
  { weight: 2, arbitrary: fc.integer({ min: -0x80000000, max: 0x7fffffff }).map((v) => BigInt(v)) },
  { weight: 1, arbitrary: fc.integer({ min: -64, max: 64 }).map((v) => BigInt(v)) },
);

const BOX = 0xffffffff00000000n;
const singles = [
  0x00000000n, 0x80000000n, 0x00000001n, 0x807fffffn, 0x00800000n, 0x3f800000n, 0xbf800000n, 0x3fc00000n,
  0x7f7fffffn, 0xff7fffffn, 0x7f800000n, 0xff800000n, 0x7fc00000n, 0xffc00001n, 0x7f800001n, 0x4f000000n,
  0x5f000000n, 0xcf000000n, 0x4f800000n,
];
const doubles = [
  0x0000000000000000n, 0x8000000000000000n, 0x0000000000000001n, 0x800fffffffffffffn, 0x0010000000000000n,
  0x3ff0000000000000n, 0xbff0000000000000n, 0x3ff8000000000000n, 0x7fefffffffffffffn, 0xffefffffffffffffn,
  0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0xfff8000000000001n, 0x7ff0000000000001n,
  0x41e0000000000000n, 0x43e0000000000000n, 0xc3e0000000000000n, 0x41f0000000000000n,
];

/** A 64-bit f-register pattern: NaN-boxed singles (mostly), doubles, and a few unboxed values. */
export const fpBits: fc.Arbitrary<bigint> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...singles).map((v) => v | BOX) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0xffffffff }).map((v) => BigInt(v) | BOX) },
  { weight: 3, arbitrary: fc.constantFrom(...doubles) },
  { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) },
  // Unboxed singles: a binary32 operation must see the canonical NaN (unpriv. spec, "NaN Boxing").
  { weight: 1, arbitrary: fc.constantFrom(...singles) },
);

/** A 12-bit signed immediate, weighted to the ends and small values. */
export const imm12 = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: -2048, max: 2047 }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 1, -1, 2047, -2048, 31, 32, 63, 64, -32, 0x7ff, 0x400, -0x400) },
  { weight: 1, arbitrary: fc.integer({ min: -8, max: 8 }) },
);

export const imm6 = fc.oneof(fc.integer({ min: -32, max: 31 }), fc.constantFrom(0, 1, -1, 31, -32));

export const shamt = (bits: 5 | 6): fc.Arbitrary<number> =>
  fc.oneof(fc.integer({ min: 0, max: (1 << bits) - 1 }), fc.constantFrom(0, 1, (1 << bits) - 1, bits === 6 ? 32 : 16, 31));

/** The 20-bit U field as the encoder takes it (0..0xfffff). */
export const imm20 = fc.oneof(fc.integer({ min: 0, max: 0xfffff }), fc.constantFrom(0, 1, 0x80000, 0xfffff, 0x7ffff, 0x80001));
