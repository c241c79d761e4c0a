/** Shared pieces of the ISA tests: a decoder over every table, a bare hart, operand generators. */
import fc from 'fast-check';
import { Decoder } from '../../src/rv64/decoder.js';
import { Ext, Hart } from '../../src/rv64/hart.js';
import { allCRows, allRows } from '../../src/rv64/isa/index.js';
import type { CInsnRow, InsnRow } from '../../src/rv64/isa/types.js';

/** A decoder with every row enabled (C+D rows included). */
export function fullDecoder(): Decoder {
  return new Decoder(allRows, allCRows, () => true);
}

export function rowNamed(name: string): InsnRow {
  const r = allRows.find((x) => x.name === name);
  if (r === undefined) throw new Error(`no row ${name}`);
  return r;
}

export function cRowNamed(name: string): CInsnRow {
  const r = allCRows.find((x) => x.name === name);
  if (r === undefined) throw new Error(`no compressed row ${name}`);
  return r;
}

/**
 * A hart for ALU tests: IMAC, no MMU or CSR file (register-only instructions never touch them).
 * `withC = false` gives an IMA hart, where a taken jump to a 2-mod-4 address must trap.
 */
export function aluHart(withC = true): Hart {
  const h = new Hart();
  h.ext = Ext.I | Ext.M | Ext.A | (withC ? Ext.C : 0);
  return h;
}

const MASK64 = (1n << 64n) - 1n;
export const u64 = (v: bigint): bigint => v & MASK64;
export const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);
export const s32 = (v: bigint): bigint => BigInt.asIntN(32, v);

/** 64-bit values weighted to the edges: 0, +-1, the extremes, powers of two and their neighbours. */
export const edge64: fc.Arbitrary<bigint> = fc.oneof(
  { weight: 3, arbitrary: fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(0n, 1n, -1n, 2n, -2n, -(1n << 63n), (1n << 63n) - 1n, (1n << 31n) - 1n, -(1n << 31n), 1n << 31n, (1n << 32n) - 1n, 1n << 32n, -(1n << 32n)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 63 }), fc.constantFrom(-1n, 0n, 1n), fc.boolean())
      .map(([k, d, neg]) => s64((neg ? -(1n << BigInt(k)) : 1n << BigInt(k)) + d)),
  },
  // Values that are sign-extended 32-bit numbers, the interesting inputs of the W forms.
  { weight: 1, arbitrary: fc.integer({ min: -0x80000000, max: 0x7fffffff }).map((v) => BigInt(v)) },
);

export const xreg = fc.integer({ min: 0, max: 31 });

/** Property runs per check; RVSIM_PROPERTY_RUNS raises it for a deeper (slower) search. */
export const RUNS = { numRuns: Number(process.env.RVSIM_PROPERTY_RUNS ?? 300) };
