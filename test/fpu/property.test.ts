/**
 * Property test: every F/D operation in every rounding mode against the rational reference model
 * (test/fpu/ref.ts), result bits and fflags, on a fixed-seed biased sample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FP_OPS, runOp } from '../../src/rv64/fpu/oplist.js';
import { arbArgs } from './arbitraries.js';
import { REF } from './refops.js';

const RUNS = 2500;
const hex = (v: bigint) => '0x' + v.toString(16);

describe('F/D library == rational reference', () => {
  FP_OPS.forEach((op, i) => {
    it(`${op.name} (${RUNS} cases)`, () => {
      const ref = REF[op.name];
      expect(ref).toBeDefined();
      fc.assert(
        fc.property(arbArgs(op), fc.integer({ min: 0, max: 4 }), (args, rm0) => {
          const rm = op.rm ? rm0 : 0;
          const [got, flags] = runOp(op, args, rm);
          const want = ref(args, rm);
          expect({ r: hex(got), f: flags }).toEqual({ r: hex(want.bits), f: want.flags });
        }),
        { seed: 0x5eed + i, numRuns: RUNS },
      );
    });
  });
});
