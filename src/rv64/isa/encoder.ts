/**
 * Instruction encoders driven by the tables: `encode` builds a 32-bit word from a row and its
 * operands according to the row's Format, `encodeC` a 16-bit parcel from a compressed row, its
 * CFormat and its immediate slices. Used by tests, fuzzers and the compressed-expansion code (the
 * raw `pack*` helpers). Words are returned as signed 32-bit numbers, as the decoder passes them.
 *
 * Operands are checked: a value that does not fit its field, or that would change the fixed bits of
 * the row, throws (a caller bug, never guest input), so an encoder never silently emits a
 * different instruction.
 */
import type { CInsnRow, InsnRow } from './types.js';

export interface Operands {
  rd?: number;
  rs1?: number;
  rs2?: number;
  rs3?: number;
  /** Immediate as the assembler writes it: offsets in bytes, shift amounts, the 20-bit U field. */
  imm?: number;
  csr?: number;
  /** Rounding mode field (0..7); defaults to 7 (dynamic). */
  rm?: number;
  aq?: boolean | number;
  rl?: boolean | number;
  /** FENCE predecessor/successor sets as 4-bit IORW masks. */
  pred?: number;
  succ?: number;
}

// ---- raw field packers (no checks) ----

/** R-type: base carries opcode/funct3/funct7. */
export const packR = (base: number, rd: number, rs1: number, rs2: number): number =>
  (base | (rd << 7) | (rs1 << 15) | (rs2 << 20)) | 0;
export const packI = (base: number, rd: number, rs1: number, imm: number): number =>
  (base | (rd << 7) | (rs1 << 15) | ((imm & 0xfff) << 20)) | 0;
export const packS = (base: number, rs1: number, rs2: number, imm: number): number =>
  (base | ((imm & 31) << 7) | (rs1 << 15) | (rs2 << 20) | (((imm >> 5) & 127) << 25)) | 0;
export const packB = (base: number, rs1: number, rs2: number, off: number): number =>
  (base |
    (((off >> 11) & 1) << 7) |
    (((off >> 1) & 15) << 8) |
    (rs1 << 15) |
    (rs2 << 20) |
    (((off >> 5) & 63) << 25) |
    (((off >> 12) & 1) << 31)) |
  0;
/** U-type: `value` is the full 32-bit value whose low 12 bits are dropped. */
export const packU = (base: number, rd: number, value: number): number => (base | (rd << 7) | (value & 0xfffff000)) | 0;
export const packJ = (base: number, rd: number, off: number): number =>
  (base |
    (rd << 7) |
    (off & 0xff000) |
    (((off >> 11) & 1) << 20) |
    (((off >> 1) & 1023) << 21) |
    (((off >> 20) & 1) << 31)) |
  0;

// ---- checked operand access ----

function field(row: { name: string }, what: string, v: number | undefined, lo: number, hi: number): number {
  const x = v ?? 0;
  if (!Number.isInteger(x) || x < lo || x > hi) throw new RangeError(`${row.name}: ${what} ${x} outside ${lo}..${hi}`);
  return x;
}
const reg = (row: InsnRow, what: string, v: number | undefined): number => field(row, what, v, 0, 31);
const simm = (row: InsnRow, v: number | undefined, bits: number): number =>
  field(row, 'imm', v, -(2 ** (bits - 1)), 2 ** (bits - 1) - 1);
function offset(row: InsnRow, v: number | undefined, bits: number): number {
  const x = simm(row, v, bits);
  if ((x & 1) !== 0) throw new RangeError(`${row.name}: offset ${x} is odd`);
  return x;
}
const flag = (v: boolean | number | undefined): number => (v ? 1 : 0);

/** Encodes a 32-bit instruction of `row` with the given operands. */
export function encode(row: InsnRow, ops: Operands = {}): number {
  const m = row.match;
  const rd = () => reg(row, 'rd', ops.rd);
  const rs1 = () => reg(row, 'rs1', ops.rs1);
  const rs2 = () => reg(row, 'rs2', ops.rs2);
  const rm = () => field(row, 'rm', ops.rm ?? 7, 0, 7) << 12;
  let w: number;
  switch (row.format) {
    case 'R':
    case 'F_R':
    case 'F_CMP':
      w = packR(m, rd(), rs1(), rs2());
      break;
    case 'F_R_RM':
      w = packR(m | rm(), rd(), rs1(), rs2());
      break;
    case 'F_R4_RM':
      w = packR(m | rm() | (reg(row, 'rs3', ops.rs3) << 27), rd(), rs1(), rs2());
      break;
    case 'F_R1_RM':
    case 'F_TO_X_RM':
    case 'X_TO_F_RM':
      w = packR(m | rm(), rd(), rs1(), 0);
      break;
    case 'F_TO_X':
    case 'X_TO_F':
    case 'HLV':
      w = packR(m, rd(), rs1(), 0);
      break;
    case 'HSV':
    case 'RS1_RS2':
      w = packR(m, 0, rs1(), rs2());
      break;
    case 'I':
    case 'LOAD':
    case 'F_LOAD':
      w = packI(m, rd(), rs1(), simm(row, ops.imm, 12));
      break;
    case 'S':
    case 'F_STORE':
      w = packS(m, rs1(), rs2(), simm(row, ops.imm, 12));
      break;
    case 'B':
      w = packB(m, rs1(), rs2(), offset(row, ops.imm, 13));
      break;
    case 'J':
      w = packJ(m, rd(), offset(row, ops.imm, 21));
      break;
    case 'U': {
      // The 20-bit field as written in `lui rd, 0x12345`; negative values name the same field.
      const f = field(row, 'imm', ops.imm, -0x80000, 0xfffff);
      w = packU(m, rd(), f << 12);
      break;
    }
    case 'SH6':
      w = packR(m, rd(), rs1(), 0) | (field(row, 'shamt', ops.imm, 0, 63) << 20);
      break;
    case 'SH5':
      w = packR(m, rd(), rs1(), field(row, 'shamt', ops.imm, 0, 31));
      break;
    case 'CSR':
      w = packI(m, rd(), rs1(), field(row, 'csr', ops.csr, 0, 4095));
      break;
    case 'CSRI':
      w = packI(m, rd(), field(row, 'uimm', ops.imm, 0, 31), field(row, 'csr', ops.csr, 0, 4095));
      break;
    case 'AMO':
      w = packR(m | (flag(ops.aq) << 26) | (flag(ops.rl) << 25), rd(), rs1(), rs2());
      break;
    case 'LR':
      w = packR(m | (flag(ops.aq) << 26) | (flag(ops.rl) << 25), rd(), rs1(), 0);
      break;
    case 'FENCE':
      w = (m | (field(row, 'pred', ops.pred, 0, 15) << 24) | (field(row, 'succ', ops.succ, 0, 15) << 20)) | 0;
      break;
    case 'NONE':
      w = m | 0;
      break;
  }
  if ((w & row.mask) !== (row.match & row.mask)) {
    throw new RangeError(`${row.name}: operands change the fixed bits of the encoding`);
  }
  return w;
}

// ---- compressed ----

/** The immediate of a compressed parcel, assembled from the row's slices (0 when it has none). */
export function cImm(row: CInsnRow, c: number): number {
  const d = row.imm;
  if (d === undefined) return 0;
  let v = 0;
  for (const s of d.slices) v |= ((c >>> s.lo) & ((1 << (s.hi - s.lo + 1)) - 1)) << s.at;
  if (d.signed) v = (v << (32 - d.bits)) >> (32 - d.bits);
  return v;
}

/** Scatters `imm` over the parcel per the row's slices; throws when it is not representable. */
function scatterImm(row: CInsnRow, imm: number): number {
  const d = row.imm!;
  let c = 0;
  let covered = 0;
  for (const s of d.slices) {
    const width = s.hi - s.lo + 1;
    c |= ((imm >>> s.at) & ((1 << width) - 1)) << s.lo;
    covered |= ((1 << width) - 1) << s.at;
  }
  // Representable iff the bits the slices do not cover are the sign (or zero) extension.
  const lo = d.signed ? -(2 ** (d.bits - 1)) : 0;
  const hi = d.signed ? 2 ** (d.bits - 1) - 1 : 2 ** d.bits - 1;
  if (!Number.isInteger(imm) || imm < lo || imm > hi || (imm & ((1 << d.bits) - 1) & ~covered) !== 0) {
    throw new RangeError(`${row.name}: immediate ${imm} not encodable`);
  }
  return c;
}

/** A full register number as a 3-bit compressed register field (x8..x15 / f8..f15). */
function creg(row: CInsnRow, what: string, v: number | undefined): number {
  const r = field(row, what, v ?? 8, 8, 15);
  return r - 8;
}
const full = (row: CInsnRow, what: string, v: number | undefined): number => field(row, what, v, 0, 31);

/** Encodes a 16-bit compressed instruction of `row`. Register operands are full numbers (x8..x15 for rd', rs1', rs2'). */
export function encodeC(row: CInsnRow, ops: Operands = {}): number {
  let c = row.match;
  switch (row.format) {
    case 'CR':
      c |= (full(row, 'rd', ops.rd) << 7) | (full(row, 'rs2', ops.rs2) << 2);
      break;
    case 'CR1':
      c |= full(row, 'rs1', ops.rs1) << 7;
      break;
    case 'CI':
    case 'CI_LOAD':
      c |= full(row, 'rd', ops.rd) << 7;
      break;
    case 'CSS':
      c |= full(row, 'rs2', ops.rs2) << 2;
      break;
    case 'CIW':
      c |= creg(row, 'rd', ops.rd) << 2;
      break;
    case 'CL':
      c |= (creg(row, 'rd', ops.rd) << 2) | (creg(row, 'rs1', ops.rs1) << 7);
      break;
    case 'CS':
      c |= (creg(row, 'rs2', ops.rs2) << 2) | (creg(row, 'rs1', ops.rs1) << 7);
      break;
    case 'CA':
      c |= (creg(row, 'rd', ops.rd ?? ops.rs1) << 7) | (creg(row, 'rs2', ops.rs2) << 2);
      break;
    case 'CB_IMM':
      c |= creg(row, 'rd', ops.rd ?? ops.rs1) << 7;
      break;
    case 'CB':
      c |= creg(row, 'rs1', ops.rs1) << 7;
      break;
    case 'CI_SP':
    case 'CJ':
    case 'CNONE':
      break;
  }
  if (row.imm !== undefined) c |= scatterImm(row, ops.imm ?? 0);
  if ((c & row.mask) !== row.match) throw new RangeError(`${row.name}: operands change the fixed bits of the encoding`);
  return c;
}
