/**
 * Differential test against QEMU's SoftFloat (qemu-riscv64 user mode running a bare static program
 * built with riscv64-unknown-elf-gcc): the hand-derived edge cases and a fixed-seed random batch
 * across every operation and rounding mode must give identical result bits and fflags.
 * scripts/fuzz-fp.mjs runs the same comparison for long campaigns.
 */
import { describe, expect, it } from 'vitest';
import { FP_OPS, findOp } from '../../src/rv64/fpu/oplist.js';
import { genCase, Rng } from '../../src/rv64/fpu/casegen.js';
import { compareWithQemu, describeMismatch, GCC, QEMU, runOnQemu, type DiffCase } from '../../src/rv64/fpu/qemudiff.js';
import { requireTool } from '../tools.js';
import { EDGES } from './edge-cases.js';

const haveTools = requireTool(GCC, 'gcc-riscv64-unknown-elf') && requireTool(QEMU, 'qemu-user');
const PER_OP = 1000;

describe.skipIf(!haveTools)('F/D library == QEMU (SoftFloat)', () => {
  it('agrees with QEMU and with the hand-derived expectations on every edge case', () => {
    const cases: DiffCase[] = EDGES.map(([name, args, rm]) => ({ op: findOp(name), args, rm }));
    const q = runOnQemu(cases);
    const bad: string[] = [];
    EDGES.forEach(([name, args, rm, want, flags, why], i) => {
      const boxed = cases[i].op.res === 'S' ? want | 0xffffffff00000000n : want;
      if (q[i].result !== boxed || q[i].flags !== flags) {
        bad.push(`${name} ${args.map((a) => a.toString(16))} rm=${rm} (${why}): qemu ${q[i].result.toString(16)}/${q[i].flags}`);
      }
    });
    expect(bad).toEqual([]);
    expect(compareWithQemu(cases).map(describeMismatch)).toEqual([]);
  });

  it(`agrees on ${PER_OP} fixed-seed random cases per operation (${FP_OPS.length} operations, all rounding modes)`, () => {
    const r = new Rng(20260101);
    const cases: DiffCase[] = [];
    for (const op of FP_OPS) for (let i = 0; i < PER_OP; i++) cases.push({ op, ...genCase(r, op) });
    const bad = compareWithQemu(cases);
    expect(bad.slice(0, 10).map(describeMismatch)).toEqual([]);
  });
});
