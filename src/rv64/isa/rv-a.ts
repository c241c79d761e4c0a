/**
 * RV64A: LR/SC and AMOs (unprivileged spec, chapter 14). With one hart and sequential memory,
 * aq/rl add no ordering beyond program order; they are accepted in every combination.
 * The MMU resolves the address as a store (AMO permission, store/AMO faults, alignment) and hands
 * back the RAM byte offset; the read-modify-write happens here on the RAM views.
 */
import type { Hart } from '../hart.js';
import type { InsnRow } from './types.js';

const AMO = 0xf800707f;
const LR = 0xf9f0707f;

/** Effective address of an A-extension instruction: x[rs1], no offset. */
function addrLo(h: Hart, i: number): number {
  return h.x[(i >>> 14) & 62];
}
function addrHi(h: Hart, i: number): number {
  return h.x[((i >>> 14) & 62) + 1];
}

type Op32 = (a: number, b: number) => number;
const op32: Record<string, Op32> = {
  swap: (_a, b) => b,
  add: (a, b) => (a + b) | 0,
  xor: (a, b) => a ^ b,
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  min: (a, b) => (a < b ? a : b),
  max: (a, b) => (a > b ? a : b),
  minu: (a, b) => (a >>> 0 < b >>> 0 ? a : b),
  maxu: (a, b) => (a >>> 0 > b >>> 0 ? a : b),
};

/** 64-bit AMO ops on halves: compute into res[0..1] from (alo, ahi) = memory, (blo, bhi) = rs2. */
const res = new Int32Array(2);
type Op64 = (alo: number, ahi: number, blo: number, bhi: number) => void;
function pick(lo: number, hi: number): void {
  res[0] = lo;
  res[1] = hi;
}
const op64: Record<string, Op64> = {
  swap: (_a, _b, c, d) => pick(c, d),
  add: (a, b, c, d) => {
    const lo = (a + c) | 0;
    pick(lo, (b + d + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0);
  },
  xor: (a, b, c, d) => pick(a ^ c, b ^ d),
  and: (a, b, c, d) => pick(a & c, b & d),
  or: (a, b, c, d) => pick(a | c, b | d),
  min: (a, b, c, d) => (b < d || (b === d && a >>> 0 < c >>> 0) ? pick(a, b) : pick(c, d)),
  max: (a, b, c, d) => (b > d || (b === d && a >>> 0 > c >>> 0) ? pick(a, b) : pick(c, d)),
  minu: (a, b, c, d) =>
    b >>> 0 < d >>> 0 || (b === d && a >>> 0 < c >>> 0) ? pick(a, b) : pick(c, d),
  maxu: (a, b, c, d) =>
    b >>> 0 > d >>> 0 || (b === d && a >>> 0 > c >>> 0) ? pick(a, b) : pick(c, d),
};

const funct5: Record<string, number> = {
  add: 0x00, swap: 0x01, xor: 0x04, or: 0x08, and: 0x0c, min: 0x10, max: 0x14, minu: 0x18, maxu: 0x1c,
};

function amoW(name: string): InsnRow {
  const op = op32[name];
  return {
    name: `amo${name}_w`, ext: 'A', mask: AMO, match: 0x2f | (2 << 12) | (funct5[name] << 27), format: 'AMO',
    exec: (h, i) => {
      const mmu = h.mmu;
      const off = mmu.amoOffset(addrLo(h, i), addrHi(h, i), 4) >> 2;
      const i32 = mmu.ram.i32;
      const old = i32[off];
      i32[off] = op(old, h.x[(i >>> 19) & 62]);
      mmu.amoWritten(4);
      const rd = (i >>> 6) & 62;
      h.x[rd] = old;
      h.x[rd + 1] = old >> 31;
    },
  };
}

function amoD(name: string): InsnRow {
  const op = op64[name];
  return {
    name: `amo${name}_d`, ext: 'A', mask: AMO, match: 0x2f | (3 << 12) | (funct5[name] << 27), format: 'AMO',
    exec: (h, i) => {
      const mmu = h.mmu;
      const off = mmu.amoOffset(addrLo(h, i), addrHi(h, i), 8) >> 2;
      const i32 = mmu.ram.i32;
      const lo = i32[off];
      const hi = i32[off + 1];
      const rs2 = (i >>> 19) & 62;
      op(lo, hi, h.x[rs2], h.x[rs2 + 1]);
      i32[off] = res[0];
      i32[off + 1] = res[1];
      mmu.amoWritten(8);
      const rd = (i >>> 6) & 62;
      h.x[rd] = lo;
      h.x[rd + 1] = hi;
    },
  };
}

const names = ['swap', 'add', 'xor', 'and', 'or', 'min', 'max', 'minu', 'maxu'];

export const rvA: InsnRow[] = [
  {
    name: 'lr_w', ext: 'A', mask: LR, match: 0x1000202f, format: 'LR',
    exec: (h, i) => {
      const mmu = h.mmu;
      const off = mmu.lrOffset(addrLo(h, i), addrHi(h, i), 4);
      const v = mmu.ram.i32[off >> 2];
      h.resAddr = off;
      const rd = (i >>> 6) & 62;
      h.x[rd] = v;
      h.x[rd + 1] = v >> 31;
    },
  },
  {
    name: 'lr_d', ext: 'A', mask: LR, match: 0x1000302f, format: 'LR',
    exec: (h, i) => {
      const mmu = h.mmu;
      const off = mmu.lrOffset(addrLo(h, i), addrHi(h, i), 8);
      h.resAddr = off;
      const rd = (i >>> 6) & 62;
      h.x[rd] = mmu.ram.i32[off >> 2];
      h.x[rd + 1] = mmu.ram.i32[(off >> 2) + 1];
    },
  },
  {
    // The SC translates (and may fault) before it checks the reservation, as Spike does;
    // it always clears the reservation (spec 14.2).
    name: 'sc_w', ext: 'A', mask: AMO, match: 0x1800202f, format: 'AMO',
    exec: (h, i) => {
      const mmu = h.mmu;
      const off = mmu.amoOffset(addrLo(h, i), addrHi(h, i), 4);
      const rd = (i >>> 6) & 62;
      let fail = 1;
      if (h.resAddr === off) {
        mmu.ram.i32[off >> 2] = h.x[(i >>> 19) & 62];
        mmu.amoWritten(4);
        fail = 0;
      }
      h.resAddr = -1;
      h.x[rd] = fail;
      h.x[rd + 1] = 0;
    },
  },
  {
    name: 'sc_d', ext: 'A', mask: AMO, match: 0x1800302f, format: 'AMO',
    exec: (h, i) => {
      const mmu = h.mmu;
      const off = mmu.amoOffset(addrLo(h, i), addrHi(h, i), 8);
      const rd = (i >>> 6) & 62;
      let fail = 1;
      if (h.resAddr === off) {
        const rs2 = (i >>> 19) & 62;
        mmu.ram.i32[off >> 2] = h.x[rs2];
        mmu.ram.i32[(off >> 2) + 1] = h.x[rs2 + 1];
        mmu.amoWritten(8);
        fail = 0;
      }
      h.resAddr = -1;
      h.x[rd] = fail;
      h.x[rd + 1] = 0;
    },
  },
  ...names.map(amoW),
  ...names.map(amoD),
];
