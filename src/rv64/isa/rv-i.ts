/** RV64I base integer instructions (unprivileged spec, chapters 2 and 5). */
import { Ext, type Hart } from '../hart.js';
import { Cause, raise } from '../trap.js';
import type { InsnRow } from './types.js';
import { immB, immI, immJ, immS, immU } from './fields.js';

const R = 0xfe00707f;
const I = 0x0000707f;
const SH6 = 0xfc00707f;

/** Taken control transfer to pc + off, with the IALIGN check (misaligned only without C). */
function jumpRel(h: Hart, off: number): void {
  const a = h.pcLo;
  const lo = (a + off) | 0;
  const hi = (h.pcHi + (off >> 31) + ((lo >>> 0) < (a >>> 0) ? 1 : 0)) | 0;
  if ((lo & 2) !== 0 && (h.ext & Ext.C) === 0) raise(Cause.InsnMisaligned, lo, hi);
  h.npcLo = lo;
  h.npcHi = hi;
}

/** Index in Hart.x of the scratch slot that receives the high word of an effective address. */
const EA_HI = 68;

/**
 * Effective address x[rs1] + off: returns the low word and leaves the high word in x[EA_HI]
 * (small enough for the JIT to inline into every load and store).
 */
function ea(x: Int32Array, i: number, off: number): number {
  const rs1 = (i >>> 14) & 62;
  const a = x[rs1];
  const lo = (a + off) | 0;
  x[EA_HI] = (x[rs1 + 1] + (off >> 31) + ((lo >>> 0) < (a >>> 0) ? 1 : 0)) | 0;
  return lo;
}

function ltS(alo: number, ahi: number, blo: number, bhi: number): boolean {
  return ahi < bhi || (ahi === bhi && alo >>> 0 < blo >>> 0);
}
function ltU(alo: number, ahi: number, blo: number, bhi: number): boolean {
  const ah = ahi >>> 0;
  const bh = bhi >>> 0;
  return ah < bh || (ah === bh && alo >>> 0 < blo >>> 0);
}

/** Shared bodies of the shift instructions: x[rd] = x[rs1] op sh, sh in 0..63. */
function sll(h: Hart, rd: number, rs1: number, sh: number): void {
  const x = h.x;
  const lo = x[rs1];
  const hi = x[rs1 + 1];
  if (sh === 0) {
    x[rd] = lo;
    x[rd + 1] = hi;
  } else if (sh < 32) {
    x[rd + 1] = (hi << sh) | (lo >>> (32 - sh));
    x[rd] = lo << sh;
  } else {
    x[rd + 1] = lo << (sh - 32);
    x[rd] = 0;
  }
}
function srl(h: Hart, rd: number, rs1: number, sh: number): void {
  const x = h.x;
  const lo = x[rs1];
  const hi = x[rs1 + 1];
  if (sh === 0) {
    x[rd] = lo;
    x[rd + 1] = hi;
  } else if (sh < 32) {
    x[rd] = (lo >>> sh) | (hi << (32 - sh));
    x[rd + 1] = hi >>> sh;
  } else {
    x[rd] = hi >>> (sh - 32);
    x[rd + 1] = 0;
  }
}
function sra(h: Hart, rd: number, rs1: number, sh: number): void {
  const x = h.x;
  const lo = x[rs1];
  const hi = x[rs1 + 1];
  if (sh === 0) {
    x[rd] = lo;
    x[rd + 1] = hi;
  } else if (sh < 32) {
    x[rd] = (lo >>> sh) | (hi << (32 - sh));
    x[rd + 1] = hi >> sh;
  } else {
    x[rd] = hi >> (sh - 32);
    x[rd + 1] = hi >> 31;
  }
}

export const rvI: InsnRow[] = [
  {
    name: 'lui', ext: 'I', mask: 0x7f, match: 0x37, format: 'U',
    exec: (h, i) => {
      const rd = (i >>> 6) & 62;
      const v = i & 0xfffff000;
      h.x[rd] = v;
      h.x[rd + 1] = v >> 31;
    },
  },
  {
    name: 'auipc', ext: 'I', mask: 0x7f, match: 0x17, format: 'U',
    exec: (h, i) => {
      const rd = (i >>> 6) & 62;
      const off = immU(i);
      const a = h.pcLo;
      const lo = (a + off) | 0;
      h.x[rd + 1] = (h.pcHi + (off >> 31) + ((lo >>> 0) < (a >>> 0) ? 1 : 0)) | 0;
      h.x[rd] = lo;
    },
  },
  {
    name: 'jal', ext: 'I', mask: 0x7f, match: 0x6f, format: 'J',
    exec: (h, i) => {
      const rd = (i >>> 6) & 62;
      const linkLo = h.npcLo;
      const linkHi = h.npcHi;
      jumpRel(h, immJ(i));
      h.x[rd] = linkLo;
      h.x[rd + 1] = linkHi;
    },
  },
  {
    name: 'jalr', ext: 'I', mask: I, match: 0x67, format: 'LOAD',
    exec: (h, i) => {
      const x = h.x;
      const rd = (i >>> 6) & 62;
      const rs1 = (i >>> 14) & 62;
      const off = i >> 20;
      const a = x[rs1];
      const lo = ((a + off) | 0) & ~1;
      const hi = (x[rs1 + 1] + (off >> 31) + (((a + off) | 0) >>> 0 < a >>> 0 ? 1 : 0)) | 0;
      if ((lo & 2) !== 0 && (h.ext & Ext.C) === 0) raise(Cause.InsnMisaligned, lo, hi);
      x[rd] = h.npcLo;
      x[rd + 1] = h.npcHi;
      h.npcLo = lo;
      h.npcHi = hi;
    },
  },
  {
    name: 'beq', ext: 'I', mask: I, match: 0x63, format: 'B',
    exec: (h, i) => {
      const x = h.x;
      const r1 = (i >>> 14) & 62;
      const r2 = (i >>> 19) & 62;
      if (x[r1] === x[r2] && x[r1 + 1] === x[r2 + 1]) jumpRel(h, immB(i));
    },
  },
  {
    name: 'bne', ext: 'I', mask: I, match: 0x1063, format: 'B',
    exec: (h, i) => {
      const x = h.x;
      const r1 = (i >>> 14) & 62;
      const r2 = (i >>> 19) & 62;
      if (x[r1] !== x[r2] || x[r1 + 1] !== x[r2 + 1]) jumpRel(h, immB(i));
    },
  },
  {
    name: 'blt', ext: 'I', mask: I, match: 0x4063, format: 'B',
    exec: (h, i) => {
      const x = h.x;
      const r1 = (i >>> 14) & 62;
      const r2 = (i >>> 19) & 62;
      if (ltS(x[r1], x[r1 + 1], x[r2], x[r2 + 1])) jumpRel(h, immB(i));
    },
  },
  {
    name: 'bge', ext: 'I', mask: I, match: 0x5063, format: 'B',
    exec: (h, i) => {
      const x = h.x;
      const r1 = (i >>> 14) & 62;
      const r2 = (i >>> 19) & 62;
      if (!ltS(x[r1], x[r1 + 1], x[r2], x[r2 + 1])) jumpRel(h, immB(i));
    },
  },
  {
    name: 'bltu', ext: 'I', mask: I, match: 0x6063, format: 'B',
    exec: (h, i) => {
      const x = h.x;
      const r1 = (i >>> 14) & 62;
      const r2 = (i >>> 19) & 62;
      if (ltU(x[r1], x[r1 + 1], x[r2], x[r2 + 1])) jumpRel(h, immB(i));
    },
  },
  {
    name: 'bgeu', ext: 'I', mask: I, match: 0x7063, format: 'B',
    exec: (h, i) => {
      const x = h.x;
      const r1 = (i >>> 14) & 62;
      const r2 = (i >>> 19) & 62;
      if (!ltU(x[r1], x[r1 + 1], x[r2], x[r2 + 1])) jumpRel(h, immB(i));
    },
  },
  {
    name: 'lb', ext: 'I', mask: I, match: 0x0003, format: 'LOAD',
    exec: (h, i) => {
      const x = h.x;
      const lo = ea(x, i, i >> 20);
      const v = h.mmu.load8(lo, x[EA_HI]);
      const rd = (i >>> 6) & 62;
      x[rd] = v;
      x[rd + 1] = v >> 31;
    },
  },
  {
    name: 'lh', ext: 'I', mask: I, match: 0x1003, format: 'LOAD',
    exec: (h, i) => {
      const x = h.x;
      const lo = ea(x, i, i >> 20);
      const v = h.mmu.load16(lo, x[EA_HI]);
      const rd = (i >>> 6) & 62;
      x[rd] = v;
      x[rd + 1] = v >> 31;
    },
  },
  {
    name: 'lw', ext: 'I', mask: I, match: 0x2003, format: 'LOAD',
    exec: (h, i) => {
      const x = h.x;
      const lo = ea(x, i, i >> 20);
      const v = h.mmu.load32(lo, x[EA_HI]);
      const rd = (i >>> 6) & 62;
      x[rd] = v;
      x[rd + 1] = v >> 31;
    },
  },
  {
    name: 'ld', ext: 'I', mask: I, match: 0x3003, format: 'LOAD',
    exec: (h, i) => {
      const x = h.x;
      const lo = ea(x, i, i >> 20);
      const mmu = h.mmu;
      const v = mmu.load64(lo, x[EA_HI]);
      const rd = (i >>> 6) & 62;
      x[rd] = v;
      x[rd + 1] = mmu.hi;
    },
  },
  {
    name: 'lbu', ext: 'I', mask: I, match: 0x4003, format: 'LOAD',
    exec: (h, i) => {
      const x = h.x;
      const lo = ea(x, i, i >> 20);
      const v = h.mmu.load8(lo, x[EA_HI]);
      const rd = (i >>> 6) & 62;
      x[rd] = v & 0xff;
      x[rd + 1] = 0;
    },
  },
  {
    name: 'lhu', ext: 'I', mask: I, match: 0x5003, format: 'LOAD',
    exec: (h, i) => {
      const x = h.x;
      const lo = ea(x, i, i >> 20);
      const v = h.mmu.load16(lo, x[EA_HI]);
      const rd = (i >>> 6) & 62;
      x[rd] = v & 0xffff;
      x[rd + 1] = 0;
    },
  },
  {
    name: 'lwu', ext: 'I', mask: I, match: 0x6003, format: 'LOAD',
    exec: (h, i) => {
      const x = h.x;
      const lo = ea(x, i, i >> 20);
      const v = h.mmu.load32(lo, x[EA_HI]);
      const rd = (i >>> 6) & 62;
      x[rd] = v;
      x[rd + 1] = 0;
    },
  },
  {
    name: 'sb', ext: 'I', mask: I, match: 0x0023, format: 'S',
    exec: (h, i) => {
      const x = h.x;
      const lo = ea(x, i, immS(i));
      h.mmu.store8(lo, x[EA_HI], x[(i >>> 19) & 62]);
    },
  },
  {
    name: 'sh', ext: 'I', mask: I, match: 0x1023, format: 'S',
    exec: (h, i) => {
      const x = h.x;
      const lo = ea(x, i, immS(i));
      h.mmu.store16(lo, x[EA_HI], x[(i >>> 19) & 62]);
    },
  },
  {
    name: 'sw', ext: 'I', mask: I, match: 0x2023, format: 'S',
    exec: (h, i) => {
      const x = h.x;
      const lo = ea(x, i, immS(i));
      h.mmu.store32(lo, x[EA_HI], x[(i >>> 19) & 62]);
    },
  },
  {
    name: 'sd', ext: 'I', mask: I, match: 0x3023, format: 'S',
    exec: (h, i) => {
      const x = h.x;
      const lo = ea(x, i, immS(i));
      const rs2 = (i >>> 19) & 62;
      h.mmu.store64(lo, x[EA_HI], x[rs2], x[rs2 + 1]);
    },
  },
  {
    name: 'addi', ext: 'I', mask: I, match: 0x0013, format: 'I',
    exec: (h, i) => {
      const x = h.x;
      const rs1 = (i >>> 14) & 62;
      const rd = (i >>> 6) & 62;
      const a = x[rs1];
      const off = i >> 20;
      const lo = (a + off) | 0;
      x[rd + 1] = (x[rs1 + 1] + (off >> 31) + ((lo >>> 0) < (a >>> 0) ? 1 : 0)) | 0;
      x[rd] = lo;
    },
  },
  {
    name: 'slti', ext: 'I', mask: I, match: 0x2013, format: 'I',
    exec: (h, i) => {
      const x = h.x;
      const rs1 = (i >>> 14) & 62;
      const rd = (i >>> 6) & 62;
      const imm = i >> 20;
      x[rd] = ltS(x[rs1], x[rs1 + 1], imm, imm >> 31) ? 1 : 0;
      x[rd + 1] = 0;
    },
  },
  {
    name: 'sltiu', ext: 'I', mask: I, match: 0x3013, format: 'I',
    exec: (h, i) => {
      const x = h.x;
      const rs1 = (i >>> 14) & 62;
      const rd = (i >>> 6) & 62;
      const imm = i >> 20;
      x[rd] = ltU(x[rs1], x[rs1 + 1], imm, imm >> 31) ? 1 : 0;
      x[rd + 1] = 0;
    },
  },
  {
    name: 'xori', ext: 'I', mask: I, match: 0x4013, format: 'I',
    exec: (h, i) => {
      const x = h.x;
      const rs1 = (i >>> 14) & 62;
      const rd = (i >>> 6) & 62;
      const imm = i >> 20;
      x[rd] = x[rs1] ^ imm;
      x[rd + 1] = x[rs1 + 1] ^ (imm >> 31);
    },
  },
  {
    name: 'ori', ext: 'I', mask: I, match: 0x6013, format: 'I',
    exec: (h, i) => {
      const x = h.x;
      const rs1 = (i >>> 14) & 62;
      const rd = (i >>> 6) & 62;
      const imm = i >> 20;
      x[rd] = x[rs1] | imm;
      x[rd + 1] = x[rs1 + 1] | (imm >> 31);
    },
  },
  {
    name: 'andi', ext: 'I', mask: I, match: 0x7013, format: 'I',
    exec: (h, i) => {
      const x = h.x;
      const rs1 = (i >>> 14) & 62;
      const rd = (i >>> 6) & 62;
      const imm = i >> 20;
      x[rd] = x[rs1] & imm;
      x[rd + 1] = x[rs1 + 1] & (imm >> 31);
    },
  },
  {
    name: 'slli', ext: 'I', mask: SH6, match: 0x1013, format: 'SH6',
    exec: (h, i) => sll(h, (i >>> 6) & 62, (i >>> 14) & 62, (i >>> 20) & 63),
  },
  {
    name: 'srli', ext: 'I', mask: SH6, match: 0x5013, format: 'SH6',
    exec: (h, i) => srl(h, (i >>> 6) & 62, (i >>> 14) & 62, (i >>> 20) & 63),
  },
  {
    name: 'srai', ext: 'I', mask: SH6, match: 0x40005013, format: 'SH6',
    exec: (h, i) => sra(h, (i >>> 6) & 62, (i >>> 14) & 62, (i >>> 20) & 63),
  },
  {
    name: 'add', ext: 'I', mask: R, match: 0x0033, format: 'R',
    exec: (h, i) => {
      const x = h.x;
      const rs1 = (i >>> 14) & 62;
      const rs2 = (i >>> 19) & 62;
      const rd = (i >>> 6) & 62;
      const a = x[rs1];
      const lo = (a + x[rs2]) | 0;
      x[rd + 1] = (x[rs1 + 1] + x[rs2 + 1] + ((lo >>> 0) < (a >>> 0) ? 1 : 0)) | 0;
      x[rd] = lo;
    },
  },
  {
    name: 'sub', ext: 'I', mask: R, match: 0x40000033, format: 'R',
    exec: (h, i) => {
      const x = h.x;
      const rs1 = (i >>> 14) & 62;
      const rs2 = (i >>> 19) & 62;
      const rd = (i >>> 6) & 62;
      const a = x[rs1];
      const b = x[rs2];
      x[rd + 1] = (x[rs1 + 1] - x[rs2 + 1] - ((a >>> 0) < (b >>> 0) ? 1 : 0)) | 0;
      x[rd] = (a - b) | 0;
    },
  },
  {
    name: 'sll', ext: 'I', mask: R, match: 0x1033, format: 'R',
    exec: (h, i) => sll(h, (i >>> 6) & 62, (i >>> 14) & 62, h.x[(i >>> 19) & 62] & 63),
  },
  {
    name: 'slt', ext: 'I', mask: R, match: 0x2033, format: 'R',
    exec: (h, i) => {
      const x = h.x;
      const rs1 = (i >>> 14) & 62;
      const rs2 = (i >>> 19) & 62;
      const rd = (i >>> 6) & 62;
      x[rd] = ltS(x[rs1], x[rs1 + 1], x[rs2], x[rs2 + 1]) ? 1 : 0;
      x[rd + 1] = 0;
    },
  },
  {
    name: 'sltu', ext: 'I', mask: R, match: 0x3033, format: 'R',
    exec: (h, i) => {
      const x = h.x;
      const rs1 = (i >>> 14) & 62;
      const rs2 = (i >>> 19) & 62;
      const rd = (i >>> 6) & 62;
      x[rd] = ltU(x[rs1], x[rs1 + 1], x[rs2], x[rs2 + 1]) ? 1 : 0;
      x[rd + 1] = 0;
    },
  },
  {
    name: 'xor', ext: 'I', mask: R, match: 0x4033, format: 'R',
    exec: (h, i) => {
      const x = h.x;
      const rs1 = (i >>> 14) & 62;
      const rs2 = (i >>> 19) & 62;
      const rd = (i >>> 6) & 62;
      x[rd] = x[rs1] ^ x[rs2];
      x[rd + 1] = x[rs1 + 1] ^ x[rs2 + 1];
    },
  },
  {
    name: 'srl', ext: 'I', mask: R, match: 0x5033, format: 'R',
    exec: (h, i) => srl(h, (i >>> 6) & 62, (i >>> 14) & 62, h.x[(i >>> 19) & 62] & 63),
  },
  {
    name: 'sra', ext: 'I', mask: R, match: 0x40005033, format: 'R',
    exec: (h, i) => sra(h, (i >>> 6) & 62, (i >>> 14) & 62, h.x[(i >>> 19) & 62] & 63),
  },
  {
    name: 'or', ext: 'I', mask: R, match: 0x6033, format: 'R',
    exec: (h, i) => {
      const x = h.x;
      const rs1 = (i >>> 14) & 62;
      const rs2 = (i >>> 19) & 62;
      const rd = (i >>> 6) & 62;
      x[rd] = x[rs1] | x[rs2];
      x[rd + 1] = x[rs1 + 1] | x[rs2 + 1];
    },
  },
  {
    name: 'and', ext: 'I', mask: R, match: 0x7033, format: 'R',
    exec: (h, i) => {
      const x = h.x;
      const rs1 = (i >>> 14) & 62;
      const rs2 = (i >>> 19) & 62;
      const rd = (i >>> 6) & 62;
      x[rd] = x[rs1] & x[rs2];
      x[rd + 1] = x[rs1 + 1] & x[rs2 + 1];
    },
  },
  {
    name: 'addiw', ext: 'I', mask: I, match: 0x001b, format: 'I',
    exec: (h, i) => {
      const x = h.x;
      const rd = (i >>> 6) & 62;
      const v = (x[(i >>> 14) & 62] + (i >> 20)) | 0;
      x[rd] = v;
      x[rd + 1] = v >> 31;
    },
  },
  {
    name: 'slliw', ext: 'I', mask: R, match: 0x101b, format: 'SH5',
    exec: (h, i) => {
      const x = h.x;
      const rd = (i >>> 6) & 62;
      const v = x[(i >>> 14) & 62] << ((i >>> 20) & 31);
      x[rd] = v;
      x[rd + 1] = v >> 31;
    },
  },
  {
    name: 'srliw', ext: 'I', mask: R, match: 0x501b, format: 'SH5',
    exec: (h, i) => {
      const x = h.x;
      const rd = (i >>> 6) & 62;
      const v = (x[(i >>> 14) & 62] >>> ((i >>> 20) & 31)) | 0;
      x[rd] = v;
      x[rd + 1] = v >> 31;
    },
  },
  {
    name: 'sraiw', ext: 'I', mask: R, match: 0x4000501b, format: 'SH5',
    exec: (h, i) => {
      const x = h.x;
      const rd = (i >>> 6) & 62;
      const v = x[(i >>> 14) & 62] >> ((i >>> 20) & 31);
      x[rd] = v;
      x[rd + 1] = v >> 31;
    },
  },
  {
    name: 'addw', ext: 'I', mask: R, match: 0x003b, format: 'R',
    exec: (h, i) => {
      const x = h.x;
      const rd = (i >>> 6) & 62;
      const v = (x[(i >>> 14) & 62] + x[(i >>> 19) & 62]) | 0;
      x[rd] = v;
      x[rd + 1] = v >> 31;
    },
  },
  {
    name: 'subw', ext: 'I', mask: R, match: 0x4000003b, format: 'R',
    exec: (h, i) => {
      const x = h.x;
      const rd = (i >>> 6) & 62;
      const v = (x[(i >>> 14) & 62] - x[(i >>> 19) & 62]) | 0;
      x[rd] = v;
      x[rd + 1] = v >> 31;
    },
  },
  {
    name: 'sllw', ext: 'I', mask: R, match: 0x103b, format: 'R',
    exec: (h, i) => {
      const x = h.x;
      const rd = (i >>> 6) & 62;
      const v = x[(i >>> 14) & 62] << (x[(i >>> 19) & 62] & 31);
      x[rd] = v;
      x[rd + 1] = v >> 31;
    },
  },
  {
    name: 'srlw', ext: 'I', mask: R, match: 0x503b, format: 'R',
    exec: (h, i) => {
      const x = h.x;
      const rd = (i >>> 6) & 62;
      const v = (x[(i >>> 14) & 62] >>> (x[(i >>> 19) & 62] & 31)) | 0;
      x[rd] = v;
      x[rd + 1] = v >> 31;
    },
  },
  {
    name: 'sraw', ext: 'I', mask: R, match: 0x4000503b, format: 'R',
    exec: (h, i) => {
      const x = h.x;
      const rd = (i >>> 6) & 62;
      const v = x[(i >>> 14) & 62] >> (x[(i >>> 19) & 62] & 31);
      x[rd] = v;
      x[rd + 1] = v >> 31;
    },
  },
  {
    // fence pred, succ: memory is sequentially consistent here, so it orders nothing further.
    // fm/rs1/rd are ignored as the spec requires for forward compatibility (fence.tso, pause).
    name: 'fence', ext: 'I', mask: 0x707f, match: 0x000f, format: 'FENCE',
    exec: () => {},
  },
  {
    name: 'ecall', ext: 'I', mask: 0xffffffff, match: 0x00000073, format: 'NONE',
    exec: (h) => {
      // cause 8 (U), 9 (HS), 10 (VS), 11 (M)
      raise(h.priv === 3 ? Cause.EcallM : h.priv === 1 ? (h.virt ? Cause.EcallVS : Cause.EcallS) : Cause.EcallU);
    },
  },
  {
    // tval = pc, as Spike and QEMU report it.
    name: 'ebreak', ext: 'I', mask: 0xffffffff, match: 0x00100073, format: 'NONE',
    exec: (h) => raise(Cause.Breakpoint, h.pcLo, h.pcHi),
  },
];
