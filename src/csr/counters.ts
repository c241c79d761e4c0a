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

/**
 * User-level counter access: bit `idx` of mcounteren (from S/U), hcounteren (from VS/VU) and
 * scounteren (from U/VU). A counter M-mode enabled but the hypervisor did not is a
 * virtual-instruction exception in V=1 (H extension, "Virtual-Instruction Exceptions"), and so is
 * one blocked only by scounteren in VU.
 */
function counterCheck(idx: number) {
  return (h: Hart): number => {
    const c = h.csr;
    if (h.priv < Priv.M && ((c.mcounteren >>> idx) & 1) === 0) return Cause.IllegalInsn;
    if (h.virt !== 0 && ((c.hcounteren >>> idx) & 1) === 0) return Cause.VirtualInsn;
    if (h.priv === Priv.U && ((c.scounteren >>> idx) & 1) === 0) return h.virt !== 0 ? Cause.VirtualInsn : Cause.IllegalInsn;
    return 0;
  };
}

/** `time` as V=1 sees it: mtime + htimedelta (H extension, "Hypervisor Time Delta Register"). */
function readTime(h: Hart): void {
  const c = h.csr;
  if (h.virt === 0) setVal(c.timeNow());
  else withOffset(c.timeNow(), c.htimedeltaLo, c.htimedeltaHi);
}

/** Number of hpm event selectors (see src/timing/stats.ts Ev). */
export const HPM_EVENTS = 20;

/** Where the hpm counters get their counts: set by the machine when a timing model is attached. */
export interface HpmSource {
  source: ((selector: number) => number) | null;
}

export function defineCounters(c: CsrFile): HpmSource {
  const hpm: HpmSource = { source: null };
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
    read: readTime,
  });
  c.define(0xc02, { name: 'instret', check: counterCheck(2), read: instret });
  // mhpmcounter3..31 count what their mhpmevent selector names, as numbered by the timing model
  // (src/timing/stats.ts, docs/timing.md). A counter is the source's count plus an offset that
  // writes set (like mcycle). With no model attached they stay read-only zero with WARL-zero
  // selectors, as privileged spec 3.1.10 allows (OpenSBI then counts no hpm counters).
  const sel = new Int32Array(32);
  const offLo = new Int32Array(32);
  const offHi = new Int32Array(32);
  const count = (n: number): number => (hpm.source === null ? 0 : hpm.source(sel[n]));
  for (let n = 3; n < 32; n++) {
    const read = () => (hpm.source === null ? ((val[0] = 0), (val[1] = 0)) : withOffset(count(n), offLo[n], offHi[n]));
    c.define(0xb00 + n, {
      name: `mhpmcounter${n}`,
      read,
      write: (_h, lo, hi) => {
        if (hpm.source !== null) [offLo[n], offHi[n]] = offsetFor(count(n), lo, hi);
      },
    });
    c.define(0x320 + n, {
      name: `mhpmevent${n}`,
      read: () => ((val[0] = sel[n]), (val[1] = 0)),
      // WARL: selectors the model does not know read back as 0. The counter keeps its value.
      write: (_h, lo, hi) => {
        if (hpm.source === null) return;
        const before = count(n);
        sel[n] = hi === 0 && lo >= 0 && lo < HPM_EVENTS ? lo : 0;
        const [l, h2] = offsetFor(count(n) - before, offLo[n], offHi[n]);
        offLo[n] = l;
        offHi[n] = h2;
      },
    });
    c.define(0xc00 + n, { name: `hpmcounter${n}`, check: counterCheck(n), read });
  }
  c.define(0x320, {
    name: 'mcountinhibit',
    read: (h) => ((val[0] = h.csr.mcountinhibit), (val[1] = 0)),
    // CY, IR writable (honoured by the counters once the timing model lands); bit 1 is zero.
    write: (h, lo) => (h.csr.mcountinhibit = lo & ~2),
  });
  return hpm;
}
