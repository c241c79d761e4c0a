/**
 * The catalogue of F/D operations as test harnesses see them: name (assembler mnemonic), operand
 * kinds, result kind, whether it takes a rounding mode, and a BigInt-level adapter to this
 * library. Used by the differential tests and scripts/fuzz-fp.mjs; not by the simulator (BigInt).
 */
import { dout, fflags } from './env.js';
import * as f32 from './f32.js';
import * as f64 from './f64.js';
import * as cvt from './cvt.js';
import * as misc from './misc.js';

/** S: binary32 bits; D: binary64 bits; W: 32-bit integer register operand; L: 64-bit integer. */
export type ArgKind = 'S' | 'D' | 'W' | 'L';
/** X: 64-bit integer register result. */
export type ResKind = 'S' | 'D' | 'X';

export interface FpOp {
  name: string;
  args: ArgKind[];
  res: ResKind;
  rm: boolean;
  /** Runs the library; returns the result (S: 32 bits, D/X: 64 bits, unsigned). Flags in fflags. */
  run(a: bigint[], rm: number): bigint;
}

const lo = (v: bigint): number => Number(v & 0xffffffffn) | 0;
const hi = (v: bigint): number => Number((v >> 32n) & 0xffffffffn) | 0;
const s32 = (v: number): bigint => BigInt(v >>> 0);
const d64 = (): bigint => (BigInt(dout[1] >>> 0) << 32n) | BigInt(dout[0] >>> 0);

function op(name: string, args: ArgKind[], res: ResKind, rm: boolean, run: FpOp['run']): FpOp {
  return { name, args, res, rm, run };
}

export const FP_OPS: FpOp[] = [
  op('fadd.s', ['S', 'S'], 'S', true, (a, rm) => s32(f32.fadd32(lo(a[0]), lo(a[1]), rm))),
  op('fsub.s', ['S', 'S'], 'S', true, (a, rm) => s32(f32.fsub32(lo(a[0]), lo(a[1]), rm))),
  op('fmul.s', ['S', 'S'], 'S', true, (a, rm) => s32(f32.fmul32(lo(a[0]), lo(a[1]), rm))),
  op('fdiv.s', ['S', 'S'], 'S', true, (a, rm) => s32(f32.fdiv32(lo(a[0]), lo(a[1]), rm))),
  op('fsqrt.s', ['S'], 'S', true, (a, rm) => s32(f32.fsqrt32(lo(a[0]), rm))),
  op('fmadd.s', ['S', 'S', 'S'], 'S', true, (a, rm) => s32(f32.fma32(lo(a[0]), lo(a[1]), lo(a[2]), rm))),
  op('fmsub.s', ['S', 'S', 'S'], 'S', true, (a, rm) => s32(f32.fmsub32(lo(a[0]), lo(a[1]), lo(a[2]), rm))),
  op('fnmadd.s', ['S', 'S', 'S'], 'S', true, (a, rm) => s32(f32.fnmadd32(lo(a[0]), lo(a[1]), lo(a[2]), rm))),
  op('fnmsub.s', ['S', 'S', 'S'], 'S', true, (a, rm) => s32(f32.fnmsub32(lo(a[0]), lo(a[1]), lo(a[2]), rm))),
  op('fsgnj.s', ['S', 'S'], 'S', false, (a) => s32(misc.fsgnj32(lo(a[0]), lo(a[1])))),
  op('fsgnjn.s', ['S', 'S'], 'S', false, (a) => s32(misc.fsgnjn32(lo(a[0]), lo(a[1])))),
  op('fsgnjx.s', ['S', 'S'], 'S', false, (a) => s32(misc.fsgnjx32(lo(a[0]), lo(a[1])))),
  op('fmin.s', ['S', 'S'], 'S', false, (a) => s32(misc.fminmax32(lo(a[0]), lo(a[1]), false))),
  op('fmax.s', ['S', 'S'], 'S', false, (a) => s32(misc.fminmax32(lo(a[0]), lo(a[1]), true))),
  op('feq.s', ['S', 'S'], 'X', false, (a) => BigInt(misc.feq32(lo(a[0]), lo(a[1])))),
  op('flt.s', ['S', 'S'], 'X', false, (a) => BigInt(misc.flt32(lo(a[0]), lo(a[1])))),
  op('fle.s', ['S', 'S'], 'X', false, (a) => BigInt(misc.fle32(lo(a[0]), lo(a[1])))),
  op('fclass.s', ['S'], 'X', false, (a) => BigInt(misc.fclass32(lo(a[0])))),
  op('fcvt.w.s', ['S'], 'X', true, (a, rm) => (cvt.fcvtIntFromS(lo(a[0]), rm, cvt.KIND_W), d64())),
  op('fcvt.wu.s', ['S'], 'X', true, (a, rm) => (cvt.fcvtIntFromS(lo(a[0]), rm, cvt.KIND_WU), d64())),
  op('fcvt.l.s', ['S'], 'X', true, (a, rm) => (cvt.fcvtIntFromS(lo(a[0]), rm, cvt.KIND_L), d64())),
  op('fcvt.lu.s', ['S'], 'X', true, (a, rm) => (cvt.fcvtIntFromS(lo(a[0]), rm, cvt.KIND_LU), d64())),
  op('fcvt.s.w', ['W'], 'S', true, (a, rm) => s32(cvt.fcvtSFromW(lo(a[0]), rm, false))),
  op('fcvt.s.wu', ['W'], 'S', true, (a, rm) => s32(cvt.fcvtSFromW(lo(a[0]), rm, true))),
  op('fcvt.s.l', ['L'], 'S', true, (a, rm) => s32(cvt.fcvtSFromL(lo(a[0]), hi(a[0]), rm, false))),
  op('fcvt.s.lu', ['L'], 'S', true, (a, rm) => s32(cvt.fcvtSFromL(lo(a[0]), hi(a[0]), rm, true))),
  op('fadd.d', ['D', 'D'], 'D', true, (a, rm) => (f64.fadd64(lo(a[0]), hi(a[0]), lo(a[1]), hi(a[1]), rm), d64())),
  op('fsub.d', ['D', 'D'], 'D', true, (a, rm) => (f64.fsub64(lo(a[0]), hi(a[0]), lo(a[1]), hi(a[1]), rm), d64())),
  op('fmul.d', ['D', 'D'], 'D', true, (a, rm) => (f64.fmul64(lo(a[0]), hi(a[0]), lo(a[1]), hi(a[1]), rm), d64())),
  op('fdiv.d', ['D', 'D'], 'D', true, (a, rm) => (f64.fdiv64(lo(a[0]), hi(a[0]), lo(a[1]), hi(a[1]), rm), d64())),
  op('fsqrt.d', ['D'], 'D', true, (a, rm) => (f64.fsqrt64(lo(a[0]), hi(a[0]), rm), d64())),
  op('fmadd.d', ['D', 'D', 'D'], 'D', true, (a, rm) => (f64.fma64(lo(a[0]), hi(a[0]), lo(a[1]), hi(a[1]), lo(a[2]), hi(a[2]), rm), d64())),
  op('fmsub.d', ['D', 'D', 'D'], 'D', true, (a, rm) => (f64.fmsub64(lo(a[0]), hi(a[0]), lo(a[1]), hi(a[1]), lo(a[2]), hi(a[2]), rm), d64())),
  op('fnmadd.d', ['D', 'D', 'D'], 'D', true, (a, rm) => (f64.fnmadd64(lo(a[0]), hi(a[0]), lo(a[1]), hi(a[1]), lo(a[2]), hi(a[2]), rm), d64())),
  op('fnmsub.d', ['D', 'D', 'D'], 'D', true, (a, rm) => (f64.fnmsub64(lo(a[0]), hi(a[0]), lo(a[1]), hi(a[1]), lo(a[2]), hi(a[2]), rm), d64())),
  op('fsgnj.d', ['D', 'D'], 'D', false, (a) => (misc.fsgnj64(lo(a[0]), hi(a[0]), hi(a[1])), d64())),
  op('fsgnjn.d', ['D', 'D'], 'D', false, (a) => (misc.fsgnjn64(lo(a[0]), hi(a[0]), hi(a[1])), d64())),
  op('fsgnjx.d', ['D', 'D'], 'D', false, (a) => (misc.fsgnjx64(lo(a[0]), hi(a[0]), hi(a[1])), d64())),
  op('fmin.d', ['D', 'D'], 'D', false, (a) => (misc.fminmax64(lo(a[0]), hi(a[0]), lo(a[1]), hi(a[1]), false), d64())),
  op('fmax.d', ['D', 'D'], 'D', false, (a) => (misc.fminmax64(lo(a[0]), hi(a[0]), lo(a[1]), hi(a[1]), true), d64())),
  op('feq.d', ['D', 'D'], 'X', false, (a) => BigInt(misc.feq64(lo(a[0]), hi(a[0]), lo(a[1]), hi(a[1])))),
  op('flt.d', ['D', 'D'], 'X', false, (a) => BigInt(misc.flt64(lo(a[0]), hi(a[0]), lo(a[1]), hi(a[1])))),
  op('fle.d', ['D', 'D'], 'X', false, (a) => BigInt(misc.fle64(lo(a[0]), hi(a[0]), lo(a[1]), hi(a[1])))),
  op('fclass.d', ['D'], 'X', false, (a) => BigInt(misc.fclass64(lo(a[0]), hi(a[0])))),
  op('fcvt.w.d', ['D'], 'X', true, (a, rm) => (cvt.fcvtIntFromD(lo(a[0]), hi(a[0]), rm, cvt.KIND_W), d64())),
  op('fcvt.wu.d', ['D'], 'X', true, (a, rm) => (cvt.fcvtIntFromD(lo(a[0]), hi(a[0]), rm, cvt.KIND_WU), d64())),
  op('fcvt.l.d', ['D'], 'X', true, (a, rm) => (cvt.fcvtIntFromD(lo(a[0]), hi(a[0]), rm, cvt.KIND_L), d64())),
  op('fcvt.lu.d', ['D'], 'X', true, (a, rm) => (cvt.fcvtIntFromD(lo(a[0]), hi(a[0]), rm, cvt.KIND_LU), d64())),
  op('fcvt.d.w', ['W'], 'D', true, (a) => (cvt.fcvtDFromW(lo(a[0]), false), d64())),
  op('fcvt.d.wu', ['W'], 'D', true, (a) => (cvt.fcvtDFromW(lo(a[0]), true), d64())),
  op('fcvt.d.l', ['L'], 'D', true, (a, rm) => (cvt.fcvtDFromL(lo(a[0]), hi(a[0]), rm, false), d64())),
  op('fcvt.d.lu', ['L'], 'D', true, (a, rm) => (cvt.fcvtDFromL(lo(a[0]), hi(a[0]), rm, true), d64())),
  op('fcvt.s.d', ['D'], 'S', true, (a, rm) => s32(cvt.fcvtSFromD(lo(a[0]), hi(a[0]), rm))),
  op('fcvt.d.s', ['S'], 'D', true, (a) => (cvt.fcvtDFromS(lo(a[0])), d64())),
];

export function findOp(name: string): FpOp {
  const o = FP_OPS.find((x) => x.name === name);
  if (!o) throw new Error(`unknown FP op ${name}`);
  return o;
}

/** Runs op with fresh flags; returns [result, flags]. */
export function runOp(o: FpOp, args: bigint[], rm: number): [bigint, number] {
  fflags[0] = 0;
  const r = o.run(args, rm);
  return [r, fflags[0]];
}
