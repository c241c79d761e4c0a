/** RV64M: multiplication and division (unprivileged spec, chapter 13). */
import type { InsnRow } from './types.js';
import { div64, divu64, mul64, mulh64, mulhsu64, mulhu64, out, rem } from '../int64.js';
import type { Hart } from '../hart.js';

const R = 0xfe00707f;
const M = 0x02000033;
const MW = 0x0200003b;

type Op64 = (alo: number, ahi: number, blo: number, bhi: number) => void;

function binop(h: Hart, i: number, op: Op64): void {
  const x = h.x;
  const rs1 = (i >>> 14) & 62;
  const rs2 = (i >>> 19) & 62;
  op(x[rs1], x[rs1 + 1], x[rs2], x[rs2 + 1]);
  const rd = (i >>> 6) & 62;
  x[rd] = out[0];
  x[rd + 1] = out[1];
}

function setRd(h: Hart, i: number, lo: number, hi: number): void {
  const rd = (i >>> 6) & 62;
  h.x[rd] = lo;
  h.x[rd + 1] = hi;
}

export const rvM: InsnRow[] = [
  { name: 'mul', ext: 'M', mask: R, match: M | 0x0000, format: 'R', exec: (h, i) => binop(h, i, mul64) },
  { name: 'mulh', ext: 'M', mask: R, match: M | 0x1000, format: 'R', exec: (h, i) => binop(h, i, mulh64) },
  { name: 'mulhsu', ext: 'M', mask: R, match: M | 0x2000, format: 'R', exec: (h, i) => binop(h, i, mulhsu64) },
  { name: 'mulhu', ext: 'M', mask: R, match: M | 0x3000, format: 'R', exec: (h, i) => binop(h, i, mulhu64) },
  {
    // Division by zero gives all ones; the most negative value divided by -1 gives itself.
    name: 'div', ext: 'M', mask: R, match: M | 0x4000, format: 'R',
    exec: (h, i) => {
      const x = h.x;
      const rs1 = (i >>> 14) & 62;
      const rs2 = (i >>> 19) & 62;
      const alo = x[rs1], ahi = x[rs1 + 1], blo = x[rs2], bhi = x[rs2 + 1];
      if (blo === 0 && bhi === 0) return setRd(h, i, -1, -1);
      if (blo === -1 && bhi === -1 && alo === 0 && ahi === -0x80000000) return setRd(h, i, alo, ahi);
      div64(alo, ahi, blo, bhi);
      setRd(h, i, out[0], out[1]);
    },
  },
  {
    name: 'divu', ext: 'M', mask: R, match: M | 0x5000, format: 'R',
    exec: (h, i) => {
      const x = h.x;
      const rs1 = (i >>> 14) & 62;
      const rs2 = (i >>> 19) & 62;
      const blo = x[rs2], bhi = x[rs2 + 1];
      if (blo === 0 && bhi === 0) return setRd(h, i, -1, -1);
      divu64(x[rs1], x[rs1 + 1], blo, bhi);
      setRd(h, i, out[0], out[1]);
    },
  },
  {
    // Remainder by zero gives the dividend; most negative rem -1 gives zero.
    name: 'rem', ext: 'M', mask: R, match: M | 0x6000, format: 'R',
    exec: (h, i) => {
      const x = h.x;
      const rs1 = (i >>> 14) & 62;
      const rs2 = (i >>> 19) & 62;
      const alo = x[rs1], ahi = x[rs1 + 1], blo = x[rs2], bhi = x[rs2 + 1];
      if (blo === 0 && bhi === 0) return setRd(h, i, alo, ahi);
      if (blo === -1 && bhi === -1 && alo === 0 && ahi === -0x80000000) return setRd(h, i, 0, 0);
      div64(alo, ahi, blo, bhi);
      setRd(h, i, rem[0], rem[1]);
    },
  },
  {
    name: 'remu', ext: 'M', mask: R, match: M | 0x7000, format: 'R',
    exec: (h, i) => {
      const x = h.x;
      const rs1 = (i >>> 14) & 62;
      const rs2 = (i >>> 19) & 62;
      const alo = x[rs1], ahi = x[rs1 + 1], blo = x[rs2], bhi = x[rs2 + 1];
      if (blo === 0 && bhi === 0) return setRd(h, i, alo, ahi);
      divu64(alo, ahi, blo, bhi);
      setRd(h, i, rem[0], rem[1]);
    },
  },
  {
    name: 'mulw', ext: 'M', mask: R, match: MW | 0x0000, format: 'R',
    exec: (h, i) => {
      const v = Math.imul(h.x[(i >>> 14) & 62], h.x[(i >>> 19) & 62]);
      setRd(h, i, v, v >> 31);
    },
  },
  {
    name: 'divw', ext: 'M', mask: R, match: MW | 0x4000, format: 'R',
    exec: (h, i) => {
      const a = h.x[(i >>> 14) & 62];
      const b = h.x[(i >>> 19) & 62];
      // Both the /0 case (-1) and the overflow case (-2^31 / -1 = -2^31) fall out of the checks below.
      const v = b === 0 ? -1 : b === -1 ? -a | 0 : (a / b) | 0;
      setRd(h, i, v, v >> 31);
    },
  },
  {
    name: 'divuw', ext: 'M', mask: R, match: MW | 0x5000, format: 'R',
    exec: (h, i) => {
      const a = h.x[(i >>> 14) & 62] >>> 0;
      const b = h.x[(i >>> 19) & 62] >>> 0;
      const v = b === 0 ? -1 : (a / b) | 0;
      setRd(h, i, v, v >> 31);
    },
  },
  {
    name: 'remw', ext: 'M', mask: R, match: MW | 0x6000, format: 'R',
    exec: (h, i) => {
      const a = h.x[(i >>> 14) & 62];
      const b = h.x[(i >>> 19) & 62];
      const v = b === 0 ? a : b === -1 ? 0 : a % b | 0;
      setRd(h, i, v, v >> 31);
    },
  },
  {
    name: 'remuw', ext: 'M', mask: R, match: MW | 0x7000, format: 'R',
    exec: (h, i) => {
      const a = h.x[(i >>> 14) & 62] >>> 0;
      const b = h.x[(i >>> 19) & 62] >>> 0;
      const v = b === 0 ? a | 0 : a % b | 0;
      setRd(h, i, v, v >> 31);
    },
  },
];
