/**
 * Generates the arithmetic part of our rv64uf / rv64ud riscv-tests (riscv-tests/isa/rv64u{f,d}/
 * gen_*.S): every F/D computational instruction on edge operands (±0, subnormals, ±inf, quiet and
 * signalling NaNs, range ends), halfway cases in all five rounding modes (static rm and dynamic
 * through frm), conversion boundaries (2^31, 2^32, 2^63, 2^64 and neighbours), and a seeded,
 * flag-diverse sample of the biased operand generator. Every expected result and fflags value
 * comes from the BigInt reference model (ref.ts), never from the library under test.
 *
 * isa-gen.test.ts fails whenever the committed sources differ from this generator's output.
 * Regenerate (then rebuild the ELFs with scripts/build-riscv-tests.sh):
 *   npx tsc test/fpu/isa-gen.ts --outDir /tmp/isa-gen --rootDir . --module nodenext \
 *     --moduleResolution nodenext --target es2022 --skipLibCheck
 *   echo '{"type":"module"}' > /tmp/isa-gen/package.json
 *   node /tmp/isa-gen/test/fpu/isa-gen.js riscv-tests/isa
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FP_OPS, type FpOp } from '../../src/rv64/fpu/oplist.js';
import { genCase, Rng } from '../../src/rv64/fpu/casegen.js';
import { REF } from './refops.js';

export interface GenFile {
  path: string; // relative to riscv-tests/isa
  text: string;
}

const RM_NAMES = ['rne', 'rtz', 'rdn', 'rup', 'rmm'];
const MAX_TESTS = 250; // test numbers 2..251 (QEMU's exit status is tohost >> 1 mod 256)

type Case = { args: bigint[]; rm: number; dyn: boolean };

/** Exact operations: they have an rm field, but the assembler takes no rm operand for them. */
const EXACT = new Set(['fcvt.d.s', 'fcvt.d.w', 'fcvt.d.wu']);
const takesRm = (op: FpOp): boolean => op.rm && !EXACT.has(op.name);

const hex = (v: bigint, digits: number): string => `0x${BigInt.asUintN(digits * 4, v).toString(16).padStart(digits, '0')}`;

/** Edge operands: ±0, ±min/max subnormal, ±min normal, ±1, 1.5, ±max, ±inf, qNaN (+ and -), sNaN. */
const EDGE_S = [
  0x00000000n, 0x80000000n, 0x00000001n, 0x807fffffn, 0x00800000n, 0x3f800000n, 0xbfc00000n,
  0x7f7fffffn, 0xff7fffffn, 0x7f800000n, 0xff800000n, 0x7fc00000n, 0xffc12345n, 0x7f800001n,
];
const EDGE_D = [
  0x0000000000000000n, 0x8000000000000000n, 0x0000000000000001n, 0x800fffffffffffffn,
  0x0010000000000000n, 0x3ff0000000000000n, 0xbff8000000000000n, 0x7fefffffffffffffn,
  0xffefffffffffffffn, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n,
  0xfff8000012345678n, 0x7ff0000000000001n,
];

/** Format parameters: p precision, bias, exponent shift. */
const FMT = {
  S: { p: 24, bias: 127, shift: 23n, sign: 1n << 31n },
  D: { p: 53, bias: 1023, shift: 52n, sign: 1n << 63n },
};
/** The float 2^e * (1 + m * 2^-(p-1)) as bits (normal range only). */
function fl(k: 'S' | 'D', e: number, m: bigint, neg = false): bigint {
  const f = FMT[k];
  return (neg ? f.sign : 0n) | (BigInt(e + f.bias) << f.shift) | m;
}
/** Bits of a float the host can represent exactly (conversion boundaries). */
function num(k: 'S' | 'D', x: number): bigint {
  if (k === 'D') {
    const b = new BigUint64Array(new Float64Array([x]).buffer);
    return b[0];
  }
  const f = new Float32Array([x]);
  if (f[0] !== x) throw new Error(`${x} is not exact in binary32`);
  return BigInt(new Uint32Array(f.buffer)[0]);
}

/** Hand-built rounding cases (exact ties, just above/below ties) for one operation. */
function tieCases(op: FpOp, k: 'S' | 'D'): bigint[][] {
  const p = FMT[k].p;
  const one = fl(k, 0, 0n);
  const oneUlp = fl(k, 0, 1n);
  const one3Ulp = fl(k, 0, 3n);
  const half = fl(k, -p, 0n); // half an ulp of 1
  const halfPlus = fl(k, -p, 1n);
  const quarter = fl(k, -p - 1, 0n); // half an ulp just below 1
  const onePt5 = fl(k, 0, 1n << BigInt(p - 2));
  const neg = (v: bigint): bigint => v | FMT[k].sign;
  const kind = op.name.split('.')[0];
  switch (kind) {
    case 'fadd':
      return [[one, half], [oneUlp, half], [neg(one), neg(half)], [one3Ulp, halfPlus], [one, neg(quarter)]];
    case 'fsub':
      return [[one, neg(half)], [oneUlp, neg(half)], [neg(oneUlp), half], [one, quarter], [one, halfPlus]];
    case 'fmul':
      return [[oneUlp, onePt5], [one3Ulp, onePt5], [neg(oneUlp), onePt5], [oneUlp, neg(onePt5)]];
    case 'fdiv':
      return [[one, fl(k, 1, 1n << BigInt(p - 2))], [neg(one), fl(k, 1, 1n << BigInt(p - 2))], [fl(k, 1, 0n), fl(k, 0, 1n << BigInt(p - 2))]];
    case 'fsqrt':
      return [[fl(k, 1, 0n)], [fl(k, 1, 1n << BigInt(p - 2))], [fl(k, 0, 1n)]];
    case 'fmadd':
    case 'fmsub':
    case 'fnmadd':
    case 'fnmsub':
      return [
        [oneUlp, onePt5, 0n],
        [one3Ulp, onePt5, FMT[k].sign],
        [oneUlp, onePt5, 1n], // a tie broken by a minimal subnormal addend
        [oneUlp, onePt5, neg(1n)],
        [oneUlp, neg(onePt5), fl(k, 1, 0n)],
      ];
    case 'fcvt': {
      if (op.args[0] === 'W' || op.args[0] === 'L') {
        const big = 1n << BigInt(p);
        const vs = op.args[0] === 'W' && p > 32 ? [] : [big + 1n, big + 3n, BigInt.asUintN(64, -(big + 1n)), big + 2n];
        return vs.map((v) => [v]);
      }
      if (op.res === 'X') return [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.75, -0.25].map((x) => [num(k, x)]);
      if (op.name === 'fcvt.s.d') {
        // D operands on binary32 ties: 1 + 2^-24, 1 + 3*2^-24, 1.5 * 2^-149 (subnormal), 2^-150
        return [[fl('D', 0, 1n << 28n)], [fl('D', 0, 3n << 28n)], [fl('D', -149, 1n << 51n)], [fl('D', -150, 0n)], [fl('D', -150, 0n, true)]];
      }
      return [];
    }
    default:
      return [];
  }
}

/** Conversion boundaries around 2^31, 2^32, 2^63, 2^64 (and their negatives) as floats. */
function cvtBoundaries(k: 'S' | 'D'): bigint[] {
  const xs: number[] = [0, -0, 1, -1, -0.75, 0.75];
  for (const e of [31, 32, 63, 64]) {
    const b = 2 ** e;
    const ulp = 2 ** (e - FMT[k].p); // ulp just below 2^e
    xs.push(b, b - ulp, b + 2 * ulp, -b, -b + ulp, -b - 2 * ulp);
    if (k === 'D' && e <= 32) xs.push(b - 1, b - 0.5, -b - 1, -b - 0.5, -b + 0.5);
  }
  const out = xs.map((x) => num(k, x));
  // NaNs (both signs, quiet and signalling) and infinities saturate with NV
  const special =
    k === 'S'
      ? [0x7fc00000n, 0xffc00000n, 0x7f800001n, 0xff800001n, 0x7f800000n, 0xff800000n]
      : [0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff0000000000001n, 0xfff0000000000001n, 0x7ff0000000000000n, 0xfff0000000000000n];
  return [...out, ...special];
}

/** Integer operands of fcvt.{s,d}.{w,wu,l,lu}: boundaries; W forms get junk in the upper half. */
function intOperands(k: 'W' | 'L'): bigint[] {
  const junk = 0xdeadbeef00000000n;
  if (k === 'W') {
    return [0n, 1n, 0xffffffffn, 0x7fffffffn, 0x80000000n, 0x80000001n, 0x01000001n, 0x7fffffc0n, junk | 5n, junk | 0xfffffffbn].map(
      (v) => BigInt.asUintN(64, v),
    );
  }
  return [
    0n, 1n, (1n << 64n) - 1n, (1n << 63n) - 1n, 1n << 63n, (1n << 63n) + 1n, (1n << 53n) + 1n, (1n << 24n) + 1n,
    (1n << 64n) - (1n << 10n), (1n << 64n) - (1n << 11n) + 1n, 0x7ffffffffffffdffn, 0x123456789abcdefn,
  ];
}

/** The result of the reference model, in the width the macro compares. */
function refResult(op: FpOp, args: bigint[], rm: number): { bits: bigint; flags: number } {
  return REF[op.name](args, rm);
}

function macroLine(op: FpOp, n: number, c: Case): string {
  const { bits, flags } = refResult(op, c.args, c.rm);
  const rm = c.dyn ? 'dyn' : RM_NAMES[c.rm];
  const fl = hex(BigInt(flags), 2);
  const a = (i: number): string => {
    const kd = op.args[i];
    return kd === 'S' ? hex(c.args[i], 8) : hex(c.args[i], 16);
  };
  const r = op.res === 'S' ? hex(bits, 8) : hex(bits, 16);
  const name = op.name;
  if (name === 'fcvt.s.d') return `TEST_FCVT_S_D(${n}, ${rm}, ${fl}, ${r}, ${a(0)})`;
  if (name === 'fcvt.d.s') return `TEST_FCVT_D_S(${n}, ${fl}, ${r}, ${a(0)})`;
  if (name === 'fcvt.d.w' || name === 'fcvt.d.wu') return `TEST_FCVT_D_FROM_INT32(${n}, ${name}, ${fl}, ${r}, ${a(0)})`;
  if (/^fcvt\.[sd]\.(w|wu|l|lu)$/.test(name)) {
    const f = name[5] === 's' ? 'S' : 'D';
    return `TEST_FCVT_${f}_FROM_INT(${n}, ${name}, ${rm}, ${fl}, ${r}, ${a(0)})`;
  }
  const fk = name.endsWith('.s') ? 'S' : 'D';
  if (/^fcvt\.(w|wu|l|lu)\./.test(name)) return `TEST_FP_INT_OP_${fk}(${n}, ${name}, ${rm}, ${fl}, ${r}, ${a(0)})`;
  if (name.startsWith('fclass')) return `TEST_FP_CLASS_${fk}(${n}, ${r}, ${a(0)})`;
  if (/^f(eq|lt|le)\./.test(name)) return `TEST_FP_CMP_OP_${fk}(${n}, ${name}, ${fl}, ${r}, ${a(0)}, ${a(1)})`;
  if (!takesRm(op)) return `TEST_FP_OP2N_${fk}(${n}, ${name}, ${fl}, ${r}, ${a(0)}, ${a(1)})`;
  const ops = op.args.map((_, i) => a(i)).join(', ');
  return `TEST_FP_OP${op.args.length}_${fk}(${n}, ${name}, ${rm}, ${fl}, ${r}, ${ops})`;
}

/** All cases of one operation, deterministic. */
function casesFor(op: FpOp): Case[] {
  const k: 'S' | 'D' = op.name.endsWith('.s') && op.name !== 'fcvt.d.s' ? 'S' : op.name === 'fcvt.d.s' ? 'S' : 'D';
  const argK = op.args[0];
  const fk: 'S' | 'D' = argK === 'S' ? 'S' : argK === 'D' ? 'D' : k;
  const out: Case[] = [];
  const seen = new Set<string>();
  const add = (args: bigint[], rm: number, dyn = false): void => {
    const r = takesRm(op) ? rm : 0;
    const key = `${args.join(',')}/${r}/${dyn}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ args, rm: r, dyn });
  };
  const edges = fk === 'S' ? EDGE_S : EDGE_D;
  const isCvtFromInt = argK === 'W' || argK === 'L';
  const isCvtToInt = op.res === 'X' && op.name.startsWith('fcvt');
  // 1. edge operands (RNE; unary ops in every mode)
  if (isCvtFromInt) {
    for (const v of intOperands(argK)) for (let rm = 0; rm < 5; rm++) add([v], rm);
  } else if (isCvtToInt) {
    for (const v of cvtBoundaries(fk)) for (let rm = 0; rm < 5; rm++) add([v], rm);
  } else if (op.args.length === 1) {
    for (const v of edges) for (let rm = 0; rm < (takesRm(op) ? 5 : 1); rm++) add([v], rm);
  } else if (op.args.length === 2) {
    const sub = op.name.startsWith('fsgnj') ? edges.filter((_, i) => i % 2 === 0) : edges;
    for (const a of sub) for (const b of edges) add([a, b], 0);
  } else {
    const few = edges.filter((_, i) => [0, 1, 2, 5, 9, 10, 11, 13].includes(i));
    for (const a of few) for (const b of few) add([a, b, fk === 'S' ? 0x3f800000n : 0x3ff0000000000000n], 0);
    for (const c of edges) add([edges[5], edges[6], c], 0);
  }
  // 2. ties and near-ties in every mode, static and dynamic
  if (takesRm(op)) {
    for (const args of tieCases(op, fk)) {
      for (let rm = 0; rm < 5; rm++) add(args, rm);
      for (let rm = 0; rm < 5; rm++) add(args, rm, true);
    }
  }
  // 3. a seeded sample of the biased generator, keeping a few cases per (rm, flags) outcome
  const rng = new Rng(0x5eed + op.name.length * 977 + op.name.charCodeAt(1) * 31 + op.name.charCodeAt(op.name.length - 1));
  const perBucket = new Map<string, number>();
  const limit = takesRm(op) ? 3 : 6;
  for (let i = 0; i < 20000 && out.length < 2 * MAX_TESTS - 20; i++) {
    const g = genCase(rng, op);
    if (!takesRm(op)) g.rm = 0;
    const { flags } = refResult(op, g.args, g.rm);
    const key = `${g.rm}:${flags}`;
    const have = perBucket.get(key) ?? 0;
    if (have >= limit) continue;
    perBucket.set(key, have + 1);
    add(g.args, g.rm);
  }
  return out;
}

function header(group: string, title: string, ops: string[]): string {
  return [
    `# ${group} ${title}: ${ops.join(', ')} (Unpriv. ISA, "F"/"D" chapters: rounding modes 11.2,`,
    '# NaN generation and propagation 11.3, subnormal arithmetic 11.4, conversions 11.7 (saturating',
    '# invalid results with NV), NaN-boxing 12.2). GENERATED by test/fpu/isa-gen.ts: expected results',
    '# and exact fflags come from the BigInt reference model test/fpu/ref.ts. Do not edit by hand.',
  ].join('\n');
}

function fileText(group: string, title: string, ops: string[], lines: string[]): string {
  const env = group === 'rv64uf' ? 'RVTEST_RV64UF' : 'RVTEST_RV64UD';
  return `${header(group, title, ops)}
#include "riscv_test.h"
#include "test_macros.h"

${env}
RVTEST_CODE_BEGIN

${lines.map((l) => `  ${l}`).join('\n')}

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
`;
}

/** Lays cases out in files of at most MAX_TESTS tests; dyn cases set frm first. */
function emit(group: string, base: string, ops: FpOp[]): GenFile[] {
  const files: GenFile[] = [];
  let lines: string[] = [];
  let n = 2;
  let frm = 0;
  const flush = (): void => {
    if (lines.length === 0) return;
    if (frm !== 0) lines.push('fsrmi 0');
    const idx = files.length + 1;
    const name = idx === 1 ? base : `${base}_${idx}`;
    files.push({ path: `${group}/gen_${name}.S`, text: fileText(group, name, ops.map((o) => o.name), lines) });
    lines = [];
    n = 2;
    frm = 0;
  };
  for (const op of ops) {
    for (const c of casesFor(op)) {
      if (n > MAX_TESTS + 1) flush();
      if (c.dyn && frm !== c.rm) {
        lines.push(`fsrmi ${c.rm}`);
        frm = c.rm;
      }
      lines.push(macroLine(op, n++, c));
    }
  }
  flush();
  return files;
}

/** Every generated file, in a fixed order. */
export function generateAll(): GenFile[] {
  const pick = (names: string[]): FpOp[] => names.map((nm) => {
    const o = FP_OPS.find((x) => x.name === nm);
    if (!o) throw new Error(`no op ${nm}`);
    return o;
  });
  const out: GenFile[] = [];
  for (const [group, s] of [['rv64uf', 's'], ['rv64ud', 'd']] as const) {
    const fam: [string, string[]][] = [
      ['fadd', [`fadd.${s}`]],
      ['fsub', [`fsub.${s}`]],
      ['fmul', [`fmul.${s}`]],
      ['fdiv', [`fdiv.${s}`]],
      ['fsqrt', [`fsqrt.${s}`]],
      ['fmadd', [`fmadd.${s}`]],
      ['fmsub', [`fmsub.${s}`]],
      ['fnmadd', [`fnmadd.${s}`]],
      ['fnmsub', [`fnmsub.${s}`]],
      ['fsgnj', [`fsgnj.${s}`, `fsgnjn.${s}`, `fsgnjx.${s}`]],
      ['fmin', [`fmin.${s}`]],
      ['fmax', [`fmax.${s}`]],
      ['fcmp', [`feq.${s}`, `flt.${s}`, `fle.${s}`]],
      ['fclass', [`fclass.${s}`]],
      ['fcvt_w', [`fcvt.w.${s}`, `fcvt.wu.${s}`]],
      ['fcvt_l', [`fcvt.l.${s}`, `fcvt.lu.${s}`]],
      ['fcvt_from_w', [`fcvt.${s}.w`, `fcvt.${s}.wu`]],
      ['fcvt_from_l', [`fcvt.${s}.l`, `fcvt.${s}.lu`]],
    ];
    if (s === 'd') fam.push(['fcvt_sd', ['fcvt.s.d', 'fcvt.d.s']]);
    for (const [base, names] of fam) out.push(...emit(group, base, pick(names)));
  }
  return out;
}

// Run directly (see the header): write every generated file under the directory given.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv[2];
  if (!root) {
    console.error('usage: node isa-gen.js <riscv-tests/isa directory>');
    process.exit(2);
  }
  for (const f of generateAll()) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.text);
  }
}
