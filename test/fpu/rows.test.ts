/**
 * The F/D instruction rows (src/rv64/isa/rv-f.ts, rv-d.ts) on a bare hart: FS gating, rm
 * resolution, NaN-boxing, fflags accrual and FS = Dirty (unprivileged spec, F chapter sections
 * "Floating-Point Control and Status Register", "NaN Boxing of Narrower Values"; privileged spec
 * mstatus.FS), and each row computing what the library computes for its operation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsrFile } from '../../src/csr/csr-file.js';
import { Ext, Hart } from '../../src/rv64/hart.js';
import { encode } from '../../src/rv64/isa/encoder.js';
import { rvD } from '../../src/rv64/isa/rv-d.js';
import { rvF } from '../../src/rv64/isa/rv-f.js';
import type { InsnRow } from '../../src/rv64/isa/types.js';
import { FP_OPS, runOp } from '../../src/rv64/fpu/oplist.js';
import { Cause, TRAP, Trap } from '../../src/rv64/trap.js';
import { arbArgs } from './arbitraries.js';

const FS = 3 << 13;
const FS_INITIAL = 1 << 13;

const row = (name: string): InsnRow => {
  const r = [...rvF, ...rvD].find((x) => x.name === name);
  if (!r) throw new Error(`no row ${name}`);
  return r;
};

function fpHart(): Hart {
  const h = new Hart();
  h.ext = Ext.I | Ext.M | Ext.A | Ext.C | Ext.F | Ext.D;
  h.csr = new CsrFile(h);
  h.csr.mstatus |= FS_INITIAL;
  const mem = new Map<number, number>();
  // A word-addressed toy memory (addresses below 2^32 only).
  h.mmu = {
    hi: 0,
    load32: (lo: number) => mem.get(lo >>> 0) ?? 0,
    load64(lo: number) {
      this.hi = mem.get((lo >>> 0) + 4) ?? 0;
      return mem.get(lo >>> 0) ?? 0;
    },
    store32: (lo: number, _hi: number, v: number) => void mem.set(lo >>> 0, v | 0),
    store64: (lo: number, _hi: number, vlo: number, vhi: number) => {
      mem.set(lo >>> 0, vlo | 0);
      mem.set((lo >>> 0) + 4, vhi | 0);
    },
  } as unknown as Hart['mmu'];
  return h;
}

const setF = (h: Hart, r: number, v: bigint) => {
  h.f[2 * r] = Number(BigInt.asIntN(32, v));
  h.f[2 * r + 1] = Number(BigInt.asIntN(32, v >> 32n));
};
const getF = (h: Hart, r: number): bigint => (BigInt(h.f[2 * r + 1] >>> 0) << 32n) | BigInt(h.f[2 * r] >>> 0);
const fs = (h: Hart) => h.csr.mstatus & FS;

describe('F/D rows: architectural rules', () => {
  it('is illegal with mstatus.FS = Off, with tval = the instruction', () => {
    const h = fpHart();
    h.csr.mstatus &= ~FS;
    const w = encode(row('fadd_s'), { rd: 1, rs1: 2, rs2: 3, rm: 0 });
    expect(() => row('fadd_s').exec(h, w)).toThrow(Trap);
    expect(TRAP.cause).toBe(Cause.IllegalInsn);
    expect(TRAP.tvalLo).toBe(w);
    expect(() => row('fld').exec(h, encode(row('fld'), { rd: 1, rs1: 0, imm: 0 }))).toThrow(Trap);
    expect(() => row('fmv_x_d').exec(h, encode(row('fmv_x_d'), { rd: 1, rs1: 0 }))).toThrow(Trap);
  });

  it('rejects reserved rounding modes, static (5, 6) and dynamic (frm 5..7)', () => {
    const h = fpHart();
    const add = row('fadd_d');
    for (const rm of [5, 6]) expect(() => add.exec(h, encode(add, { rd: 1, rs1: 2, rs2: 3, rm }))).toThrow(Trap);
    for (const frm of [5, 6, 7]) {
      h.frm = frm;
      expect(() => add.exec(h, encode(add, { rd: 1, rs1: 2, rs2: 3, rm: 7 }))).toThrow(Trap);
    }
    h.frm = 1;
    add.exec(h, encode(add, { rd: 1, rs1: 2, rs2: 3, rm: 7 })); // legal: dyn with frm = RTZ
    const cvt = row('fcvt_d_s'); // never rounds, but the field is still checked
    expect(() => cvt.exec(h, encode(cvt, { rd: 1, rs1: 2, rm: 5 }))).toThrow(Trap);
  });

  it('uses frm when rm = dyn', () => {
    const h = fpHart();
    setF(h, 2, 0xffffffff3f800000n); // 1.0f
    setF(h, 3, 0xffffffff33800000n); // 2^-24f: 1 + 2^-24 is a tie
    const add = row('fadd_s');
    h.frm = 3; // RUP
    add.exec(h, encode(add, { rd: 1, rs1: 2, rs2: 3, rm: 7 }));
    expect(getF(h, 1)).toBe(0xffffffff3f800001n);
    h.frm = 0;
    add.exec(h, encode(add, { rd: 1, rs1: 2, rs2: 3, rm: 7 }));
    expect(getF(h, 1)).toBe(0xffffffff3f800000n);
  });

  it('NaN-boxes single results, reads unboxed singles as the canonical NaN', () => {
    const h = fpHart();
    setF(h, 2, 0xffffffff3f800000n);
    setF(h, 3, 0x000000003f800000n); // not boxed
    const add = row('fadd_s');
    add.exec(h, encode(add, { rd: 1, rs1: 2, rs2: 2, rm: 0 }));
    expect(getF(h, 1)).toBe(0xffffffff40000000n);
    add.exec(h, encode(add, { rd: 1, rs1: 2, rs2: 3, rm: 0 }));
    expect(getF(h, 1)).toBe(0xffffffff7fc00000n);
    const cvt = row('fcvt_d_s');
    cvt.exec(h, encode(cvt, { rd: 4, rs1: 3, rm: 0 }));
    expect(getF(h, 4)).toBe(0x7ff8000000000000n);
    // fmv.x.w and fsw move the raw low word, boxed or not.
    const mv = row('fmv_x_w');
    setF(h, 5, 0x00000000bf800000n);
    mv.exec(h, encode(mv, { rd: 6, rs1: 5 }));
    expect(h.getX(6)).toBe(-0x40800000n); // 0xbf800000 sign-extended
    const mvw = row('fmv_w_x');
    h.setX(7, 0x123456789abcdef0n);
    mvw.exec(h, encode(mvw, { rd: 8, rs1: 7 }));
    expect(getF(h, 8)).toBe(0xffffffff9abcdef0n);
  });

  it('accrues exception flags into fflags and marks FS Dirty', () => {
    const h = fpHart();
    setF(h, 2, 0x3ff0000000000000n);
    setF(h, 3, 0x0000000000000000n);
    const div = row('fdiv_d');
    div.exec(h, encode(div, { rd: 1, rs1: 2, rs2: 3, rm: 0 }));
    expect(h.fflags).toBe(0x08);
    expect(fs(h)).toBe(FS);
    const lt = row('flt_d');
    setF(h, 4, 0x7ff8000000000000n);
    lt.exec(h, encode(lt, { rd: 5, rs1: 4, rs2: 2 }));
    expect(h.fflags).toBe(0x18);
    expect(h.getX(5)).toBe(0n);
  });

  it('leaves FS alone for instructions that change no FP state', () => {
    const h = fpHart();
    setF(h, 2, 0x3ff0000000000000n);
    for (const [name, ops] of [
      ['feq_d', { rd: 1, rs1: 2, rs2: 2 }],
      ['fclass_d', { rd: 1, rs1: 2 }],
      ['fmv_x_d', { rd: 1, rs1: 2 }],
      ['fcvt_l_d', { rd: 1, rs1: 2, rm: 0 }],
      ['fsd', { rs1: 0, rs2: 2, imm: 16 }],
    ] as const) {
      row(name).exec(h, encode(row(name), ops));
    }
    expect(fs(h)).toBe(FS_INITIAL);
    expect(h.fflags).toBe(0);
  });

  it('loads and stores: flw boxes, fsw stores the low word, fld/fsd move 64 bits', () => {
    const h = fpHart();
    h.setX(1, 0x1000n);
    setF(h, 2, 0x0123456789abcdefn);
    row('fsd').exec(h, encode(row('fsd'), { rs1: 1, rs2: 2, imm: 8 }));
    row('fld').exec(h, encode(row('fld'), { rd: 3, rs1: 1, imm: 8 }));
    expect(getF(h, 3)).toBe(0x0123456789abcdefn);
    row('fsw').exec(h, encode(row('fsw'), { rs1: 1, rs2: 2, imm: -4 }));
    row('flw').exec(h, encode(row('flw'), { rd: 4, rs1: 1, imm: -4 }));
    expect(getF(h, 4)).toBe(0xffffffff89abcdefn);
    expect(fs(h)).toBe(FS);
  });
});

const rowName = (op: string) => op.replace(/\./g, '_');

describe('F/D rows compute what the library computes', () => {
  for (const op of FP_OPS) {
    it(`${rowName(op.name)}`, () => {
      const r = row(rowName(op.name));
      fc.assert(
        fc.property(arbArgs(op), fc.integer({ min: 0, max: 4 }), (args, rm) => {
          const h = fpHart();
          args.forEach((a, k) => {
            const reg = 10 + k;
            if (op.args[k] === 'S') setF(h, reg, 0xffffffff00000000n | a);
            else if (op.args[k] === 'D') setF(h, reg, a);
            else h.setX(reg, BigInt.asIntN(64, a));
          });
          const ops = { rd: 5, rs1: 10, rs2: 11, rs3: 12, rm };
          r.exec(h, encode(r, ops));
          const [want, flags] = runOp(op, args, op.rm ? rm : 0);
          const got = op.res === 'X' ? BigInt.asUintN(64, h.getX(5)) : getF(h, 5);
          expect(got).toBe(op.res === 'S' ? want | 0xffffffff00000000n : want);
          expect(h.fflags).toBe(flags);
        }),
        { seed: 77, numRuns: 200 },
      );
    });
  }
});
