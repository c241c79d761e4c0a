/** Zicsr: the six CSR instructions (unprivileged spec, chapter 7). */
import type { CsrEntry } from '../../csr/csr-file.js';
import { val } from '../../csr/csr-file.js';
import type { Hart } from '../hart.js';
import { illegal } from './illegal.js';
import type { InsnRow } from './types.js';

function entry(h: Hart, i: number, write: boolean): CsrEntry {
  const e = h.csr.lookup(i >>> 20, write);
  if (typeof e === 'number') illegal(h, i, e);
  if (write && e.write === undefined) illegal(h, i);
  return e;
}

/** op: 0 = write, 1 = set, 2 = clear. `src` is rs1's value or the zero-extended uimm. */
function csrOp(h: Hart, i: number, op: number, slo: number, shi: number, writes: boolean): void {
  const rd = (i >>> 6) & 62;
  const e = entry(h, i, writes);
  e.read(h);
  const olo = val[0];
  const ohi = val[1];
  if (writes) {
    if (op === 0) e.write!(h, slo, shi);
    else if (op === 1) e.write!(h, olo | slo, ohi | shi);
    else e.write!(h, olo & ~slo, ohi & ~shi);
  }
  h.x[rd] = olo;
  h.x[rd + 1] = ohi;
}

const M = 0x707f;

export const rvZicsr: InsnRow[] = [
  {
    name: 'csrrw', ext: 'Zicsr', mask: M, match: 0x1073, format: 'CSR',
    exec: (h, i) => {
      const rs1 = (i >>> 14) & 62;
      csrOp(h, i, 0, h.x[rs1], h.x[rs1 + 1], true);
    },
  },
  {
    // csrrs/csrrc with rs1 = x0 do not write (so they may read read-only CSRs).
    name: 'csrrs', ext: 'Zicsr', mask: M, match: 0x2073, format: 'CSR',
    exec: (h, i) => {
      const rs1 = (i >>> 14) & 62;
      csrOp(h, i, 1, h.x[rs1], h.x[rs1 + 1], rs1 !== 0);
    },
  },
  {
    name: 'csrrc', ext: 'Zicsr', mask: M, match: 0x3073, format: 'CSR',
    exec: (h, i) => {
      const rs1 = (i >>> 14) & 62;
      csrOp(h, i, 2, h.x[rs1], h.x[rs1 + 1], rs1 !== 0);
    },
  },
  {
    name: 'csrrwi', ext: 'Zicsr', mask: M, match: 0x5073, format: 'CSRI',
    exec: (h, i) => csrOp(h, i, 0, (i >>> 15) & 31, 0, true),
  },
  {
    name: 'csrrsi', ext: 'Zicsr', mask: M, match: 0x6073, format: 'CSRI',
    exec: (h, i) => csrOp(h, i, 1, (i >>> 15) & 31, 0, ((i >>> 15) & 31) !== 0),
  },
  {
    name: 'csrrci', ext: 'Zicsr', mask: M, match: 0x7073, format: 'CSRI',
    exec: (h, i) => csrOp(h, i, 2, (i >>> 15) & 31, 0, ((i >>> 15) & 31) !== 0),
  },
];
