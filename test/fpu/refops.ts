/** Maps each catalogued operation (src/rv64/fpu/oplist.ts) to the reference model in ref.ts. */
import * as R from './ref.js';

type RefFn = (a: bigint[], rm: number) => R.Res;

const s = R.F32;
const d = R.F64;
const sx32 = (v: bigint): bigint => BigInt.asIntN(32, v & 0xffffffffn);

export const REF: Record<string, RefFn> = {};
for (const [sfx, f] of [['s', s], ['d', d]] as const) {
  REF[`fadd.${sfx}`] = (a, rm) => R.refAdd(f, a[0], a[1], rm);
  REF[`fsub.${sfx}`] = (a, rm) => R.refAdd(f, a[0], a[1], rm, true);
  REF[`fmul.${sfx}`] = (a, rm) => R.refMul(f, a[0], a[1], rm);
  REF[`fdiv.${sfx}`] = (a, rm) => R.refDiv(f, a[0], a[1], rm);
  REF[`fsqrt.${sfx}`] = (a, rm) => R.refSqrt(f, a[0], rm);
  REF[`fmadd.${sfx}`] = (a, rm) => R.refFma(f, a[0], a[1], a[2], rm, false, false);
  REF[`fmsub.${sfx}`] = (a, rm) => R.refFma(f, a[0], a[1], a[2], rm, false, true);
  REF[`fnmsub.${sfx}`] = (a, rm) => R.refFma(f, a[0], a[1], a[2], rm, true, false);
  REF[`fnmadd.${sfx}`] = (a, rm) => R.refFma(f, a[0], a[1], a[2], rm, true, true);
  REF[`fsgnj.${sfx}`] = (a) => R.refSgnj(f, a[0], a[1], 0);
  REF[`fsgnjn.${sfx}`] = (a) => R.refSgnj(f, a[0], a[1], 1);
  REF[`fsgnjx.${sfx}`] = (a) => R.refSgnj(f, a[0], a[1], 2);
  REF[`fmin.${sfx}`] = (a) => R.refMinMax(f, a[0], a[1], false);
  REF[`fmax.${sfx}`] = (a) => R.refMinMax(f, a[0], a[1], true);
  REF[`feq.${sfx}`] = (a) => R.refCmp(f, a[0], a[1], 'eq');
  REF[`flt.${sfx}`] = (a) => R.refCmp(f, a[0], a[1], 'lt');
  REF[`fle.${sfx}`] = (a) => R.refCmp(f, a[0], a[1], 'le');
  REF[`fclass.${sfx}`] = (a) => R.refClass(f, a[0]);
  REF[`fcvt.w.${sfx}`] = (a, rm) => R.refToInt(f, a[0], rm, 32, false);
  REF[`fcvt.wu.${sfx}`] = (a, rm) => R.refToInt(f, a[0], rm, 32, true);
  REF[`fcvt.l.${sfx}`] = (a, rm) => R.refToInt(f, a[0], rm, 64, false);
  REF[`fcvt.lu.${sfx}`] = (a, rm) => R.refToInt(f, a[0], rm, 64, true);
  REF[`fcvt.${sfx}.w`] = (a, rm) => R.refFromInt(f, sx32(a[0]), rm);
  REF[`fcvt.${sfx}.wu`] = (a, rm) => R.refFromInt(f, a[0] & 0xffffffffn, rm);
  REF[`fcvt.${sfx}.l`] = (a, rm) => R.refFromInt(f, BigInt.asIntN(64, a[0]), rm);
  REF[`fcvt.${sfx}.lu`] = (a, rm) => R.refFromInt(f, BigInt.asUintN(64, a[0]), rm);
}
REF['fcvt.s.d'] = (a, rm) => R.refCvtFF(s, d, a[0], rm);
REF['fcvt.d.s'] = (a, rm) => R.refCvtFF(d, s, a[0], rm);
