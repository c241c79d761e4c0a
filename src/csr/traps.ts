/**
 * Trap entry and interrupt selection (privileged spec 3.1.6-3.1.9, 3.3, 10.1).
 */
import { type Hart, Priv } from '../rv64/hart.js';
import type { Trap } from '../rv64/trap.js';
import { Ip, Ms } from './csr-file.js';

const SEPC = 0x141 * 2;
const SCAUSE = 0x142 * 2;
const STVAL = 0x143 * 2;
const MEPC = 0x341 * 2;
const MCAUSE = 0x342 * 2;
const MTVAL = 0x343 * 2;

/** Enters the trap handler for `t` at the privilege level that delegation selects. */
export function takeTrap(h: Hart, t: Trap): void {
  const c = h.csr;
  const r = c.regs;
  const cause = t.cause;
  const deleg = t.interrupt ? c.mideleg : c.medeleg;
  const prev = h.priv;
  let baseLo: number;
  let baseHi: number;
  if (prev <= Priv.S && ((deleg >>> cause) & 1) !== 0) {
    r[SEPC] = h.pcLo;
    r[SEPC + 1] = h.pcHi;
    r[SCAUSE] = cause;
    r[SCAUSE + 1] = t.interrupt ? 0x80000000 | 0 : 0;
    r[STVAL] = t.tvalLo;
    r[STVAL + 1] = t.tvalHi;
    let s = c.mstatus;
    s = (s & ~Ms.SPIE) | (s & Ms.SIE ? Ms.SPIE : 0);
    s &= ~Ms.SIE;
    s = (s & ~Ms.SPP) | (prev === Priv.S ? Ms.SPP : 0);
    c.mstatus = s;
    h.priv = Priv.S;
    baseLo = c.stvecLo;
    baseHi = c.stvecHi;
  } else {
    r[MEPC] = h.pcLo;
    r[MEPC + 1] = h.pcHi;
    r[MCAUSE] = cause;
    r[MCAUSE + 1] = t.interrupt ? 0x80000000 | 0 : 0;
    r[MTVAL] = t.tvalLo;
    r[MTVAL + 1] = t.tvalHi;
    let s = c.mstatus;
    s = (s & ~Ms.MPIE) | (s & Ms.MIE ? Ms.MPIE : 0);
    s &= ~Ms.MIE;
    s = (s & ~Ms.MPP) | (prev << 11);
    c.mstatus = s;
    h.priv = Priv.M;
    baseLo = c.mtvecLo;
    baseHi = c.mtvecHi;
  }
  // Vectored mode sends interrupts to base + 4 * cause.
  let lo = baseLo & ~3;
  let hi = baseHi;
  if ((baseLo & 3) === 1 && t.interrupt) {
    const n = (lo + 4 * cause) | 0;
    hi = (hi + ((n >>> 0) < (lo >>> 0) ? 1 : 0)) | 0;
    lo = n;
  }
  h.pcLo = lo;
  h.pcHi = hi;
  h.wfi = false;
  if (h.priv !== prev) h.mmu.flush();
}

/** Interrupt priority order (privileged spec 3.1.9): MEI, MSI, MTI, SEI, SSI, STI. */
const ORDER = [11, 3, 7, 9, 1, 5];

function highest(bits: number): number {
  for (const n of ORDER) if ((bits >>> n) & 1) return n;
  return -1;
}

/** The interrupt to take now, or -1. */
export function pendingInterrupt(h: Hart): number {
  const c = h.csr;
  const pend = c.mip & c.mie;
  if (pend === 0) return -1;
  const m = pend & ~c.mideleg;
  if (m !== 0 && (h.priv < Priv.M || (c.mstatus & Ms.MIE) !== 0)) return highest(m);
  const s = pend & c.mideleg;
  if (s !== 0 && (h.priv < Priv.S || (h.priv === Priv.S && (c.mstatus & Ms.SIE) !== 0))) return highest(s);
  return -1;
}

/** Any interrupt pending and enabled in mie, whatever the global enables: what wakes WFI. */
export function wakeupPending(h: Hart): boolean {
  return (h.csr.mip & h.csr.mie) !== 0;
}

export { Ip };
