/**
 * fast-check arbitraries for fuzz cases, built from the instruction rows (src/rv64/isa): every row
 * of the chosen extensions that a user-level program can run with an environment-independent
 * result, with operands drawn per the row's format. Registers favour a small hot set (a0..a3), so
 * consecutive instructions depend on each other; values favour the edges (values.ts).
 *
 * Left out on purpose: ecall/ebreak (end the program), mret/sret/wfi/sfence.vma/H rows
 * (privileged), CSRs other than fflags/frm/fcsr (counters and time differ between the two runs),
 * frm values 5..7 and static rm 5/6 (reserved: an illegal instruction), reserved compressed
 * encodings (row.valid false), c.ebreak.
 */
import fc from 'fast-check';
import { encodeC, type Operands } from '../rv64/isa/encoder.js';
import { allCRows, allRows } from '../rv64/isa/index.js';
import type { CInsnRow, InsnRow } from '../rv64/isa/types.js';
import { type FuzzCase, type FuzzExt, type Item, S1, SP, usesFp } from './case.js';
import { HALF, WINDOW } from './layout.js';
import { edge64, fpBits, imm12, imm20, imm6, shamt } from './values.js';

const HOT = [10, 11, 12, 13];
/** Integer destinations: everything but x2, x9 (window pointers) and x31 (group temporary). */
const RD_ANY = Array.from({ length: 31 }, (_, i) => i).filter((r) => r !== 2 && r !== 9);
const rdArb = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOT) },
  { weight: 3, arbitrary: fc.constantFrom(...RD_ANY.filter((r) => r !== 0)) },
  { weight: 1, arbitrary: fc.constant(0) },
);
/** rd that must not be x0 (where x0 would select another row or a reserved encoding). */
const rdNzArb = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...HOT) }, { weight: 3, arbitrary: fc.constantFrom(...RD_ANY.filter((r) => r !== 0)) });
const rsArb = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...HOT) }, { weight: 3, arbitrary: fc.integer({ min: 0, max: 31 }) });
/** Compressed 3-bit registers: rd' never x9; rs' any of x8..x15. */
const cRdArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOT) }, { weight: 2, arbitrary: fc.constantFrom(8, 10, 11, 12, 13, 14, 15) });
const cRsArb = fc.integer({ min: 8, max: 15 });
const fRegArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(10, 11, 12, 13) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 31 }) });
const fcRegArb = fc.integer({ min: 8, max: 15 });
const rmArb = fc.oneof({ weight: 4, arbitrary: fc.constant(7) }, { weight: 5, arbitrary: fc.integer({ min: 0, max: 4 }) });
const skipArb = fc.integer({ min: 0, max: 4 });

const rowByName = new Map<string, InsnRow>(allRows.map((r) => [r.name, r]));
const cRowByName = new Map<string, CInsnRow>(allCRows.map((r) => [r.name, r]));
export const rowNamed = (n: string): InsnRow => rowByName.get(n)!;
export const cRowNamed = (n: string): CInsnRow => cRowByName.get(n)!;

/** Access size in bytes from a load/store row name. */
export function accessSize(name: string): number {
  const n = name.replace(/^c_/, '').replace(/sp$/, '');
  const last = n.replace(/u$/, '').slice(-1);
  return { b: 1, h: 2, w: 4, d: 8 }[last] ?? 8;
}

/** base + offset addressing a `size`-byte access inside the window (1 in 7 misaligned if allowed). */
function memOff(size: number, misaligned = true): fc.Arbitrary<{ base: number; imm: number }> {
  const slots = WINDOW / size;
  const aligned = fc.integer({ min: 0, max: slots - 1 }).map((s) => s * size);
  const addr = misaligned && size > 1
    ? fc.oneof({ weight: 6, arbitrary: aligned }, { weight: 1, arbitrary: fc.integer({ min: 0, max: WINDOW - size }) })
    : aligned;
  return fc.tuple(fc.constantFrom(SP, S1), addr).map(([base, a]) => ({ base, imm: base === S1 ? a - HALF : a }));
}

const op = (name: string, ops: Operands): Item => ({ k: 'op', name, ops });

/** Arbitrary items for one 32-bit row (undefined: the row is not fuzzed). */
function rowItem(r: InsnRow): fc.Arbitrary<Item> | undefined {
  const n = r.name;
  switch (r.format) {
    case 'R':
      return fc.record({ rd: rdArb, rs1: rsArb, rs2: rsArb }).map((o) => op(n, o));
    case 'I':
      return fc.record({ rd: rdArb, rs1: rsArb, imm: imm12 }).map((o) => op(n, o));
    case 'SH6':
      return fc.record({ rd: rdArb, rs1: rsArb, imm: shamt(6) }).map((o) => op(n, o));
    case 'SH5':
      return fc.record({ rd: rdArb, rs1: rsArb, imm: shamt(5) }).map((o) => op(n, o));
    case 'U':
      return fc.record({ rd: rdArb, imm: imm20 }).map((o) => op(n, o));
    case 'LOAD':
      if (n === 'jalr') {
        return fc.record({ rd: rdArb, skip: skipArb, odd: fc.boolean() }).map((o) => ({ k: 'jalr', name: 'jalr', ...o }) as Item);
      }
      return fc.tuple(rdArb, memOff(accessSize(n))).map(([rd, m]) => op(n, { rd, rs1: m.base, imm: m.imm }));
    case 'S':
      return fc.tuple(rsArb, memOff(accessSize(n))).map(([rs2, m]) => op(n, { rs2, rs1: m.base, imm: m.imm }));
    case 'B':
      return fc.record({ rs1: rsArb, rs2: rsArb, skip: skipArb }).map((o) => ({ k: 'br', name: n, ...o }) as Item);
    case 'J':
      return fc.record({ rd: rdArb, skip: skipArb }).map((o) => ({ k: 'jal', name: 'jal', ...o }) as Item);
    case 'FENCE':
      return fc.record({ pred: fc.integer({ min: 0, max: 15 }), succ: fc.integer({ min: 0, max: 15 }) }).map((o) => op(n, o));
    case 'NONE':
      return n === 'fence_i' ? fc.constant(op(n, {})) : undefined;
    case 'LR':
      return undefined; // only inside LR/SC groups
    case 'AMO':
      if (n.startsWith('sc_')) {
        // A lone SC: no reservation is outstanding at an item boundary, so it must fail.
        return fc.record({ rd: rdArb, rs2: rsArb, rs1: fc.constantFrom(SP, S1) }).map((o) => op(n, o));
      }
      return fc
        .tuple(rdArb, rsArb, memOff(accessSize(n), false), fc.boolean(), fc.boolean())
        .map(([rd, rs2, m, aq, rl]) => ({ k: 'amo', name: n, rd, rs2, base: m.base, off: m.imm, aq, rl }) as Item);
    case 'F_LOAD':
      return fc.tuple(fRegArb, memOff(accessSize(n))).map(([rd, m]) => op(n, { rd, rs1: m.base, imm: m.imm }));
    case 'F_STORE':
      return fc.tuple(fRegArb, memOff(accessSize(n))).map(([rs2, m]) => op(n, { rs2, rs1: m.base, imm: m.imm }));
    case 'F_R':
      return fc.record({ rd: fRegArb, rs1: fRegArb, rs2: fRegArb }).map((o) => op(n, o));
    case 'F_CMP':
      return fc.record({ rd: rdArb, rs1: fRegArb, rs2: fRegArb }).map((o) => op(n, o));
    case 'F_R_RM':
      return fc.record({ rd: fRegArb, rs1: fRegArb, rs2: fRegArb, rm: rmArb }).map((o) => op(n, o));
    case 'F_R4_RM':
      return fc.record({ rd: fRegArb, rs1: fRegArb, rs2: fRegArb, rs3: fRegArb, rm: rmArb }).map((o) => op(n, o));
    case 'F_R1_RM':
      return fc.record({ rd: fRegArb, rs1: fRegArb, rm: rmArb }).map((o) => op(n, o));
    case 'F_TO_X':
      return fc.record({ rd: rdArb, rs1: fRegArb }).map((o) => op(n, o));
    case 'F_TO_X_RM':
      return fc.record({ rd: rdArb, rs1: fRegArb, rm: rmArb }).map((o) => op(n, o));
    case 'X_TO_F':
      return fc.record({ rd: fRegArb, rs1: rsArb }).map((o) => op(n, o));
    case 'X_TO_F_RM':
      return fc.record({ rd: fRegArb, rs1: rsArb, rm: rmArb }).map((o) => op(n, o));
    default:
      return undefined;
  }
}

/** A compressed instruction with fixed operands, or c_nop when the draw hits a reserved encoding. */
function cOp(name: string, ops: Operands): Item {
  const r = cRowNamed(name);
  try {
    const c = encodeC(r, ops);
    if (r.valid === undefined || r.valid(c)) return { k: 'op', name, ops };
  } catch {
    // not representable: fall through
  }
  return { k: 'op', name: 'c_nop', ops: { imm: 0 } };
}

/** An unsigned compressed offset for a `size`-byte access, multiple of the size (or of 4 for w). */
const cOff = (size: number, max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: Math.floor(max / size) }).map((v) => v * size);

function cRowItem(r: CInsnRow): fc.Arbitrary<Item> | undefined {
  const n = r.name;
  const size = accessSize(n);
  const fp = n.includes('f');
  switch (r.format) {
    case 'CR':
      return fc.record({ rd: rdArb, rs2: rsArb.filter((v) => v !== 0) }).map((o) => cOp(n, o));
    case 'CR1':
      return fc.record({ skip: skipArb }).map((o) => ({ k: 'jalr', name: n as 'c_jr', rd: n === 'c_jalr' ? 1 : 0, odd: false, ...o }) as Item);
    case 'CI':
      return fc
        .record({ rd: n === 'c_li' || n === 'c_slli' || n === 'c_lui' ? rdArb : rdNzArb, imm: n === 'c_slli' ? shamt(6) : n === 'c_lui' ? imm6.map((v) => v << 12) : imm6 })
        .map((o) => cOp(n, o));
    case 'CI_LOAD':
      return fc.record({ rd: fp ? fRegArb : rdNzArb, imm: cOff(size, size === 8 ? 504 : 252) }).map((o) => cOp(n, o));
    case 'CSS':
      return fc.record({ rs2: fp ? fRegArb : rsArb, imm: cOff(size, size === 8 ? 504 : 252) }).map((o) => cOp(n, o));
    case 'CIW':
      return fc.record({ rd: cRdArb, imm: fc.integer({ min: 1, max: 255 }).map((v) => v * 4) }).map((o) => cOp(n, o));
    case 'CL':
      return fc.record({ rd: fp ? fcRegArb : cRdArb, rs1: fc.constant(S1), imm: cOff(size, size === 8 ? 248 : 124) }).map((o) => cOp(n, o));
    case 'CS':
      return fc.record({ rs2: fp ? fcRegArb : cRsArb, rs1: fc.constant(S1), imm: cOff(size, size === 8 ? 248 : 124) }).map((o) => cOp(n, o));
    case 'CA':
      return fc.record({ rd: cRdArb, rs2: cRsArb }).map((o) => cOp(n, o));
    case 'CB_IMM':
      return fc.record({ rd: cRdArb, imm: n === 'c_andi' ? imm6 : shamt(6) }).map((o) => cOp(n, o));
    case 'CB':
      return fc.record({ rs1: cRsArb, skip: skipArb }).map((o) => ({ k: 'br', name: n, rs2: 0, ...o }) as Item);
    case 'CJ':
      return fc.record({ skip: skipArb }).map((o) => ({ k: 'jal', name: 'c_j', rd: 0, ...o }) as Item);
    case 'CI_SP':
      return undefined; // c.addi16sp: only in balanced 'sp' groups
    case 'CNONE':
      return n === 'c_nop' ? imm6.map((imm) => cOp(n, { imm })) : undefined;
  }
}

/** `c.addi16sp sp, -16j; <sp load/store>; c.addi16sp sp, 16j`, the access landing in the window. */
function spGroup(exts: readonly FuzzExt[]): fc.Arbitrary<Item> {
  const names = ['c_lwsp', 'c_ldsp', 'c_swsp', 'c_sdsp', ...(exts.includes('d') ? ['c_fldsp', 'c_fsdsp'] : [])];
  return fc.tuple(fc.constantFrom(...names), fc.integer({ min: 1, max: 31 }), fc.nat(), rsArb, rdNzArb, fRegArb).map(([name, j, r, rs, rd, fr]) => {
    const size = accessSize(name);
    const max = (size === 8 ? 504 : 252) - 16 * j;
    const j2 = max < 0 ? Math.floor((size === 8 ? 504 : 252) / 16) : j;
    const room = Math.floor(((size === 8 ? 504 : 252) - 16 * j2) / size);
    const off = 16 * j2 + (r % (room + 1)) * size;
    const store = name === 'c_swsp' || name === 'c_sdsp' || name === 'c_fsdsp';
    const reg = name.includes('f') ? fr : store ? rs : rd;
    return { k: 'sp', j: j2, name, reg, off } as Item;
  });
}

/** Register-only instructions that may sit between an LR and its SC. */
const aluMid = fc.oneof(
  fc.record({ rd: rdArb, rs1: rsArb, rs2: rsArb, n: fc.constantFrom('add', 'sub', 'xor', 'sltu', 'sraw') }).map(({ n, ...o }) => op(n, o)),
  fc.record({ rd: rdArb, rs1: rsArb, imm: imm12, n: fc.constantFrom('addi', 'xori', 'addiw') }).map(({ n, ...o }) => op(n, o)),
);

function lrscGroup(): fc.Arbitrary<Item> {
  return fc
    .record({
      size: fc.constantFrom<'w' | 'd'>('w', 'd'),
      rd: rdArb,
      rd2: rdArb,
      rs2: rsArb,
      at: memOff(8, false),
      move: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(64, -64, 128) }),
      aq: fc.boolean(),
      rl: fc.boolean(),
      mid: fc.array(aluMid, { maxLength: 2 }),
      w4: fc.boolean(),
    })
    .map(({ size, at, w4, ...o }) => ({ k: 'lrsc', size, base: at.base, off: at.imm + (size === 'w' && w4 ? 4 : 0), ...o }) as Item);
}

/** Zicsr on the FP CSRs only, with writes that keep frm valid (0..4). */
function fcsrItems(): fc.Arbitrary<Item> {
  return fc.oneof(
    fc.record({ rd: rdArb, rs1: rsArb, n: fc.constantFrom('csrrw', 'csrrs', 'csrrc') }).map(({ n, ...o }) => op(n, { ...o, csr: 1 })),
    fc.record({ rd: rdArb, csr: fc.constantFrom(1, 2, 3) }).map((o) => op('csrrs', { ...o, rs1: 0 })),
    fc.record({ rd: rdArb, imm: fc.integer({ min: 0, max: 31 }), n: fc.constantFrom('csrrwi', 'csrrsi', 'csrrci') }).map(({ n, ...o }) => op(n, { ...o, csr: 1 })),
    fc.record({ rd: rdArb, imm: fc.integer({ min: 0, max: 4 }) }).map((o) => op('csrrwi', { ...o, csr: 2 })),
    fc.record({ rd: rdArb, imm: fc.integer({ min: 0, max: 31 }) }).map((o) => op('csrrci', { ...o, csr: 2 })),
    fc.record({ rd: rdArb, imm: fc.integer({ min: 0, max: 31 }), n: fc.constantFrom('csrrwi', 'csrrci') }).map(({ n, ...o }) => op(n, { ...o, csr: 3 })),
  );
}

const EXT_OF: Record<string, FuzzExt | undefined> = { I: 'i', Zifencei: 'i', M: 'm', A: 'a', F: 'f', D: 'd' };

/** One item drawn from the rows of `exts` (each row about equally likely, groups included). */
export function itemArb(exts: readonly FuzzExt[]): fc.Arbitrary<Item> {
  const arbs: fc.WeightedArbitrary<Item>[] = [];
  const add = (a: fc.Arbitrary<Item> | undefined, weight = 1): void => {
    if (a !== undefined) arbs.push({ weight, arbitrary: a });
  };
  for (const r of allRows) {
    const e = EXT_OF[r.ext];
    if (e !== undefined && exts.includes(e)) add(rowItem(r), r.name.startsWith('sc_') ? 1 : 2);
  }
  if (exts.includes('a')) add(lrscGroup(), 8);
  if (exts.includes('c')) {
    for (const r of allCRows) {
      if (r.ext === 'C' || (r.ext === 'C+D' && exts.includes('d'))) add(cRowItem(r), 2);
    }
    add(spGroup(exts), 4);
  }
  if (usesFp(exts)) add(fcsrItems(), 6);
  if (arbs.length === 0) throw new Error(`no instructions for extensions ${exts.join(',')}`);
  return fc.oneof(...arbs);
}

export interface CaseOptions {
  /** Longest sequence, in items (default 40). */
  maxItems?: number;
}

export function caseArb(exts: readonly FuzzExt[], o: CaseOptions = {}): fc.Arbitrary<FuzzCase> {
  const fp = usesFp(exts);
  return fc.record({
    x: fc.array(edge64, { minLength: 32, maxLength: 32 }),
    f: fp ? fc.array(fpBits, { minLength: 32, maxLength: 32 }) : fc.constant([] as bigint[]),
    fcsr: fp ? fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 31 })).map(([rm, fl]) => (rm << 5) | fl) : fc.constant(0),
    mem: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 0x7fffffff })),
    items: fc.array(itemArb(exts), { minLength: 1, maxLength: o.maxItems ?? 40, size: 'max' }),
  });
}
