/**
 * The shape of one row of an instruction table. One row per instruction, named as riscv-opcodes
 * spells it (`addi`, `c_addi`, `hlv_w`). The same rows feed the decoder, the disassembler, the
 * test encoder and the fuzz generators.
 */
import type { Hart } from '../hart.js';

/**
 * Semantics of a 32-bit instruction. `insn` is the instruction word as cached by the decoder: for an
 * instruction that came from a compressed encoding it is the expanded 32-bit equivalent with bit 1
 * cleared (the htinst convention), so handlers never look at bits 1:0. Handlers read `h.pcLo/pcHi`,
 * may redirect control flow by writing `h.npcLo/npcHi`, and raise traps by throwing (see trap.ts).
 */
export type Exec = (h: Hart, insn: number) => void;

/** Operand formats of 32-bit instructions; they drive disassembly and encoding. */
export type Format =
  | 'R' // rd, rs1, rs2
  | 'I' // rd, rs1, imm12
  | 'LOAD' // rd, imm12(rs1)
  | 'S' // rs2, imm12(rs1)
  | 'B' // rs1, rs2, pc-relative target
  | 'U' // rd, imm20
  | 'J' // rd, pc-relative target
  | 'SH6' // rd, rs1, shamt[5:0]
  | 'SH5' // rd, rs1, shamt[4:0]
  | 'CSR' // rd, csr, rs1
  | 'CSRI' // rd, csr, uimm5
  | 'AMO' // rd, rs2, (rs1) with aq/rl
  | 'LR' // rd, (rs1) with aq/rl
  | 'FENCE' // pred, succ
  | 'NONE' // no operands
  | 'RS1_RS2' // rs1, rs2 (sfence.vma, hfence.*)
  | 'HLV' // rd, (rs1)
  | 'HSV' // rs2, (rs1)
  | 'F_LOAD' // frd, imm12(rs1)
  | 'F_STORE' // frs2, imm12(rs1)
  | 'F_R' // frd, frs1, frs2
  | 'F_R_RM' // frd, frs1, frs2, rm
  | 'F_R4_RM' // frd, frs1, frs2, frs3, rm
  | 'F_R1_RM' // frd, frs1, rm (fsqrt, fcvt.s.d)
  | 'F_TO_X' // rd, frs1 (fmv.x.w, fclass)
  | 'F_TO_X_RM' // rd, frs1, rm (fcvt.w.s)
  | 'X_TO_F' // frd, rs1 (fmv.w.x)
  | 'X_TO_F_RM' // frd, rs1, rm (fcvt.s.w)
  | 'F_CMP'; // rd, frs1, frs2 (feq, flt, fle)

/** A contiguous slice of an immediate as it is scattered in a compressed instruction. */
export interface ImmSlice {
  /** Highest and lowest bit positions in the instruction. */
  hi: number;
  lo: number;
  /** Bit position in the immediate of the slice's lowest bit. */
  at: number;
}

export interface InsnRow {
  /** riscv-opcodes spelling, e.g. 'addi', 'c_addi', 'amoadd_w'. */
  name: string;
  /** The extension that must be enabled for this row to decode ('I', 'M', 'A', 'C', 'Zicsr', ...). */
  ext: string;
  /** Encoding: insn & mask === match (unsigned, 32-bit). */
  mask: number;
  match: number;
  format: Format;
  exec: Exec;
  /** Extra constraints beyond mask/match; when it returns false the word is not this instruction. */
  valid?: (insn: number) => boolean;
}

/** Operand formats of 16-bit instructions. */
export type CFormat =
  | 'CR' // rd/rs1, rs2 (c.add, c.mv)
  | 'CR1' // rs1 (c.jr, c.jalr)
  | 'CI' // rd/rs1, imm (c.addi, c.li, c.lui, c.slli)
  | 'CI_SP' // sp, imm (c.addi16sp)
  | 'CI_LOAD' // rd, imm(sp) (c.lwsp, c.ldsp, c.fldsp)
  | 'CSS' // rs2, imm(sp)
  | 'CIW' // rd', sp, imm (c.addi4spn)
  | 'CL' // rd', imm(rs1')
  | 'CS' // rs2', imm(rs1')
  | 'CA' // rd'/rs1', rs2'
  | 'CB_IMM' // rd'/rs1', imm (c.andi, c.srli, c.srai)
  | 'CB' // rs1', target (c.beqz)
  | 'CJ' // target
  | 'CNONE'; // c.nop, c.ebreak

export interface CInsnRow {
  name: string;
  ext: string;
  mask: number;
  match: number;
  format: CFormat;
  /** How the immediate is scattered over the instruction, and whether it is sign-extended. */
  imm?: { slices: ImmSlice[]; signed: boolean; bits: number };
  /** Expands a valid 16-bit encoding into the equivalent 32-bit instruction word. */
  expand: (c: number) => number;
  /** Reserved encodings (e.g. c.addi4spn with a zero immediate) fail this predicate and are illegal. */
  valid?: (c: number) => boolean;
}
