/**
 * RV64D: double-precision floating point (unprivileged spec, chapter "D" Standard Extension).
 * Same rules as rv-f.ts (FS gating, rm resolution, Dirty marking); binary64 values live unboxed
 * in the 64-bit f registers, binary32 operands of the conversions are read through NaN-boxing.
 */
import type { Hart } from '../hart.js';
import type { InsnRow } from './types.js';
import { immS } from './fields.js';
import { dout } from '../fpu/env.js';
import {
  fadd64, fdiv64, fma64, fmsub64, fmul64, fnmadd64, fnmsub64, fsqrt64, fsub64,
} from '../fpu/f64.js';
import {
  fcvtDFromL, fcvtDFromS, fcvtDFromW, fcvtIntFromD, fcvtSFromD, KIND_L, KIND_LU, KIND_W, KIND_WU,
} from '../fpu/cvt.js';
import {
  fclass64, feq64, fle64, flt64, fminmax64, fsgnj64, fsgnjn64, fsgnjx64, unboxS,
} from '../fpu/misc.js';
import {
  accrue, effAddr, effAddrHi, fpCheck, rmOf, setDFromOut, setS, setXFromOut, setXSmall,
} from './rv-f.js';

type Bin64 = (alo: number, ahi: number, blo: number, bhi: number, rm: number) => void;
type Fma64 = (alo: number, ahi: number, blo: number, bhi: number, clo: number, chi: number, rm: number) => void;

function arith(name: string, match: number, op: Bin64): InsnRow {
  return {
    name, ext: 'D', mask: 0xfe00007f, match, format: 'F_R_RM',
    exec: (h, i) => {
      fpCheck(h, i);
      const rm = rmOf(h, i);
      const f = h.f;
      const a = (i >>> 14) & 62;
      const b = (i >>> 19) & 62;
      op(f[a], f[a + 1], f[b], f[b + 1], rm);
      setDFromOut(h, i);
      accrue(h);
    },
  };
}

function fused(name: string, match: number, op: Fma64): InsnRow {
  return {
    name, ext: 'D', mask: 0x0600007f, match, format: 'F_R4_RM',
    exec: (h, i) => {
      fpCheck(h, i);
      const rm = rmOf(h, i);
      const f = h.f;
      const a = (i >>> 14) & 62;
      const b = (i >>> 19) & 62;
      const c = (i >>> 26) & 62;
      op(f[a], f[a + 1], f[b], f[b + 1], f[c], f[c + 1], rm);
      setDFromOut(h, i);
      accrue(h);
    },
  };
}

function sgnj(name: string, match: number, op: (alo: number, ahi: number, bhi: number) => void): InsnRow {
  return {
    name, ext: 'D', mask: 0xfe00707f, match, format: 'F_R',
    exec: (h, i) => {
      fpCheck(h, i);
      const f = h.f;
      const a = (i >>> 14) & 62;
      op(f[a], f[a + 1], f[((i >>> 19) & 62) + 1]);
      setDFromOut(h, i);
    },
  };
}

function minmax(name: string, match: number, max: boolean): InsnRow {
  return {
    name, ext: 'D', mask: 0xfe00707f, match, format: 'F_R',
    exec: (h, i) => {
      fpCheck(h, i);
      const f = h.f;
      const a = (i >>> 14) & 62;
      const b = (i >>> 19) & 62;
      fminmax64(f[a], f[a + 1], f[b], f[b + 1], max);
      setDFromOut(h, i);
      accrue(h);
    },
  };
}

function compare(name: string, match: number, op: (alo: number, ahi: number, blo: number, bhi: number) => number): InsnRow {
  return {
    name, ext: 'D', mask: 0xfe00707f, match, format: 'F_CMP',
    exec: (h, i) => {
      fpCheck(h, i);
      const f = h.f;
      const a = (i >>> 14) & 62;
      const b = (i >>> 19) & 62;
      setXSmall(h, i, op(f[a], f[a + 1], f[b], f[b + 1]));
      accrue(h);
    },
  };
}

function toInt(name: string, match: number, kind: number): InsnRow {
  return {
    name, ext: 'D', mask: 0xfff0007f, match, format: 'F_TO_X_RM',
    exec: (h, i) => {
      fpCheck(h, i);
      const rm = rmOf(h, i);
      const a = (i >>> 14) & 62;
      fcvtIntFromD(h.f[a], h.f[a + 1], rm, kind);
      setXFromOut(h, i);
      accrue(h);
    },
  };
}

function fromInt(name: string, match: number, wide: boolean, unsigned: boolean): InsnRow {
  return {
    name, ext: 'D', mask: 0xfff0007f, match, format: 'X_TO_F_RM',
    exec: (h, i) => {
      fpCheck(h, i);
      // fcvt.d.w[u] never rounds, but its rm field is still checked (reserved values are illegal).
      const rm = rmOf(h, i);
      const r = (i >>> 14) & 62;
      if (wide) fcvtDFromL(h.x[r], h.x[r + 1], rm, unsigned);
      else fcvtDFromW(h.x[r], unsigned);
      setDFromOut(h, i);
      accrue(h);
    },
  };
}

export const rvD: InsnRow[] = [
  {
    name: 'fld', ext: 'D', mask: 0x0000707f, match: 0x00003007, format: 'F_LOAD',
    exec: (h: Hart, i: number) => {
      fpCheck(h, i);
      const lo = effAddr(h, i, i >> 20);
      const mmu = h.mmu;
      const v = mmu.load64(lo, effAddrHi());
      const rd = (i >>> 6) & 62;
      h.f[rd] = v;
      h.f[rd + 1] = mmu.hi;
      h.csr.fpDirty();
    },
  },
  {
    name: 'fsd', ext: 'D', mask: 0x0000707f, match: 0x00003027, format: 'F_STORE',
    exec: (h, i) => {
      fpCheck(h, i);
      const lo = effAddr(h, i, immS(i));
      const rs2 = (i >>> 19) & 62;
      h.mmu.store64(lo, effAddrHi(), h.f[rs2], h.f[rs2 + 1]);
    },
  },
  fused('fmadd_d', 0x02000043, fma64),
  fused('fmsub_d', 0x02000047, fmsub64),
  fused('fnmsub_d', 0x0200004b, fnmsub64),
  fused('fnmadd_d', 0x0200004f, fnmadd64),
  arith('fadd_d', 0x02000053, fadd64),
  arith('fsub_d', 0x0a000053, fsub64),
  arith('fmul_d', 0x12000053, fmul64),
  arith('fdiv_d', 0x1a000053, fdiv64),
  {
    name: 'fsqrt_d', ext: 'D', mask: 0xfff0007f, match: 0x5a000053, format: 'F_R1_RM',
    exec: (h, i) => {
      fpCheck(h, i);
      const rm = rmOf(h, i);
      const a = (i >>> 14) & 62;
      fsqrt64(h.f[a], h.f[a + 1], rm);
      setDFromOut(h, i);
      accrue(h);
    },
  },
  sgnj('fsgnj_d', 0x22000053, fsgnj64),
  sgnj('fsgnjn_d', 0x22001053, fsgnjn64),
  sgnj('fsgnjx_d', 0x22002053, fsgnjx64),
  minmax('fmin_d', 0x2a000053, false),
  minmax('fmax_d', 0x2a001053, true),
  {
    name: 'fcvt_s_d', ext: 'D', mask: 0xfff0007f, match: 0x40100053, format: 'F_R1_RM',
    exec: (h, i) => {
      fpCheck(h, i);
      const rm = rmOf(h, i);
      const a = (i >>> 14) & 62;
      setS(h, i, fcvtSFromD(h.f[a], h.f[a + 1], rm));
      accrue(h);
    },
  },
  {
    name: 'fcvt_d_s', ext: 'D', mask: 0xfff0007f, match: 0x42000053, format: 'F_R1_RM',
    exec: (h, i) => {
      fpCheck(h, i);
      rmOf(h, i); // exact, but reserved rm values are still illegal
      const a = (i >>> 14) & 62;
      fcvtDFromS(unboxS(h.f[a], h.f[a + 1]));
      setDFromOut(h, i);
      accrue(h);
    },
  },
  compare('feq_d', 0xa2002053, feq64),
  compare('flt_d', 0xa2001053, flt64),
  compare('fle_d', 0xa2000053, fle64),
  {
    name: 'fclass_d', ext: 'D', mask: 0xfff0707f, match: 0xe2001053, format: 'F_TO_X',
    exec: (h, i) => {
      fpCheck(h, i);
      const a = (i >>> 14) & 62;
      setXSmall(h, i, fclass64(h.f[a], h.f[a + 1]));
    },
  },
  toInt('fcvt_w_d', 0xc2000053, KIND_W),
  toInt('fcvt_wu_d', 0xc2100053, KIND_WU),
  toInt('fcvt_l_d', 0xc2200053, KIND_L),
  toInt('fcvt_lu_d', 0xc2300053, KIND_LU),
  fromInt('fcvt_d_w', 0xd2000053, false, false),
  fromInt('fcvt_d_wu', 0xd2100053, false, true),
  fromInt('fcvt_d_l', 0xd2200053, true, false),
  fromInt('fcvt_d_lu', 0xd2300053, true, true),
  {
    name: 'fmv_x_d', ext: 'D', mask: 0xfff0707f, match: 0xe2000053, format: 'F_TO_X',
    exec: (h, i) => {
      fpCheck(h, i);
      const a = (i >>> 14) & 62;
      const rd = (i >>> 6) & 62;
      h.x[rd] = h.f[a];
      h.x[rd + 1] = h.f[a + 1];
    },
  },
  {
    name: 'fmv_d_x', ext: 'D', mask: 0xfff0707f, match: 0xf2000053, format: 'X_TO_F',
    exec: (h, i) => {
      fpCheck(h, i);
      const r = (i >>> 14) & 62;
      dout[0] = h.x[r];
      dout[1] = h.x[r + 1];
      setDFromOut(h, i);
    },
  },
];
