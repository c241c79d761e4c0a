/**
 * Disassembler driven by the instruction tables, in objdump's style with ABI register names and
 * no pseudo-instructions ("addi a0, a1, -3", "ld s0, 8(sp)", "beq a0, a1, 0x80000010"). Compressed
 * parcels are shown with their own mnemonic ("c.addi a0, 1"). Not a hot path: BigInt is fine here.
 */
import { csrLabel } from './csr-names.js';
import type { Decoder } from './decoder.js';
import { cImm } from './isa/encoder.js';
import { cRegs } from './isa/rv-c.js';
import { csrOf, immB, immI, immJ, immS, rdOf, rs1Of, rs2Of, rs3Of } from './isa/fields.js';

export const X_NAMES = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];
export const F_NAMES = [
  'ft0', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5', 'ft6', 'ft7', 'fs0', 'fs1', 'fa0', 'fa1', 'fa2', 'fa3', 'fa4', 'fa5',
  'fa6', 'fa7', 'fs2', 'fs3', 'fs4', 'fs5', 'fs6', 'fs7', 'fs8', 'fs9', 'fs10', 'fs11', 'ft8', 'ft9', 'ft10', 'ft11',
];
/** Rounding-mode field values (5 and 6 are reserved). */
export const RM_NAMES = ['rne', 'rtz', 'rdn', 'rup', 'rmm', 'rm5', 'rm6', 'dyn'];

const x = (r: number): string => X_NAMES[r];
const f = (r: number): string => F_NAMES[r];
const hex = (v: bigint | number): string => `0x${v.toString(16)}`;
/** riscv-opcodes names use '_' where the mnemonic has '.'. */
const mnemonic = (name: string): string => name.replace(/_/g, '.');

/** pc + off as a 64-bit address. */
function target(pc: bigint, off: number): string {
  return hex(BigInt.asUintN(64, pc + BigInt(off)));
}

/** FENCE sets as objdump prints them: letters of i, o, r, w, or 0 for the empty set. */
function fenceSet(v: number): string {
  let s = '';
  if (v & 8) s += 'i';
  if (v & 4) s += 'o';
  if (v & 2) s += 'r';
  if (v & 1) s += 'w';
  return s === '' ? '0' : s;
}

/** ", rm" unless the rounding mode is dynamic, as objdump omits it. */
function rmSuffix(insn: number): string {
  const rm = (insn >>> 12) & 7;
  return rm === 7 ? '' : `, ${RM_NAMES[rm]}`;
}

/** Disassembles one instruction (32-bit word, or a 16-bit parcel in the low half when bits 1:0 != 11). */
export function disassemble(insn: number, pc: bigint, decoder: Decoder): string {
  if ((insn & 3) !== 3) return disassembleC(insn & 0xffff, pc, decoder);
  const row = decoder.decode(insn | 0);
  if (row === undefined) return `unknown ${hex(insn >>> 0)}`;
  const mn = mnemonic(row.name);
  const rd = rdOf(insn);
  const rs1 = rs1Of(insn);
  const rs2 = rs2Of(insn);
  const ops = (...o: string[]): string => `${mn} ${o.join(', ')}`;
  switch (row.format) {
    case 'R':
      return ops(x(rd), x(rs1), x(rs2));
    case 'I':
      return ops(x(rd), x(rs1), String(immI(insn)));
    case 'LOAD':
      return ops(x(rd), `${immI(insn)}(${x(rs1)})`);
    case 'S':
      return ops(x(rs2), `${immS(insn)}(${x(rs1)})`);
    case 'B':
      return ops(x(rs1), x(rs2), target(pc, immB(insn)));
    case 'U':
      return ops(x(rd), hex(insn >>> 12));
    case 'J':
      return ops(x(rd), target(pc, immJ(insn)));
    case 'SH6':
      return ops(x(rd), x(rs1), hex((insn >>> 20) & 63));
    case 'SH5':
      return ops(x(rd), x(rs1), hex((insn >>> 20) & 31));
    case 'CSR':
      return ops(x(rd), csrLabel(csrOf(insn)), x(rs1));
    case 'CSRI':
      return ops(x(rd), csrLabel(csrOf(insn)), String(rs1));
    case 'AMO':
    case 'LR': {
      const order = `${insn & (1 << 26) ? '.aq' : ''}${insn & (1 << 25) ? '.rl' : ''}`.replace('.aq.rl', '.aqrl');
      const m = mn + order;
      return row.format === 'LR' ? `${m} ${x(rd)}, (${x(rs1)})` : `${m} ${x(rd)}, ${x(rs2)}, (${x(rs1)})`;
    }
    case 'FENCE': {
      const pred = (insn >>> 24) & 15;
      const succ = (insn >>> 20) & 15;
      if (insn >>> 28 === 8 && pred === 3 && succ === 3) return 'fence.tso';
      return ops(fenceSet(pred), fenceSet(succ));
    }
    case 'NONE':
      return mn;
    case 'RS1_RS2':
      return ops(x(rs1), x(rs2));
    case 'HLV':
      return ops(x(rd), `(${x(rs1)})`);
    case 'HSV':
      return ops(x(rs2), `(${x(rs1)})`);
    case 'F_LOAD':
      return ops(f(rd), `${immI(insn)}(${x(rs1)})`);
    case 'F_STORE':
      return ops(f(rs2), `${immS(insn)}(${x(rs1)})`);
    case 'F_R':
      return ops(f(rd), f(rs1), f(rs2));
    case 'F_R_RM':
      return ops(f(rd), f(rs1), f(rs2)) + rmSuffix(insn);
    case 'F_R4_RM':
      return ops(f(rd), f(rs1), f(rs2), f(rs3Of(insn))) + rmSuffix(insn);
    case 'F_R1_RM':
      return ops(f(rd), f(rs1)) + rmSuffix(insn);
    case 'F_TO_X':
      return ops(x(rd), f(rs1));
    case 'F_TO_X_RM':
      return ops(x(rd), f(rs1)) + rmSuffix(insn);
    case 'X_TO_F':
      return ops(f(rd), x(rs1));
    case 'X_TO_F_RM':
      return ops(f(rd), x(rs1)) + rmSuffix(insn);
    case 'F_CMP':
      return ops(x(rd), f(rs1), f(rs2));
  }
}

function disassembleC(c: number, pc: bigint, decoder: Decoder): string {
  const row = decoder.cRow(c);
  if (row === undefined) return `unknown ${hex(c)}`;
  const mn = mnemonic(row.name);
  const { rd, rs1, rs2 } = cRegs(row, c);
  const imm = cImm(row, c);
  // The D-extension loads/stores name f registers.
  const data = row.ext.includes('D') ? f : x;
  const ops = (...o: string[]): string => `${mn} ${o.join(', ')}`;
  switch (row.format) {
    case 'CR':
      return ops(x(rd), x(rs2));
    case 'CR1':
      return ops(x(rs1));
    case 'CI':
      if (row.name === 'c_lui') return ops(x(rd), hex((imm >>> 12) & 0xfffff));
      if (row.name === 'c_slli') return ops(x(rd), hex(imm));
      return ops(x(rd), String(imm));
    case 'CI_SP':
      return ops('sp', String(imm));
    case 'CI_LOAD':
      return ops(data(rd), `${imm}(sp)`);
    case 'CSS':
      return ops(data(rs2), `${imm}(sp)`);
    case 'CIW':
      return ops(x(rd), 'sp', String(imm));
    case 'CL':
      return ops(data(rd), `${imm}(${x(rs1)})`);
    case 'CS':
      return ops(data(rs2), `${imm}(${x(rs1)})`);
    case 'CA':
      return ops(x(rd), x(rs2));
    case 'CB_IMM':
      return ops(x(rd), row.name === 'c_andi' ? String(imm) : hex(imm));
    case 'CB':
      return ops(x(rs1), target(pc, imm));
    case 'CJ':
      return ops(target(pc, imm));
    case 'CNONE':
      // c.nop with a non-zero immediate is a HINT; show the immediate so it is not mistaken for c.nop.
      return imm !== 0 ? ops(String(imm)) : mn;
  }
}
