/**
 * Hand-derived edge cases of the F/D library (test/fpu/edge-cases.ts), each checked against the
 * library and against the rational reference model, plus NaN-boxing and flag accrual.
 */
import { describe, expect, it } from 'vitest';
import { findOp, runOp } from '../../src/rv64/fpu/oplist.js';
import { fflags, NX, NV, OF } from '../../src/rv64/fpu/env.js';
import { unboxS } from '../../src/rv64/fpu/misc.js';
import { fadd32 } from '../../src/rv64/fpu/f32.js';
import { EDGES } from './edge-cases.js';
import { REF } from './refops.js';

const hex = (v: bigint) => '0x' + v.toString(16);

describe('FP edge cases (hand-derived expectations)', () => {
  for (const [name, args, rm, want, flags, why] of EDGES) {
    it(`${name} ${args.map(hex).join(',')} rm=${rm}: ${why}`, () => {
      const [got, gotFlags] = runOp(findOp(name), args, rm);
      expect({ r: hex(got), f: gotFlags }).toEqual({ r: hex(want), f: flags });
      const ref = REF[name](args, rm);
      expect({ r: hex(ref.bits), f: ref.flags }).toEqual({ r: hex(want), f: flags });
    });
  }
});

describe('NaN boxing (unprivileged spec, "NaN Boxing of Narrower Values")', () => {
  it('reads a properly boxed single as itself', () => {
    expect(unboxS(0x3f800000, -1)).toBe(0x3f800000);
    expect(unboxS(0x7f800001, -1)).toBe(0x7f800001);
  });
  it('reads an improperly boxed single as the canonical NaN', () => {
    expect(unboxS(0x3f800000, 0)).toBe(0x7fc00000);
    expect(unboxS(0x3f800000, 0x7fffffff)).toBe(0x7fc00000);
    expect(unboxS(0x3f800000, -2)).toBe(0x7fc00000);
  });
});

describe('flag accrual', () => {
  it('ORs exceptions into fflags until the caller clears them', () => {
    fflags[0] = 0;
    fadd32(0x3f800000, 0x33800000, 0); // NX
    fadd32(0x7f800001, 0, 0); // NV
    fadd32(0x7f7fffff, 0x7f7fffff, 0); // OF | NX
    expect(fflags[0]).toBe(NX | NV | OF);
    fflags[0] = 0;
    fadd32(0x3f800000, 0x3f800000, 0); // exact
    expect(fflags[0]).toBe(0);
  });
});
