/**
 * What the timing model needs to know about an instruction, derived once per distinct word from
 * its table row (name and format): its class, the registers it reads and writes, and whether a
 * multiply/divide is W-form or a load sub-word. Packed into one int with bit 31 always set, so it
 * is never 0: the observed loop caches it per decoded slot (`RetireObserver.note`, 0 = not yet
 * derived); instructions fetched outside the decoded pages go through the word-keyed `Classifier`.
 *
 * Register numbers: 0 = none (or x0, which is never waited for), 1..31 = x1..x31, 32..63 = f0..f31.
 */
import { NOTE_BEFORE } from '../rv64/cpu.js';
import type { Decoder } from '../rv64/decoder.js';
import type { InsnRow } from '../rv64/isa/types.js';

export const enum Cls {
  Alu = 0,
  Load,
  Store,
  /** AMOs, LR and SC: a load and a store to the same line. */
  Amo,
  Branch,
  Jal,
  Jalr,
  Mul,
  Div,
  FmaS,
  FmaD,
  FdivS,
  FdivD,
  FsqrtS,
  FsqrtD,
  FpMisc,
  FpToInt,
  IntToFp,
  Csr,
  Fence,
  FenceI,
  Sfence,
  Xret,
  Wfi,
  /** ECALL/EBREAK (they always trap; the trap is what costs). */
  System,
}

// Field layout of a packed info word.
export const clsOf = (i: number): number => i & 31;
export const rdOf = (i: number): number => (i >>> 5) & 63;
export const rs1Of = (i: number): number => (i >>> 11) & 63;
export const rs2Of = (i: number): number => (i >>> 17) & 63;
export const rs3Of = (i: number): number => (i >>> 23) & 63;
/** W-form multiply/divide (32-bit operands), or a sub-word load. */
export const narrowOf = (i: number): number => (i >>> 29) & 1;
/** Set in every packed info, so that none is 0. */
export const INFO_VALID = 1 << 31;
/**
 * Set for the classes whose source values the model reads (loads, stores and AMOs their base
 * address, divides their operands): the core calls the observer's `before` only for those
 * (RetireObserver.NOTE_BEFORE).
 */
export const INFO_BEFORE = NOTE_BEFORE;

/** The last argument (a memory access's log2 size) is documentation only: the model does not use it. */
function pack(cls: Cls, rd: number, rs1: number, rs2: number, rs3: number, narrow: number, _sizeLog2: number): number {
  const before = cls === Cls.Load || cls === Cls.Store || cls === Cls.Amo || cls === Cls.Div ? INFO_BEFORE : 0;
  return (cls | (rd << 5) | (rs1 << 11) | (rs2 << 17) | (rs3 << 23) | (narrow << 29) | before | INFO_VALID) | 0;
}

/** The packed info of a row and word (exported for tests). */
export function classifyRow(row: InsnRow | undefined, w: number): number {
  if (row === undefined) return pack(Cls.System, 0, 0, 0, 0, 0, 0);
  const rd = (w >>> 7) & 31;
  const rs1 = (w >>> 15) & 31;
  const rs2 = (w >>> 20) & 31;
  const rs3 = (w >>> 27) & 31;
  const f3 = (w >>> 12) & 7;
  const name = row.name;
  const dbl = name.endsWith('_d');
  const F = 32;
  switch (row.format) {
    case 'LOAD':
      if (name === 'jalr') return pack(Cls.Jalr, rd, rs1, 0, 0, 0, 0);
      return pack(Cls.Load, rd, rs1, 0, 0, (f3 & 3) < 2 ? 1 : 0, f3 & 3);
    case 'S':
      return pack(Cls.Store, 0, rs1, rs2, 0, 0, f3 & 3);
    case 'B':
      return pack(Cls.Branch, 0, rs1, rs2, 0, 0, 0);
    case 'J':
      return pack(Cls.Jal, rd, 0, 0, 0, 0, 0);
    case 'U':
      return pack(Cls.Alu, rd, 0, 0, 0, 0, 0);
    case 'I':
    case 'SH5':
    case 'SH6':
      return pack(Cls.Alu, rd, rs1, 0, 0, 0, 0);
    case 'R': {
      const narrow = name.endsWith('w') ? 1 : 0;
      if (row.ext === 'M') {
        const isDiv = name.startsWith('div') || name.startsWith('rem');
        return pack(isDiv ? Cls.Div : Cls.Mul, rd, rs1, rs2, 0, narrow, 0);
      }
      return pack(Cls.Alu, rd, rs1, rs2, 0, 0, 0);
    }
    case 'AMO':
    case 'LR':
      return pack(Cls.Amo, rd, rs1, row.format === 'AMO' ? rs2 : 0, 0, 0, f3 & 3);
    case 'HLV':
      return pack(Cls.Load, rd, rs1, 0, 0, 0, (w >>> 21) & 3);
    case 'HSV':
      return pack(Cls.Store, 0, rs1, rs2, 0, 0, (w >>> 25) & 3);
    case 'CSR':
      return pack(Cls.Csr, rd, rs1, 0, 0, 0, 0);
    case 'CSRI':
      return pack(Cls.Csr, rd, 0, 0, 0, 0, 0);
    case 'FENCE':
      return pack(Cls.Fence, 0, 0, 0, 0, 0, 0);
    case 'RS1_RS2':
      return pack(Cls.Sfence, 0, rs1, rs2, 0, 0, 0);
    case 'NONE':
      if (name === 'fence_i') return pack(Cls.FenceI, 0, 0, 0, 0, 0, 0);
      if (name === 'mret' || name === 'sret' || name === 'mnret') return pack(Cls.Xret, 0, 0, 0, 0, 0, 0);
      if (name === 'wfi') return pack(Cls.Wfi, 0, 0, 0, 0, 0, 0);
      return pack(Cls.System, 0, 0, 0, 0, 0, 0);
    case 'F_LOAD':
      return pack(Cls.Load, F + rd, rs1, 0, 0, 0, f3 & 3);
    case 'F_STORE':
      return pack(Cls.Store, 0, rs1, F + rs2, 0, 0, f3 & 3);
    case 'F_R_RM': {
      const div = name.startsWith('fdiv');
      const cls = div ? (dbl ? Cls.FdivD : Cls.FdivS) : dbl ? Cls.FmaD : Cls.FmaS;
      return pack(cls, F + rd, F + rs1, F + rs2, 0, 0, 0);
    }
    case 'F_R4_RM':
      return pack(dbl ? Cls.FmaD : Cls.FmaS, F + rd, F + rs1, F + rs2, F + rs3, 0, 0);
    case 'F_R':
      return pack(Cls.FpMisc, F + rd, F + rs1, F + rs2, 0, 0, 0);
    case 'F_R1_RM':
      if (name.startsWith('fsqrt')) return pack(dbl ? Cls.FsqrtD : Cls.FsqrtS, F + rd, F + rs1, 0, 0, 0, 0);
      return pack(Cls.FpMisc, F + rd, F + rs1, 0, 0, 0, 0);
    case 'F_CMP':
      return pack(Cls.FpToInt, rd, F + rs1, F + rs2, 0, 0, 0);
    case 'F_TO_X':
    case 'F_TO_X_RM':
      return pack(Cls.FpToInt, rd, F + rs1, 0, 0, 0, 0);
    case 'X_TO_F':
    case 'X_TO_F_RM':
      return pack(Cls.IntToFp, F + rd, rs1, 0, 0, 0, 0);
  }
  return pack(Cls.Alu, rd, rs1, rs2, 0, 0, 0);
}

const BITS = 13;
const SIZE = 1 << BITS;

/** A direct-mapped cache of packed infos keyed by instruction word. */
export class Classifier {
  private readonly tags = new Int32Array(SIZE);
  private readonly infos = new Int32Array(SIZE);

  constructor(private readonly decoder: Decoder) {
    // Word 0 never executes (it is illegal), so a zero tag means "empty".
  }

  info(w: number): number {
    const i = (w ^ (w >>> 13) ^ (w >>> 25)) & (SIZE - 1);
    if (this.tags[i] === w && w !== 0) return this.infos[i];
    // Compressed words arrive expanded with bit 1 cleared; the rows match the 32-bit form.
    const v = classifyRow(this.decoder.decode(w | 3), w | 3);
    this.tags[i] = w;
    this.infos[i] = v;
    return v;
  }
}
