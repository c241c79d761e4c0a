/**
 * RV64C: the compressed instructions (unprivileged spec, chapter "C" Standard Extension for
 * Compressed Instructions, RVC instruction set listings). Each row says where its immediate is
 * scattered (`imm.slices`), which parcels are reserved (`valid`), and how it expands into the
 * equivalent 32-bit instruction; the decoder executes the expansion.
 *
 * RV64-specific slots: 001 in quadrant 1 is C.ADDIW (C.JAL is RV32-only), and 011/111 in
 * quadrants 0 and 2 are C.LD/C.SD/C.LDSP/C.SDSP (C.FLW/C.FSW are RV32-only).
 *
 * HINTs (encodings that write x0, or shift by zero) are accepted: they expand to an instruction
 * that writes x0 and so executes as a no-op. Reserved encodings fail `valid` and are illegal.
 * The floating-point loads/stores need both C and D: their ext is 'C+D' (the decoder requires
 * every '+'-separated extension).
 */
import { cImm, packB, packI, packJ, packR, packS, packU } from './encoder.js';
import type { CInsnRow, ImmSlice } from './types.js';

// 32-bit opcodes (with funct3/funct7) the expansions produce.
const ADDI = 0x13;
const ADDIW = 0x1b;
const SLLI = 0x1013;
const SRLI = 0x5013;
const SRAI = 0x40005013;
const ANDI = 0x7013;
const LUI = 0x37;
const LW = 0x2003;
const LD = 0x3003;
const FLD = 0x3007;
const SW = 0x2023;
const SD = 0x3023;
const FSD = 0x3027;
const ADD = 0x33;
const SUB = 0x40000033;
const XOR = 0x4033;
const OR = 0x6033;
const AND = 0x7033;
const ADDW = 0x3b;
const SUBW = 0x4000003b;
const JAL = 0x6f;
const JALR = 0x67;
const BEQ = 0x63;
const BNE = 0x1063;
const EBREAK = 0x00100073;

/** Full register fields: bits 11:7 (rd/rs1) and 6:2 (rs2). */
const r7 = (c: number): number => (c >>> 7) & 31;
const r2 = (c: number): number => (c >>> 2) & 31;
/** Three-bit register fields name x8..x15: bits 9:7 and 4:2. */
const p7 = (c: number): number => 8 + ((c >>> 7) & 7);
const p2 = (c: number): number => 8 + ((c >>> 2) & 7);

const s = (hi: number, lo: number, at: number): ImmSlice => ({ hi, lo, at });

// Immediate layouts, named by the instruction groups that share them.
const IMM6 = { slices: [s(12, 12, 5), s(6, 2, 0)], signed: true, bits: 6 };
const SHAMT = { slices: [s(12, 12, 5), s(6, 2, 0)], signed: false, bits: 6 };
const LUI_IMM = { slices: [s(12, 12, 17), s(6, 2, 12)], signed: true, bits: 18 };
const ADDI16SP = { slices: [s(12, 12, 9), s(6, 6, 4), s(5, 5, 6), s(4, 3, 7), s(2, 2, 5)], signed: true, bits: 10 };
const ADDI4SPN = { slices: [s(12, 11, 4), s(10, 7, 6), s(6, 6, 2), s(5, 5, 3)], signed: false, bits: 10 };
const CL_W = { slices: [s(12, 10, 3), s(6, 6, 2), s(5, 5, 6)], signed: false, bits: 7 };
const CL_D = { slices: [s(12, 10, 3), s(6, 5, 6)], signed: false, bits: 8 };
const LWSP = { slices: [s(12, 12, 5), s(6, 4, 2), s(3, 2, 6)], signed: false, bits: 8 };
const LDSP = { slices: [s(12, 12, 5), s(6, 5, 3), s(4, 2, 6)], signed: false, bits: 9 };
const SWSP = { slices: [s(12, 9, 2), s(8, 7, 6)], signed: false, bits: 8 };
const SDSP = { slices: [s(12, 10, 3), s(9, 7, 6)], signed: false, bits: 9 };
const CJ = {
  slices: [s(12, 12, 11), s(11, 11, 4), s(10, 9, 8), s(8, 8, 10), s(7, 7, 6), s(6, 6, 7), s(5, 3, 1), s(2, 2, 5)],
  signed: true,
  bits: 12,
};
const CB = { slices: [s(12, 12, 8), s(11, 10, 3), s(6, 5, 6), s(4, 3, 1), s(2, 2, 5)], signed: true, bits: 9 };

type Layout = NonNullable<CInsnRow['imm']>;

/** A row whose expansion needs its immediate: `build(c, imm)` gets the decoded value. */
function row(
  name: string,
  ext: string,
  mask: number,
  match: number,
  format: CInsnRow['format'],
  imm: Layout | undefined,
  build: (c: number, imm: number) => number,
  valid?: (c: number) => boolean,
): CInsnRow {
  const r: CInsnRow = { name, ext, mask, match, format, imm, valid, expand: (c) => build(c, cImm(r, c)) };
  return r;
}

const Q = 0xe003; // funct3 + quadrant

export const rvC: CInsnRow[] = [
  // ---- quadrant 0 ----
  // nzuimm = 0 is reserved; with it the all-zero parcel, the defined illegal instruction.
  row('c_addi4spn', 'C', Q, 0x0000, 'CIW', ADDI4SPN, (c, i) => packI(ADDI, p2(c), 2, i), (c) => (c & 0x1fe0) !== 0),
  row('c_fld', 'C+D', Q, 0x2000, 'CL', CL_D, (c, i) => packI(FLD, p2(c), p7(c), i)),
  row('c_lw', 'C', Q, 0x4000, 'CL', CL_W, (c, i) => packI(LW, p2(c), p7(c), i)),
  row('c_ld', 'C', Q, 0x6000, 'CL', CL_D, (c, i) => packI(LD, p2(c), p7(c), i)),
  row('c_fsd', 'C+D', Q, 0xa000, 'CS', CL_D, (c, i) => packS(FSD, p7(c), p2(c), i)),
  row('c_sw', 'C', Q, 0xc000, 'CS', CL_W, (c, i) => packS(SW, p7(c), p2(c), i)),
  row('c_sd', 'C', Q, 0xe000, 'CS', CL_D, (c, i) => packS(SD, p7(c), p2(c), i)),

  // ---- quadrant 1 ----
  // c.nop with a non-zero immediate is a HINT; c.addi with rd = 0 is c.nop, so c.addi requires rd != 0.
  row('c_nop', 'C', 0xef83, 0x0001, 'CNONE', IMM6, (_c, i) => packI(ADDI, 0, 0, i)),
  row('c_addi', 'C', Q, 0x0001, 'CI', IMM6, (c, i) => packI(ADDI, r7(c), r7(c), i), (c) => r7(c) !== 0),
  row('c_addiw', 'C', Q, 0x2001, 'CI', IMM6, (c, i) => packI(ADDIW, r7(c), r7(c), i), (c) => r7(c) !== 0),
  row('c_li', 'C', Q, 0x4001, 'CI', IMM6, (c, i) => packI(ADDI, r7(c), 0, i)),
  row('c_addi16sp', 'C', 0xef83, 0x6101, 'CI_SP', ADDI16SP, (_c, i) => packI(ADDI, 2, 2, i), (c) => (c & 0x107c) !== 0),
  // rd = 2 is c.addi16sp; nzimm = 0 is reserved whatever rd is (rd = 0 with nzimm != 0 is a HINT).
  row('c_lui', 'C', Q, 0x6001, 'CI', LUI_IMM, (c, i) => packU(LUI, r7(c), i), (c) => r7(c) !== 2 && (c & 0x107c) !== 0),
  row('c_srli', 'C', 0xec03, 0x8001, 'CB_IMM', SHAMT, (c, i) => packI(SRLI, p7(c), p7(c), i)),
  row('c_srai', 'C', 0xec03, 0x8401, 'CB_IMM', SHAMT, (c, i) => packI(SRAI, p7(c), p7(c), i)),
  row('c_andi', 'C', 0xec03, 0x8801, 'CB_IMM', IMM6, (c, i) => packI(ANDI, p7(c), p7(c), i)),
  row('c_sub', 'C', 0xfc63, 0x8c01, 'CA', undefined, (c) => packR(SUB, p7(c), p7(c), p2(c))),
  row('c_xor', 'C', 0xfc63, 0x8c21, 'CA', undefined, (c) => packR(XOR, p7(c), p7(c), p2(c))),
  row('c_or', 'C', 0xfc63, 0x8c41, 'CA', undefined, (c) => packR(OR, p7(c), p7(c), p2(c))),
  row('c_and', 'C', 0xfc63, 0x8c61, 'CA', undefined, (c) => packR(AND, p7(c), p7(c), p2(c))),
  row('c_subw', 'C', 0xfc63, 0x9c01, 'CA', undefined, (c) => packR(SUBW, p7(c), p7(c), p2(c))),
  row('c_addw', 'C', 0xfc63, 0x9c21, 'CA', undefined, (c) => packR(ADDW, p7(c), p7(c), p2(c))),
  // 0x9c41 and 0x9c61 (funct2 10/11 with bit 12 set) are reserved: no row matches them.
  row('c_j', 'C', Q, 0xa001, 'CJ', CJ, (_c, i) => packJ(JAL, 0, i)),
  row('c_beqz', 'C', Q, 0xc001, 'CB', CB, (c, i) => packB(BEQ, p7(c), 0, i)),
  row('c_bnez', 'C', Q, 0xe001, 'CB', CB, (c, i) => packB(BNE, p7(c), 0, i)),

  // ---- quadrant 2 ----
  // rd = 0 or shamt = 0 are HINTs.
  row('c_slli', 'C', Q, 0x0002, 'CI', SHAMT, (c, i) => packI(SLLI, r7(c), r7(c), i)),
  row('c_fldsp', 'C+D', Q, 0x2002, 'CI_LOAD', LDSP, (c, i) => packI(FLD, r7(c), 2, i)),
  row('c_lwsp', 'C', Q, 0x4002, 'CI_LOAD', LWSP, (c, i) => packI(LW, r7(c), 2, i), (c) => r7(c) !== 0),
  row('c_ldsp', 'C', Q, 0x6002, 'CI_LOAD', LDSP, (c, i) => packI(LD, r7(c), 2, i), (c) => r7(c) !== 0),
  // Bit 12 clear: rs2 = 0 is c.jr (rs1 = 0 reserved), else c.mv (rd = 0 a HINT).
  row('c_jr', 'C', 0xf07f, 0x8002, 'CR1', undefined, (c) => packI(JALR, 0, r7(c), 0), (c) => r7(c) !== 0),
  row('c_mv', 'C', 0xf003, 0x8002, 'CR', undefined, (c) => packR(ADD, r7(c), 0, r2(c)), (c) => r2(c) !== 0),
  // Bit 12 set: rs1 = rs2 = 0 is c.ebreak, rs2 = 0 is c.jalr, else c.add (rd = 0 a HINT).
  row('c_ebreak', 'C', 0xffff, 0x9002, 'CNONE', undefined, () => EBREAK),
  row('c_jalr', 'C', 0xf07f, 0x9002, 'CR1', undefined, (c) => packI(JALR, 1, r7(c), 0), (c) => r7(c) !== 0),
  row('c_add', 'C', 0xf003, 0x9002, 'CR', undefined, (c) => packR(ADD, r7(c), r7(c), r2(c)), (c) => r2(c) !== 0),
  row('c_fsdsp', 'C+D', Q, 0xa002, 'CSS', SDSP, (c, i) => packS(FSD, 2, r2(c), i)),
  row('c_swsp', 'C', Q, 0xc002, 'CSS', SWSP, (c, i) => packS(SW, 2, r2(c), i)),
  row('c_sdsp', 'C', Q, 0xe002, 'CSS', SDSP, (c, i) => packS(SD, 2, r2(c), i)),
];

/**
 * Register operands of a compressed parcel as full register numbers, per its format (for the
 * disassembler and tests). Fields a format does not have are -1.
 */
export function cRegs(row: CInsnRow, c: number): { rd: number; rs1: number; rs2: number } {
  switch (row.format) {
    case 'CR':
      return { rd: r7(c), rs1: r7(c), rs2: r2(c) };
    case 'CR1':
      return { rd: -1, rs1: r7(c), rs2: -1 };
    case 'CI':
    case 'CI_LOAD':
      return { rd: r7(c), rs1: r7(c), rs2: -1 };
    case 'CSS':
      return { rd: -1, rs1: 2, rs2: r2(c) };
    case 'CIW':
      return { rd: p2(c), rs1: 2, rs2: -1 };
    case 'CL':
      return { rd: p2(c), rs1: p7(c), rs2: -1 };
    case 'CS':
      return { rd: -1, rs1: p7(c), rs2: p2(c) };
    case 'CA':
      return { rd: p7(c), rs1: p7(c), rs2: p2(c) };
    case 'CB_IMM':
      return { rd: p7(c), rs1: p7(c), rs2: -1 };
    case 'CB':
      return { rd: -1, rs1: p7(c), rs2: -1 };
    case 'CI_SP':
      return { rd: 2, rs1: 2, rs2: -1 };
    case 'CJ':
    case 'CNONE':
      return { rd: -1, rs1: -1, rs2: -1 };
  }
}
