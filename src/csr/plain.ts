import type { Hart } from '../rv64/hart.js';
import { type CsrEntry, val } from './csr-file.js';

/** A CSR that is plain storage with a writable-bits mask (WARL: other bits read as zero). */
export function plain(addr: number, name: string, maskLo = -1, maskHi = -1): CsrEntry {
  const i = addr * 2;
  return {
    name,
    read: (h: Hart) => {
      val[0] = h.csr.regs[i];
      val[1] = h.csr.regs[i + 1];
    },
    write: (h: Hart, lo: number, hi: number) => {
      h.csr.regs[i] = lo & maskLo;
      h.csr.regs[i + 1] = hi & maskHi;
    },
  };
}

/** A read-only CSR with a constant value. */
export function constant(name: string, lo: number, hi = 0): CsrEntry {
  return {
    name,
    read: () => {
      val[0] = lo;
      val[1] = hi;
    },
  };
}

export const TWO32 = 4294967296;

/** Splits a non-negative JS number (< 2^53) into val. */
export function setVal(n: number): void {
  val[0] = n % TWO32 | 0;
  val[1] = Math.floor(n / TWO32) | 0;
}
