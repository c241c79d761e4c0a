/**
 * RV64F: single-precision floating point (unprivileged spec, chapter "F" Standard Extension).
 * Arithmetic is src/rv64/fpu (bit-exact, see its README). Rules applied here:
 * - mstatus.FS = Off (or F/D absent) makes every F instruction illegal (`fpCheck`).
 * - rm = 7 (dyn) reads frm; rm 5, 6 and a dyn frm of 5..7 are illegal (`rmOf`).
 * - single operands are read through NaN-boxing (`unboxS`), results are written boxed.
 * - any write of an f register, or any accrued exception, sets FS = Dirty (`fpDirty`).
 */
import type { Hart } from '../hart.js';
import type { InsnRow } from './types.js';
import { immS } from './fields.js';
import { illegal } from './illegal.js';
import { dout, fflags } from '../fpu/env.js';
import {
  fadd32, fdiv32, fma32, fmsub32, fmul32, fnmadd32, fnmsub32, fsqrt32, fsub32,
} from '../fpu/f32.js';
import { fcvtIntFromS, fcvtSFromL, fcvtSFromW, KIND_L, KIND_LU, KIND_W, KIND_WU } from '../fpu/cvt.js';
import {
  fclass32, feq32, fle32, flt32, fminmax32, fsgnj32, fsgnjn32, fsgnjx32, unboxS,
} from '../fpu/misc.js';

/** Illegal unless the FP unit is on (F or D present, mstatus.FS != Off). Clears the library flags. */
export function fpCheck(h: Hart, i: number): void {
  if (!h.csr.fpOn()) illegal(h, i);
  fflags[0] = 0;
}

/** The effective rounding mode of the instruction: static rm or frm; illegal when reserved. */
export function rmOf(h: Hart, i: number): number {
  let rm = (i >>> 12) & 7;
  if (rm === 7) rm = h.frm;
  if (rm > 4) illegal(h, i);
  return rm;
}

/** Merges the operation's exceptions into fcsr.fflags (FS becomes Dirty when any were raised). */
export function accrue(h: Hart): void {
  const fl = fflags[0];
  if (fl !== 0) {
    h.fflags |= fl;
    h.csr.fpDirty();
  }
}

/** Writes a binary32 result, NaN-boxed, and marks FS Dirty. */
export function setS(h: Hart, i: number, v: number): void {
  const rd = (i >>> 6) & 62;
  h.f[rd] = v;
  h.f[rd + 1] = -1;
  h.csr.fpDirty();
}

/** Writes the binary64 result in dout and marks FS Dirty. */
export function setDFromOut(h: Hart, i: number): void {
  const rd = (i >>> 6) & 62;
  h.f[rd] = dout[0];
  h.f[rd + 1] = dout[1];
  h.csr.fpDirty();
}

/** Writes the 64-bit integer result in dout to x[rd]. */
export function setXFromOut(h: Hart, i: number): void {
  const rd = (i >>> 6) & 62;
  h.x[rd] = dout[0];
  h.x[rd + 1] = dout[1];
}

/** Writes a 0/1 or small non-negative integer result to x[rd]. */
export function setXSmall(h: Hart, i: number, v: number): void {
  const rd = (i >>> 6) & 62;
  h.x[rd] = v;
  h.x[rd + 1] = 0;
}

const s1 = (h: Hart, i: number): number => {
  const r = (i >>> 14) & 62;
  return unboxS(h.f[r], h.f[r + 1]);
};
const s2 = (h: Hart, i: number): number => {
  const r = (i >>> 19) & 62;
  return unboxS(h.f[r], h.f[r + 1]);
};
const s3 = (h: Hart, i: number): number => {
  const r = (i >>> 26) & 62;
  return unboxS(h.f[r], h.f[r + 1]);
};

/** Effective address (lo, hi) of a load/store: x[rs1] + imm; hi returned through eaHi. */
let eaHi = 0;
export function effAddr(h: Hart, i: number, off: number): number {
  const rs1 = (i >>> 14) & 62;
  const a = h.x[rs1];
  const lo = (a + off) | 0;
  eaHi = (h.x[rs1 + 1] + (off >> 31) + ((lo >>> 0) < (a >>> 0) ? 1 : 0)) | 0;
  return lo;
}
export function effAddrHi(): number {
  return eaHi;
}

type Bin32 = (a: number, b: number, rm: number) => number;
type Fma32 = (a: number, b: number, c: number, rm: number) => number;

function arith(name: string, match: number, op: Bin32): InsnRow {
  return {
    name, ext: 'F', mask: 0xfe00007f, match, format: 'F_R_RM',
    exec: (h, i) => {
      fpCheck(h, i);
      const rm = rmOf(h, i);
      setS(h, i, op(s1(h, i), s2(h, i), rm));
      accrue(h);
    },
  };
}

function fused(name: string, match: number, op: Fma32): InsnRow {
  return {
    name, ext: 'F', mask: 0x0600007f, match, format: 'F_R4_RM',
    exec: (h, i) => {
      fpCheck(h, i);
      const rm = rmOf(h, i);
      setS(h, i, op(s1(h, i), s2(h, i), s3(h, i), rm));
      accrue(h);
    },
  };
}

function noRm(name: string, match: number, op: (a: number, b: number) => number): InsnRow {
  return {
    name, ext: 'F', mask: 0xfe00707f, match, format: 'F_R',
    exec: (h, i) => {
      fpCheck(h, i);
      setS(h, i, op(s1(h, i), s2(h, i)));
      accrue(h);
    },
  };
}

function compare(name: string, match: number, op: (a: number, b: number) => number): InsnRow {
  return {
    name, ext: 'F', mask: 0xfe00707f, match, format: 'F_CMP',
    exec: (h, i) => {
      fpCheck(h, i);
      setXSmall(h, i, op(s1(h, i), s2(h, i)));
      accrue(h);
    },
  };
}

function toInt(name: string, match: number, kind: number): InsnRow {
  return {
    name, ext: 'F', mask: 0xfff0007f, match, format: 'F_TO_X_RM',
    exec: (h, i) => {
      fpCheck(h, i);
      fcvtIntFromS(s1(h, i), rmOf(h, i), kind);
      setXFromOut(h, i);
      accrue(h);
    },
  };
}

function fromInt(name: string, match: number, wide: boolean, unsigned: boolean): InsnRow {
  return {
    name, ext: 'F', mask: 0xfff0007f, match, format: 'X_TO_F_RM',
    exec: (h, i) => {
      fpCheck(h, i);
      const rm = rmOf(h, i);
      const r = (i >>> 14) & 62;
      setS(h, i, wide ? fcvtSFromL(h.x[r], h.x[r + 1], rm, unsigned) : fcvtSFromW(h.x[r], rm, unsigned));
      accrue(h);
    },
  };
}

export const rvF: InsnRow[] = [
  {
    name: 'flw', ext: 'F', mask: 0x0000707f, match: 0x00002007, format: 'F_LOAD',
    exec: (h, i) => {
      fpCheck(h, i);
      const lo = effAddr(h, i, i >> 20);
      setS(h, i, h.mmu.load32(lo, eaHi));
    },
  },
  {
    // Stores the low 32 bits as they are (no unboxing: the F chapter says FSW does not check boxing).
    name: 'fsw', ext: 'F', mask: 0x0000707f, match: 0x00002027, format: 'F_STORE',
    exec: (h, i) => {
      fpCheck(h, i);
      const lo = effAddr(h, i, immS(i));
      h.mmu.store32(lo, eaHi, h.f[(i >>> 19) & 62]);
    },
  },
  fused('fmadd_s', 0x00000043, fma32),
  fused('fmsub_s', 0x00000047, fmsub32),
  fused('fnmsub_s', 0x0000004b, fnmsub32),
  fused('fnmadd_s', 0x0000004f, fnmadd32),
  arith('fadd_s', 0x00000053, fadd32),
  arith('fsub_s', 0x08000053, fsub32),
  arith('fmul_s', 0x10000053, fmul32),
  arith('fdiv_s', 0x18000053, fdiv32),
  {
    name: 'fsqrt_s', ext: 'F', mask: 0xfff0007f, match: 0x58000053, format: 'F_R1_RM',
    exec: (h, i) => {
      fpCheck(h, i);
      const rm = rmOf(h, i);
      setS(h, i, fsqrt32(s1(h, i), rm));
      accrue(h);
    },
  },
  noRm('fsgnj_s', 0x20000053, fsgnj32),
  noRm('fsgnjn_s', 0x20001053, fsgnjn32),
  noRm('fsgnjx_s', 0x20002053, fsgnjx32),
  noRm('fmin_s', 0x28000053, (a, b) => fminmax32(a, b, false)),
  noRm('fmax_s', 0x28001053, (a, b) => fminmax32(a, b, true)),
  toInt('fcvt_w_s', 0xc0000053, KIND_W),
  toInt('fcvt_wu_s', 0xc0100053, KIND_WU),
  toInt('fcvt_l_s', 0xc0200053, KIND_L),
  toInt('fcvt_lu_s', 0xc0300053, KIND_LU),
  {
    // The raw low 32 bits of f[rs1], sign-extended (no unboxing).
    name: 'fmv_x_w', ext: 'F', mask: 0xfff0707f, match: 0xe0000053, format: 'F_TO_X',
    exec: (h, i) => {
      fpCheck(h, i);
      const v = h.f[(i >>> 14) & 62];
      const rd = (i >>> 6) & 62;
      h.x[rd] = v;
      h.x[rd + 1] = v >> 31;
    },
  },
  {
    name: 'fclass_s', ext: 'F', mask: 0xfff0707f, match: 0xe0001053, format: 'F_TO_X',
    exec: (h, i) => {
      fpCheck(h, i);
      setXSmall(h, i, fclass32(s1(h, i)));
    },
  },
  compare('feq_s', 0xa0002053, feq32),
  compare('flt_s', 0xa0001053, flt32),
  compare('fle_s', 0xa0000053, fle32),
  fromInt('fcvt_s_w', 0xd0000053, false, false),
  fromInt('fcvt_s_wu', 0xd0100053, false, true),
  fromInt('fcvt_s_l', 0xd0200053, true, false),
  fromInt('fcvt_s_lu', 0xd0300053, true, true),
  {
    name: 'fmv_w_x', ext: 'F', mask: 0xfff0707f, match: 0xf0000053, format: 'X_TO_F',
    exec: (h, i) => {
      fpCheck(h, i);
      setS(h, i, h.x[(i >>> 14) & 62]);
    },
  },
];
