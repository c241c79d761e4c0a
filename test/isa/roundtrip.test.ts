/**
 * Round trips through every table row: random operands -> encode -> decode gives the same row ->
 * disassembly shows the mnemonic and the operands. For compressed rows: encodeC -> the row accepts
 * the parcel with the same operands -> the expansion decodes to the 32-bit form.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csrLabel } from '../../src/rv64/csr-names.js';
import { disassemble } from '../../src/rv64/disasm.js';
import { cImm, encode, encodeC, type Operands } from '../../src/rv64/isa/encoder.js';
import { allCRows, allRows } from '../../src/rv64/isa/index.js';
import { cRegs } from '../../src/rv64/isa/rv-c.js';
import type { CInsnRow, InsnRow } from '../../src/rv64/isa/types.js';
import { fullDecoder, RUNS, u64 } from './helpers.js';

const X = 'zero ra sp gp tp t0 t1 t2 s0 s1 a0 a1 a2 a3 a4 a5 a6 a7 s2 s3 s4 s5 s6 s7 s8 s9 s10 s11 t3 t4 t5 t6'.split(' ');
const F = 'ft0 ft1 ft2 ft3 ft4 ft5 ft6 ft7 fs0 fs1 fa0 fa1 fa2 fa3 fa4 fa5 fa6 fa7 fs2 fs3 fs4 fs5 fs6 fs7 fs8 fs9 fs10 fs11 ft8 ft9 ft10 ft11'.split(' ');
const RM = ['rne', 'rtz', 'rdn', 'rup', 'rmm', 'rm5', 'rm6', 'dyn'];
const mn = (name: string): string => name.replace(/_/g, '.');
const hex = (v: number | bigint): string => `0x${v.toString(16)}`;
const IORW = (v: number): string =>
  (v & 8 ? 'i' : '') + (v & 4 ? 'o' : '') + (v & 2 ? 'r' : '') + (v & 1 ? 'w' : '') || '0';

const decoder = fullDecoder();
const reg = fc.integer({ min: 0, max: 31 });
const imm12 = fc.integer({ min: -2048, max: 2047 });
const pcArb = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((v) => v & ~3n);

/** Operands for a row's format, and the operand text the disassembler must print. */
interface Case {
  ops: Operands;
  text: (pc: bigint) => string;
}

function caseFor(row: InsnRow): fc.Arbitrary<Case> {
  const m = mn(row.name);
  const rmArb = fc.integer({ min: 0, max: 7 });
  const rmText = (rm: number): string => (rm === 7 ? '' : `, ${RM[rm]}`);
  const c = (ops: Operands, text: string | ((pc: bigint) => string)): Case => ({
    ops,
    text: typeof text === 'string' ? () => text : text,
  });
  switch (row.format) {
    case 'R':
      return fc.tuple(reg, reg, reg).map(([rd, rs1, rs2]) => c({ rd, rs1, rs2 }, `${m} ${X[rd]}, ${X[rs1]}, ${X[rs2]}`));
    case 'I':
      return fc.tuple(reg, reg, imm12).map(([rd, rs1, imm]) => c({ rd, rs1, imm }, `${m} ${X[rd]}, ${X[rs1]}, ${imm}`));
    case 'LOAD':
      return fc.tuple(reg, reg, imm12).map(([rd, rs1, imm]) => c({ rd, rs1, imm }, `${m} ${X[rd]}, ${imm}(${X[rs1]})`));
    case 'S':
      return fc.tuple(reg, reg, imm12).map(([rs2, rs1, imm]) => c({ rs2, rs1, imm }, `${m} ${X[rs2]}, ${imm}(${X[rs1]})`));
    case 'B':
      return fc
        .tuple(reg, reg, fc.integer({ min: -2048, max: 2047 }))
        .map(([rs1, rs2, h]) =>
          c({ rs1, rs2, imm: h * 2 }, (pc) => `${m} ${X[rs1]}, ${X[rs2]}, ${hex(u64(pc + BigInt(h * 2)))}`),
        );
    case 'U':
      return fc.tuple(reg, fc.integer({ min: 0, max: 0xfffff })).map(([rd, imm]) => c({ rd, imm }, `${m} ${X[rd]}, ${hex(imm)}`));
    case 'J':
      return fc
        .tuple(reg, fc.integer({ min: -(1 << 19), max: (1 << 19) - 1 }))
        .map(([rd, h]) => c({ rd, imm: h * 2 }, (pc) => `${m} ${X[rd]}, ${hex(u64(pc + BigInt(h * 2)))}`));
    case 'SH6':
    case 'SH5': {
      const max = row.format === 'SH6' ? 63 : 31;
      return fc
        .tuple(reg, reg, fc.integer({ min: 0, max }))
        .map(([rd, rs1, imm]) => c({ rd, rs1, imm }, `${m} ${X[rd]}, ${X[rs1]}, ${hex(imm)}`));
    }
    case 'CSR':
      return fc
        .tuple(reg, reg, fc.integer({ min: 0, max: 4095 }))
        .map(([rd, rs1, csr]) => c({ rd, rs1, csr }, `${m} ${X[rd]}, ${csrLabel(csr)}, ${X[rs1]}`));
    case 'CSRI':
      return fc
        .tuple(reg, fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 4095 }))
        .map(([rd, imm, csr]) => c({ rd, imm, csr }, `${m} ${X[rd]}, ${csrLabel(csr)}, ${imm}`));
    case 'AMO':
    case 'LR':
      return fc.tuple(reg, reg, reg, fc.boolean(), fc.boolean()).map(([rd, rs1, rs2, aq, rl]) => {
        const order = aq && rl ? '.aqrl' : aq ? '.aq' : rl ? '.rl' : '';
        return row.format === 'LR'
          ? c({ rd, rs1, aq, rl }, `${m}${order} ${X[rd]}, (${X[rs1]})`)
          : c({ rd, rs1, rs2, aq, rl }, `${m}${order} ${X[rd]}, ${X[rs2]}, (${X[rs1]})`);
      });
    case 'FENCE':
      return fc
        .tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }))
        .map(([pred, succ]) => c({ pred, succ }, `${m} ${IORW(pred)}, ${IORW(succ)}`));
    case 'NONE':
      return fc.constant(c({}, m));
    case 'RS1_RS2':
      return fc.tuple(reg, reg).map(([rs1, rs2]) => c({ rs1, rs2 }, `${m} ${X[rs1]}, ${X[rs2]}`));
    case 'HLV':
      return fc.tuple(reg, reg).map(([rd, rs1]) => c({ rd, rs1 }, `${m} ${X[rd]}, (${X[rs1]})`));
    case 'HSV':
      return fc.tuple(reg, reg).map(([rs2, rs1]) => c({ rs2, rs1 }, `${m} ${X[rs2]}, (${X[rs1]})`));
    case 'F_LOAD':
      return fc.tuple(reg, reg, imm12).map(([rd, rs1, imm]) => c({ rd, rs1, imm }, `${m} ${F[rd]}, ${imm}(${X[rs1]})`));
    case 'F_STORE':
      return fc.tuple(reg, reg, imm12).map(([rs2, rs1, imm]) => c({ rs2, rs1, imm }, `${m} ${F[rs2]}, ${imm}(${X[rs1]})`));
    case 'F_R':
      return fc.tuple(reg, reg, reg).map(([rd, rs1, rs2]) => c({ rd, rs1, rs2 }, `${m} ${F[rd]}, ${F[rs1]}, ${F[rs2]}`));
    case 'F_CMP':
      return fc.tuple(reg, reg, reg).map(([rd, rs1, rs2]) => c({ rd, rs1, rs2 }, `${m} ${X[rd]}, ${F[rs1]}, ${F[rs2]}`));
    case 'F_R_RM':
      return fc
        .tuple(reg, reg, reg, rmArb)
        .map(([rd, rs1, rs2, rm]) => c({ rd, rs1, rs2, rm }, `${m} ${F[rd]}, ${F[rs1]}, ${F[rs2]}${rmText(rm)}`));
    case 'F_R4_RM':
      return fc
        .tuple(reg, reg, reg, reg, rmArb)
        .map(([rd, rs1, rs2, rs3, rm]) =>
          c({ rd, rs1, rs2, rs3, rm }, `${m} ${F[rd]}, ${F[rs1]}, ${F[rs2]}, ${F[rs3]}${rmText(rm)}`),
        );
    case 'F_R1_RM':
      return fc.tuple(reg, reg, rmArb).map(([rd, rs1, rm]) => c({ rd, rs1, rm }, `${m} ${F[rd]}, ${F[rs1]}${rmText(rm)}`));
    case 'F_TO_X':
      return fc.tuple(reg, reg).map(([rd, rs1]) => c({ rd, rs1 }, `${m} ${X[rd]}, ${F[rs1]}`));
    case 'F_TO_X_RM':
      return fc.tuple(reg, reg, rmArb).map(([rd, rs1, rm]) => c({ rd, rs1, rm }, `${m} ${X[rd]}, ${F[rs1]}${rmText(rm)}`));
    case 'X_TO_F':
      return fc.tuple(reg, reg).map(([rd, rs1]) => c({ rd, rs1 }, `${m} ${F[rd]}, ${X[rs1]}`));
    case 'X_TO_F_RM':
      return fc.tuple(reg, reg, rmArb).map(([rd, rs1, rm]) => c({ rd, rs1, rm }, `${m} ${F[rd]}, ${X[rs1]}${rmText(rm)}`));
  }
}

describe('32-bit rows: encode -> decode -> disassemble', () => {
  for (const row of allRows) {
    it(row.name, () => {
      fc.assert(
        fc.property(caseFor(row), pcArb, (k, pc) => {
          const w = encode(row, k.ops);
          fc.pre(row.valid?.(w) ?? true);
          expect(decoder.decode(w)?.name).toBe(row.name);
          expect(disassemble(w, pc, decoder)).toBe(k.text(pc));
        }),
        { numRuns: Math.min(RUNS.numRuns, 200) },
      );
    });
  }
});

/** A random immediate representable in a compressed row's slices (sign-extended when signed). */
function cImmArb(row: CInsnRow): fc.Arbitrary<number> {
  const d = row.imm;
  if (d === undefined) return fc.constant(0);
  return fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: d.slices.length, maxLength: d.slices.length }).map((r) => {
    let v = 0;
    d.slices.forEach((s, k) => (v |= (r[k] & ((1 << (s.hi - s.lo + 1)) - 1)) << s.at));
    return d.signed ? (v << (32 - d.bits)) >> (32 - d.bits) : v;
  });
}
const creg = fc.integer({ min: 8, max: 15 });

/** Expected disassembly of a compressed row from the operands it was encoded with. */
function cText(row: CInsnRow, o: Operands, pc: bigint): string {
  const m = mn(row.name);
  const d = row.ext.includes('D') ? F : X;
  const imm = o.imm ?? 0;
  switch (row.format) {
    case 'CR': return `${m} ${X[o.rd!]}, ${X[o.rs2!]}`;
    case 'CR1': return `${m} ${X[o.rs1!]}`;
    case 'CI':
      if (row.name === 'c_lui') return `${m} ${X[o.rd!]}, ${hex((imm >>> 12) & 0xfffff)}`;
      return `${m} ${X[o.rd!]}, ${row.name === 'c_slli' ? hex(imm) : imm}`;
    case 'CI_SP': return `${m} sp, ${imm}`;
    case 'CI_LOAD': return `${m} ${d[o.rd!]}, ${imm}(sp)`;
    case 'CSS': return `${m} ${d[o.rs2!]}, ${imm}(sp)`;
    case 'CIW': return `${m} ${X[o.rd!]}, sp, ${imm}`;
    case 'CL': return `${m} ${d[o.rd!]}, ${imm}(${X[o.rs1!]})`;
    case 'CS': return `${m} ${d[o.rs2!]}, ${imm}(${X[o.rs1!]})`;
    case 'CA': return `${m} ${X[o.rd!]}, ${X[o.rs2!]}`;
    case 'CB_IMM': return `${m} ${X[o.rd!]}, ${row.name === 'c_andi' ? imm : hex(imm)}`;
    case 'CB': return `${m} ${X[o.rs1!]}, ${hex(u64(pc + BigInt(imm)))}`;
    case 'CJ': return `${m} ${hex(u64(pc + BigInt(imm)))}`;
    case 'CNONE': return imm === 0 ? m : `${m} ${imm}`;
  }
}

function cOps(row: CInsnRow): fc.Arbitrary<Operands> {
  const imm = cImmArb(row);
  switch (row.format) {
    case 'CR': return fc.record({ rd: reg, rs2: reg, imm });
    case 'CR1': return fc.record({ rs1: reg, imm });
    case 'CI': case 'CI_LOAD': return fc.record({ rd: reg, imm });
    case 'CSS': return fc.record({ rs2: reg, imm });
    case 'CIW': return fc.record({ rd: creg, imm });
    case 'CL': return fc.record({ rd: creg, rs1: creg, imm });
    case 'CS': return fc.record({ rs2: creg, rs1: creg, imm });
    case 'CA': return fc.record({ rd: creg, rs2: creg, imm });
    case 'CB_IMM': return fc.record({ rd: creg, imm });
    case 'CB': return fc.record({ rs1: creg, imm });
    default: return fc.record({ imm });
  }
}

describe('compressed rows: encodeC -> decode -> expand -> disassemble', () => {
  const have = new Set(allRows.map((r) => r.name));
  for (const row of allCRows) {
    it(row.name, () => {
      fc.assert(
        fc.property(cOps(row), pcArb, (o, pc) => {
          const c = encodeC(row, o);
          expect(c >>> 16).toBe(0);
          fc.pre(row.valid?.(c) ?? true);
          // The parcel carries the operands it was given.
          expect(cImm(row, c)).toBe(o.imm ?? 0);
          const regs = cRegs(row, c);
          if (o.rd !== undefined) expect(regs.rd).toBe(o.rd);
          if (o.rs1 !== undefined) expect(regs.rs1).toBe(o.rs1);
          if (o.rs2 !== undefined) expect(regs.rs2).toBe(o.rs2);
          const w = row.expand(c);
          const base = decoder.decode(w);
          if (base === undefined) {
            // Only the D forms may lack their 32-bit row (until the D table exists).
            expect(row.ext).toBe('C+D');
            expect(have.has(row.name.slice(2).replace('sp', ''))).toBe(false);
            return;
          }
          expect(decoder.cRow(c)?.name).toBe(row.name);
          expect(decoder.expand(c)).toBe(w);
          expect(disassemble(c, pc, decoder)).toBe(cText(row, o, pc));
        }),
        { numRuns: Math.min(RUNS.numRuns, 200) },
      );
    });
  }
});

describe('disassembly examples', () => {
  const enc = (name: string, ops: Operands): number => encode(allRows.find((r) => r.name === name)!, ops);
  it('prints objdump-style text with ABI names and CSR names', () => {
    const pc = 0x80000000n;
    expect(disassemble(enc('addi', { rd: 10, rs1: 11, imm: -3 }), pc, decoder)).toBe('addi a0, a1, -3');
    expect(disassemble(enc('ld', { rd: 8, rs1: 2, imm: 8 }), pc, decoder)).toBe('ld s0, 8(sp)');
    expect(disassemble(enc('beq', { rs1: 10, rs2: 11, imm: 16 }), pc, decoder)).toBe('beq a0, a1, 0x80000010');
    expect(disassemble(enc('csrrw', { rd: 5, csr: 0x300, rs1: 6 }), pc, decoder)).toBe('csrrw t0, mstatus, t1');
    expect(disassemble(enc('csrrs', { rd: 10, csr: 0xc01, rs1: 0 }), pc, decoder)).toBe('csrrs a0, time, zero');
    expect(disassemble(enc('jal', { rd: 1, imm: -4 }), 0n, decoder)).toBe('jal ra, 0xfffffffffffffffc');
    expect(disassemble(0x0ff0000f, pc, decoder)).toBe('fence iorw, iorw');
    expect(disassemble(0x8330000f, pc, decoder)).toBe('fence.tso');
    expect(disassemble(0x00000073, pc, decoder)).toBe('ecall');
    expect(disassemble(0x0505, pc, decoder)).toBe('c.addi a0, 1');
    expect(disassemble(0x8082, pc, decoder)).toBe('c.jr ra');
    expect(disassemble(0x0000, pc, decoder)).toBe('unknown 0x0');
    expect(disassemble(0xffffffff, pc, decoder)).toBe('unknown 0xffffffff');
  });
});
