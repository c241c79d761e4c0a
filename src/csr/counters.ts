/**
 * Counters (privileged spec 3.1.11 and unprivileged chapter 8): mcycle, minstret, the
 * mhpmcounters and their user aliases, with mcounteren/scounteren access rules.
 */
import { type Hart, Priv } from '../rv64/hart.js';
import { Cause } from '../rv64/trap.js';
import { type CsrFile, val } from './csr-file.js';
import { setVal, TWO32 } from './plain.js';

/** Reads n (a count < 2^53) plus a 64-bit offset into val. */
function withOffset(n: number, offLo: number, offHi: number): void {
  setVal(n);
  const a = val[0];
  const lo = (a + offLo) | 0;
  val[1] = (val[1] + offHi + ((lo >>> 0) < (a >>> 0) ? 1 : 0)) | 0;
  val[0] = lo;
}

/** The offset that makes (n + off) equal (lo, hi). */
function offsetFor(n: number, lo: number, hi: number): [number, number] {
  const nlo = n % TWO32 | 0;
  const nhi = Math.floor(n / TWO32) | 0;
  const olo = (lo - nlo) | 0;
  const ohi = (hi - nhi - ((lo >>> 0) < (nlo >>> 0) ? 1 : 0)) | 0;
  return [olo, ohi];
}

/** User-level counter access: bit `idx` of mcounteren (from S/U) and scounteren (from U). */
function counterCheck(idx: number) {
  return (h: Hart): number => {
    const c = h.csr;
    if (h.priv < Priv.M && ((c.mcounteren >>> idx) & 1) === 0) return Cause.IllegalInsn;
    if (h.priv === Priv.U && ((c.scounteren >>> idx) & 1) === 0) return Cause.IllegalInsn;
    return 0;
  };
}

export function defineCounters(c: CsrFile): void {
  const cycle = (h: Hart) => withOffset(h.csr.cycleNow(), h.csr.cycleOffLo, h.csr.cycleOffHi);
  const instret = (h: Hart) => withOffset(h.instret, h.csr.instretOffLo, h.csr.instretOffHi);
  c.define(0xb00, {
    name: 'mcycle',
    read: cycle,
    write: (h, lo, hi) => {
      // The writing instruction's own cycle is not counted (the value is visible to the next one).
      [h.csr.cycleOffLo, h.csr.cycleOffHi] = offsetFor(h.csr.cycleNow() + 1, lo, hi);
    },
  });
  c.define(0xb02, {
    name: 'minstret',
    read: instret,
    write: (h, lo, hi) => {
      [h.csr.instretOffLo, h.csr.instretOffHi] = offsetFor(h.instret + 1, lo, hi);
    },
  });
  c.define(0xc00, { name: 'cycle', check: counterCheck(0), read: cycle });
  c.define(0xc01, {
    name: 'time',
    check: counterCheck(1),
    read: (h) => setVal(h.csr.timeNow()),
  });
  c.define(0xc02, { name: 'instret', check: counterCheck(2), read: instret });
  // mhpmcounter3..31 and mhpmevent3..31: implemented as read-only zero counters with WARL-zero
  // selectors until the timing model provides events.
  for (let n = 3; n < 32; n++) {
    const zero = { name: `mhpmcounter${n}`, read: () => ((val[0] = 0), (val[1] = 0)), write: () => {} };
    c.define(0xb00 + n, zero);
    c.define(0x320 + n, { name: `mhpmevent${n}`, read: () => ((val[0] = 0), (val[1] = 0)), write: () => {} });
    c.define(0xc00 + n, { name: `hpmcounter${n}`, check: counterCheck(n), read: () => ((val[0] = 0), (val[1] = 0)) });
  }
  c.define(0x320, {
    name: 'mcountinhibit',
    read: (h) => ((val[0] = h.csr.mcountinhibit), (val[1] = 0)),
    // CY, IR writable (honoured by the counters once the timing model lands); bit 1 is zero.
    write: (h, lo) => (h.csr.mcountinhibit = lo & ~2),
  });
}
